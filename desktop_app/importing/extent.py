"""How big a sheet really is, found before calamine reads it.

calamine holds a sheet as one rectangle from its first to its last cell with a
value: a 5 KB .xlsx with a stray value at XFD1048576 asks for 17 billion cells
(about 512 GB) and the process aborts, taking the GUI with it. So the sheet's
XML is scanned first, streaming and in bounded chunks, for the rows and columns
of the cells that hold something (``<c …>…</c>``; an empty styled ``<c …/>`` is
ignored, as calamine ignores it); a sheet whose rectangle exceeds MAX_CELLS is
refused with a message naming the far cell. The declared ``<dimension>`` is not
trusted either way: calamine does not use it, and it may lie.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from desktop_app.errors import ValidationError
from desktop_app.importing import sniff
from desktop_app.vntext import format_number

MAX_CELLS = 6_000_000  # 200,000 rows × 30 columns; about 200 MB inside calamine
MAX_XML_BYTES = 2 << 30  # a sheet's XML beyond 2 GB is not a staff list
CHUNK = 1 << 20
MAX_RATIO = 200  # a member inflating more than this (and beyond MIN_BOMB bytes) is a zip bomb
MIN_BOMB = 50 << 20

_TAG = re.compile(rb"<(?:[\w.-]+:)?(row|c)\b([^>]*?)(/?)>")
# The usual form of a cell holding something: its reference first, not self-closing.
_VALUED = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*(?<!/)>')
_REF = re.compile(rb"""\br\s*=\s*["']([A-Z]*)([0-9]*)["']""")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


@dataclass
class Extent:
    """The rectangle of cells with values, 1-based and inclusive (0 when the sheet is empty)."""

    first_row: int = 0
    last_row: int = 0
    first_col: int = 0
    last_col: int = 0
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 (0-based)

    @property
    def cells(self) -> int:
        if not self.last_row:
            return 0
        return (self.last_row - self.first_row + 1) * (self.last_col - self.first_col + 1)

    def add(self, row: int, col: int) -> None:
        if not self.last_row:
            self.first_row = self.last_row = row
            self.first_col = self.last_col = col
            return
        self.first_row, self.last_row = min(self.first_row, row), max(self.last_row, row)
        self.first_col, self.last_col = min(self.first_col, col), max(self.last_col, col)


def check_book(path: Path, sheet_names: list[str]) -> dict[str, Extent]:
    """Each named sheet's extent (of an .xlsx/.xlsm); ValidationError if one is too big to read."""
    found = {name: Extent() for name in sheet_names}
    try:
        with zipfile.ZipFile(path) as z:
            members = sheet_members(z)
            for name in sheet_names:
                member = members.get(name)
                if member is not None:
                    found[name] = _check_sheet(z, member, name, path.name)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError, EOFError, ValueError) as exc:
        raise damaged(path, type(exc).__name__) from None
    return found


def damaged(path: Path, why: str) -> ValidationError:
    """The message for a spreadsheet that cannot be read at all: what the file really is when
    that is known (importing.sniff), else «damaged» with ``why`` in brackets."""
    return sniff.unreadable(path, f"Không đọc được tệp «{path.name}»: tệp hỏng hoặc không phải bảng tính "
                                  f"({why}).")


