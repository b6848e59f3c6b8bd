"""Reading spreadsheet files into plain grids of values.

Values come from python-calamine (.xlsx, .xlsm, .xls, .ods): an order of
magnitude faster than openpyxl. openpyxl is opened only for what calamine
cannot give, the cell font names, and only when the workbook's style table
names a legacy font (.Vn…, VNI-…), so ordinary Unicode files never pay for
it. CSV is read as UTF-8 (with or without BOM) or, failing that, CP1258.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from desktop_app.errors import ValidationError
from desktop_app.importing import extent, extent_other, legacy, stream

SPREADSHEETS = {".xlsx", ".xlsm", ".xls", ".ods"}


@dataclass
class Sheet:
    """One sheet as a grid: ``rows[i][j]`` is Excel row i+1, column j+1.

    A sheet too big to hold (``stream``, see importing.stream) keeps only its first rows in
    ``rows``; ``data`` reads the rest from the file again. ``height``: the sheet's rows."""

    name: str
    rows: list[list]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 (0-based)
    legacy_cells: int = 0  # cells converted from a legacy font encoding
    height: int = -1
    stream: Callable[[int], Iterator[list]] | None = None

    def __post_init__(self):
        if self.height < 0:
            self.height = len(self.rows)

    def cell(self, row: int, col: int):
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""

    def data(self, start: int, *, release: bool = False) -> Iterator[list]:
        """Rows from index ``start`` on; ``release``: let each grid row go once given."""
        if self.stream is not None:
            yield from self.stream(start)
            return
        grid = self.rows
        for r in range(start, len(grid)):
            cells = grid[r]
            if release:
                grid[r] = _GONE
            yield cells


_GONE: list = []


