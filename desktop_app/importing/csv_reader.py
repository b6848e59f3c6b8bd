"""CSV files: UTF-8 (with or without BOM) or, failing that, Windows Vietnamese CP1258; NFC.

A file up to WHOLE_BYTES is decoded and split at once. A bigger one is streamed
(issue #16: an import's memory must not grow with its rows): its encoding is
found in one pass of 1 MB chunks, and each reading of its rows decodes the file
again as it goes, one record at a time. The rules are the same either way:
only the delimiter is sniffed, Excel's quoting, a line break inside a quoted
cell stays in the cell, a cell over CSV_FIELD_LIMIT is an unclosed quote.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import itertools
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from desktop_app.errors import ValidationError

WHOLE_BYTES = 8 << 20  # a bigger CSV is streamed
_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # Excel's «Unicode Text», some HR software's CSV


# A cell longer than this is an unclosed quote swallowing the rest of the file, not data.
CSV_FIELD_LIMIT = 1 << 20


def read_csv_rows(path: Path) -> list[list]:
    data = path.read_bytes()
    try:
        text = decode_csv_bytes(data)
    except UnicodeDecodeError as exc:
        raise ValidationError(_bom_message(path.name, exc.start, data[:2] in _UTF16_BOMS)) from None
    return list(_records(path.name, io.StringIO(text, newline=""), _delimiter(text[:4096]), 0))


def _bom_message(name: str, at: int, utf16: bool) -> str:
    """``at``: the bad byte's offset after a UTF-8 BOM (3 bytes), or in a UTF-16 file (BOM included)."""
    kind, at = ("UTF-16", at) if utf16 else ("UTF-8", at + 3)
    return (f"Tệp «{name}» bắt đầu bằng dấu {kind} nhưng có byte không hợp lệ ở vị trí {at}: tệp "
            "hỏng hoặc bị lưu sai bảng mã. Hãy lưu lại tệp dạng «CSV UTF-8» rồi thử lại.")


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _csv_message(name: str, line: int, exc: csv.Error) -> str:
    if "field larger" in str(exc):
        why = (f"một ô dài hơn {CSV_FIELD_LIMIT // 1024} nghìn ký tự: có lẽ một dấu ngoặc kép (\") "
               "mở mà không đóng")
    else:
        why = f"dòng không đúng định dạng CSV ({' '.join(str(exc).split())[:160]})"
    return f"Không đọc được tệp «{name}» tới dòng {line}: {why}. Hãy sửa tệp rồi thử lại."


def decode_csv_bytes(data: bytes) -> str:
    """UTF-16 with its BOM; UTF-8 (BOM or not); Windows Vietnamese CP1258 otherwise. NFC."""
    if data[:2] in _UTF16_BOMS:
        text = data.decode("utf-16")
    elif data.startswith(_BOM):
        text = data[3:].decode("utf-8")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1258", errors="replace")
    return unicodedata.normalize("NFC", text)


def streamed(path: Path) -> tuple[Callable[[int], Iterator[list]], int]:
    """(rows from index i on, read again each time; how many rows): the file is checked
    whole here, so a damaged record is reported now, as a whole reading would."""
    encoding = _encoding(path)
    with _text(path, encoding) as text:
        sample = text.read(4096)
    read = functools.partial(_rows, path, encoding, _delimiter(sample))
    return read, sum(1 for _ in read(0))


def _rows(path: Path, encoding: str, delimiter: str, start: int) -> Iterator[list]:
    with _text(path, encoding) as text:
        yield from _records(path.name, text, delimiter, start)


def _records(name: str, text: io.TextIOBase, delimiter: str, start: int) -> Iterator[list]:
    """The rows from index ``start`` on, each cell NFC. Only the delimiter is taken from the
    sniffer: its guess of the quoting rules is unsafe with line breaks and "" inside quoted
    cells; Excel's own rules are what every office tool writes. The text is opened with
    newline="": the csv module itself splits records, so a line break (\\n, \\r\\n or a lone \\r)
    inside a quoted cell stays in the cell instead of ending the record."""
    dialect = type("Sniffed", (csv.excel,), {"delimiter": delimiter})
    reader = csv.reader(text, dialect)
    limit = csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        for row in itertools.islice(reader, start, None):
            yield [cell if cell.isascii() else unicodedata.normalize("NFC", cell) for cell in row]
    except csv.Error as exc:
        raise ValidationError(_csv_message(name, reader.line_num, exc)) from None
    finally:
        csv.field_size_limit(limit)


def _text(path: Path, encoding: str) -> io.TextIOWrapper:
    raw = open(path, "rb")  # noqa: SIM115 - closed with the wrapper
    if encoding == "utf-8" and raw.read(3) != _BOM:
        raw.seek(0)
    return io.TextIOWrapper(raw, encoding=encoding, errors="replace" if encoding == "cp1258" else "strict",
                            newline="")


def _encoding(path: Path) -> str:
    """utf-16 after its BOM (every byte must decode); utf-8 when every byte decodes (a BOM file
    must), else cp1258; read 1 MB at a time."""
    offset = 0
    with open(path, "rb") as raw:
        head = raw.read(3)
        utf16 = head[:2] in _UTF16_BOMS
        decoder = codecs.getincrementaldecoder("utf-16" if utf16 else "utf-8")()
        bom = head == _BOM or utf16
        raw.seek(0 if utf16 else 3 if bom else 0)
        try:
            while chunk := raw.read(1 << 20):
                decoder.decode(chunk)
                offset += len(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            if bom:
                raise ValidationError(_bom_message(path.name, offset + exc.start, utf16)) from None
            return "cp1258"
    return "utf-16" if utf16 else "utf-8"