def sheet_members(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its XML member, from xl/workbook.xml and its relationships."""
    book = etree.fromstring(z.read("xl/workbook.xml"), _PARSER)
    rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"), _PARSER)
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    members = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_REL), "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        members[sheet.get("name", "")] = member
    return members


def _check_sheet(z: zipfile.ZipFile, member: str, name: str, file: str) -> Extent:
    if z.getinfo(member).file_size > MAX_XML_BYTES:
        raise ValidationError(f"Trang «{name}» của tệp «{file}» quá lớn để đọc (hơn 2 GB dữ liệu).")
    check_member(z.getinfo(member), file)
    with z.open(member) as stream:
        extent = scan(stream)
    refuse_if_too_big(extent, name, file, MAX_CELLS)
    return extent


def check_member(info: zipfile.ZipInfo, file: str) -> None:
    """Refuse a member too big to read or inflating like a zip bomb, by its declared sizes
    (zipfile never inflates past the declared size)."""
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > MAX_XML_BYTES or (info.file_size > MIN_BOMB and ratio > MAX_RATIO):
        raise ValidationError(f"Tệp «{file}» không đọc được: phần «{info.filename}» nén {ratio:.0f} lần, "
                              f"giải nén ra {info.file_size // (1 << 20)} MB — không phải một bảng tính "
                              "bình thường (có thể là tệp «bom nén»).")


def refuse_if_too_big(extent: Extent, name: str, file: str, limit: int, why: str = "") -> None:
    if extent.cells > limit:
        far = f"{column_letters(extent.last_col)}{extent.last_row}"
        raise ValidationError(
            f"Trang «{name}» của tệp «{file}» trải từ dòng {extent.first_row} tới dòng {extent.last_row}, "
            f"tới cột {column_letters(extent.last_col)} (ô {far} có dữ liệu): "
            f"{format_number(extent.cells)} ô, quá giới hạn {format_number(limit)} ô mà phần mềm "
            f"đọc được{why}. Hãy xóa các dòng, cột thừa ở cuối trang rồi lưu lại.")


def scan(stream) -> Extent:
    """The extent of the cells holding something, reading ``stream`` CHUNK bytes at a time.

    Cells normally carry their reference (``r="B7"``): a chunk's references are then found
    by two C-speed regex passes. A sheet whose cells omit it (allowed, rare) is followed
    tag by tag from the first such chunk on."""
    extent, tail, slow, state = Extent(), b"", False, (0, 0)
    while True:
        chunk = stream.read(CHUNK)
        data = tail + chunk
        cut = data.rfind(b"<") if chunk else len(data)
        cut = cut if cut >= 0 else len(data)
        slow = slow or not _usual_form(data, cut)
        if slow:
            for m in _TAG.finditer(data, 0, cut):
                state = _step(m, *state, extent)
        else:
            _fast(data[:cut], extent)
        if b"<mergeCell " in data:
            _merges(data[:cut], extent)
        if not chunk:
            return extent
        tail = data[cut:]


_MERGE = re.compile(rb'<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref\s*=\s*'
                    rb'"([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})"')


def _merges(data: bytes, extent: Extent) -> None:
    """Merged ranges (headers spanning columns), for a sheet read without calamine."""
    for c0, r0, c1, r1 in _MERGE.findall(data):
        extent.merges.append((int(r0) - 1, column_number(c0.decode()) - 1,
                              int(r1) - 1, column_number(c1.decode()) - 1))


def _usual_form(data: bytes, cut: int) -> bool:
    """Every cell tag before ``cut`` is ``<c r="…"`` (no prefix, reference first): literal
    counts, much cheaper than a regex over the chunk."""
    tags = sum(data.count(t, 0, cut) for t in (b"<c ", b"<c>", b"<c/"))
    return tags == data.count(b'<c r="', 0, cut) and data.find(b":c", 0, cut) < 0


def _fast(data: bytes, extent: Extent) -> None:
    refs = _VALUED.findall(data)
    if not refs:
        return
    letters, digits = zip(*refs, strict=True)
    rows = list(map(int, digits))
    cols = [column_number(x.decode()) for x in set(letters)]
    extent.add(min(rows), min(cols))
    extent.add(max(rows), max(cols))


def _step(m: re.Match, row: int, col: int, extent: Extent) -> tuple[int, int]:
    """Follow one <row> or <c> tag; cells and rows without ``r`` continue from the previous one."""
    ref = _REF.search(m[2])
    if m[1] == b"row":
        return (int(ref[2]) if ref and ref[2] else row + 1), 0
    letters, digits = (ref[1], ref[2]) if ref else (b"", b"")
    col = column_number(letters.decode()) if letters else col + 1
    row = int(digits) if digits else row
    if not m[3]:  # <c …>…</c> holds a value, a formula or inline text; <c …/> holds nothing
        extent.add(row, col)
    return row, col


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out