def read_book(path: str | Path) -> list[Sheet]:
    """Every visible sheet of a spreadsheet or CSV file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [Sheet(path.stem, read_csv_rows(path))]
    if suffix not in SPREADSHEETS:
        raise ValidationError(f"Tệp «{path.name}» không phải bảng tính Excel hoặc CSV.")
    # every sheet's extent before calamine allocates its rectangle (an .ods: before it opens,
    # since calamine reads all of its sheets then)
    found = extent_other.check_book(path, None) if suffix == ".ods" else None
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise ValidationError(f"Không đọc được tệp «{path.name}»: tệp hỏng hoặc không phải "
                              f"bảng tính ({exc}).") from None
    try:
        names = [meta.name for meta in book.sheets_metadata
                 if meta.visible == SheetVisibleEnum.Visible and meta.typ == SheetTypeEnum.WorkSheet]
        if found is None:
            found = (extent_other if suffix == ".xls" else extent).check_book(path, names)
        fonts = suffix in (".xlsx", ".xlsm") and _has_legacy_fonts(path)
        sheets = [_streamed(path, name, found[name], fonts) if _cells(found, name) > stream.GRID_CELLS
                  else _read_sheet(book, name, path.name) for name in names]
    finally:
        book.close()
    if fonts:
        _decode_legacy(path, [s for s in sheets if s.stream is None])
    return sheets


def _cells(found: dict[str, extent.Extent], name: str) -> int:
    return found[name].cells if name in found else 0


def _streamed(path: Path, name: str, size: extent.Extent, fonts: bool) -> Sheet:
    """A sheet read row by row each time it is needed; its first rows kept."""
    read = functools.partial(stream.rows, path, name, size.last_row, size.last_col, legacy_fonts=fonts)
    head = list(itertools.islice(read(0), stream.HEAD_ROWS))
    return Sheet(name, head, size.merges, height=size.last_row, stream=read)


def _read_sheet(book: CalamineWorkbook, name: str, file: str) -> Sheet:
    try:
        sheet = book.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False)
    except Exception as exc:  # noqa: BLE001 - calamine's XmlError, ZipError…: a damaged sheet
        raise ValidationError(f"Không đọc được trang «{name}» của tệp «{file}»: nội dung trang bị hỏng "
                              f"hoặc có cấu trúc bảng tính không cho phép ({_short(exc)}).") from None
    try:
        merges = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
    except Exception:  # noqa: BLE001 - merges are a hint for headers, not required
        merges = []
    del sheet  # calamine's copy of the cells goes now, not at the end of the book
    share_repeats(rows)
    return Sheet(name, rows, merges)


PROBE_ROWS, MOSTLY_UNIQUE = 1000, 500


def share_repeats(rows: list[list]) -> None:
    """Make equal texts down a column one shared object (memory, issue #16).

    calamine gives every cell its own string; in a staff list most columns repeat a few
    values (gender, unit, rank, dates, coefficients), and 200,000 rows × 30 columns of
    copies were most of an import's memory. A column whose first PROBE_ROWS rows are
    mostly distinct (names, CCCD) is left alone, so the look-up tables stay small."""
    caches: dict[int, dict[str, str]] = {}
    given_up: set[int] = set()
    for n, row in enumerate(rows):
        for j, value in enumerate(row):
            if value.__class__ is str and j not in given_up:
                row[j] = caches.setdefault(j, {}).setdefault(value, value)
        if n == PROBE_ROWS:
            given_up.update(j for j, cache in caches.items() if len(cache) > MOSTLY_UNIQUE)
            for j in given_up:
                caches.pop(j, None)


def _has_legacy_fonts(path: Path) -> bool:
    """Peek at the style table: does any font carry a legacy name?"""
    try:
        with zipfile.ZipFile(path) as z:
            styles = z.read("xl/styles.xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile):
        return False
    names = re.findall(r'<(?:\w+:)?name val="([^"]*)"', styles)
    return any(legacy.encoding_of(n) for n in names)


def _decode_legacy(path: Path, sheets: list[Sheet]) -> None:
    """Convert the text of cells whose font is a legacy one (openpyxl for fonts)."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        by_name = {s.name: s for s in sheets}
        for ws in book.worksheets:
            sheet = by_name.get(ws.title)
            if sheet is not None:
                _decode_sheet(ws, sheet)
    finally:
        book.close()


def _decode_sheet(ws, sheet: Sheet) -> None:
    for cells in ws.iter_rows():
        for c in cells:
            value = getattr(c, "value", None)
            if not isinstance(value, str) or value.isascii():
                continue
            encoding = legacy.encoding_of(c.font.name if c.font else None)
            if encoding is None:
                continue
            r, col = c.row - 1, c.column - 1
            if r < len(sheet.rows) and col < len(sheet.rows[r]):
                sheet.rows[r][col] = legacy.decode(value, encoding)
                sheet.legacy_cells += 1


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__


# A cell longer than this is an unclosed quote swallowing the rest of the file, not data.
CSV_FIELD_LIMIT = 1 << 20


def read_csv_rows(path: Path) -> list[list]:
    data = path.read_bytes()
    try:
        text = decode_csv_bytes(data)
    except UnicodeDecodeError as exc:
        raise ValidationError(f"Tệp «{path.name}» bắt đầu bằng dấu UTF-8 nhưng có byte không hợp lệ ở vị "
                              f"trí {exc.start + 3}: tệp hỏng hoặc bị lưu sai bảng mã. Hãy lưu lại tệp "
                              "dạng «CSV UTF-8» rồi thử lại.") from None
    sample = text[:4096]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    # Only the delimiter is taken from the sniffer: its guess of the quoting rules is unsafe with
    # line breaks and "" inside quoted cells; Excel's own rules are what every office tool writes.
    dialect = type("Sniffed", (csv.excel,), {"delimiter": delimiter})
    # newline="": the csv module itself splits records, so a line break (\n, \r\n or a lone \r)
    # inside a quoted cell stays in the cell instead of ending the record
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    limit = csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        return [list(r) for r in reader]
    except csv.Error as exc:
        raise ValidationError(_csv_message(path.name, reader.line_num, exc)) from None
    finally:
        csv.field_size_limit(limit)


def _csv_message(name: str, line: int, exc: csv.Error) -> str:
    if "field larger" in str(exc):
        why = (f"một ô dài hơn {CSV_FIELD_LIMIT // 1024} nghìn ký tự: có lẽ một dấu ngoặc kép (\") "
               "mở mà không đóng")
    else:
        why = f"dòng không đúng định dạng CSV ({_short(exc)})"
    return f"Không đọc được tệp «{name}» tới dòng {line}: {why}. Hãy sửa tệp rồi thử lại."


def decode_csv_bytes(data: bytes) -> str:
    """UTF-8 (BOM or not) first; Windows Vietnamese CP1258 otherwise. NFC either way."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1258", errors="replace")
    return unicodedata.normalize("NFC", text)
