"""How big an .ods or .xls sheet really is, found before calamine reads it (issue #16).

calamine holds a sheet as one rectangle, and an OpenDocument sheet can declare a
cell or a row repeated a million times in a few bytes
(``table:number-columns-repeated``, ``table:number-rows-repeated``). content.xml
is therefore parsed first, streaming (lxml, no entities, no network, no huge
trees) and with each row dropped once counted; repeats are counted, not made.
Empty repeated cells and rows (LibreOffice ends every sheet with them) hold
nothing and do not count, as calamine skips them. An .ods (or .xls) sheet is
read whole, so its limit is GRID_CELLS, the most held in memory; a bigger list
is refused with the way out: save it as .xlsx, which is read row by row.

An .xls (BIFF8 inside an OLE2 compound file) is sized by its cell records, as
calamine makes its rectangle from them: a stray cell at row 65536, column IV
would ask for 16.7 million cells. The DIMENSIONS record is not trusted: it may
lie. The container is walked with every chain bounded (importing.ole2).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from desktop_app.importing import ole2, sniff
from desktop_app.importing.extent import Extent, check_member, damaged, refuse_if_too_big
from desktop_app.importing.stream import GRID_CELLS

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_T, _ROW = f"{{{_TABLE}}}table", f"{{{_TABLE}}}table-row"
_CELLS = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
_NAME, _VALUE = f"{{{_TABLE}}}name", f"{{{_OFFICE}}}value-type"
_ROWS_REP, _COLS_REP = f"{{{_TABLE}}}number-rows-repeated", f"{{{_TABLE}}}number-columns-repeated"
_WHOLE = " khi đọc cả trang một lúc (tệp .ods, .xls); lưu tệp thành .xlsx thì đọc được tới 6.000.000 ô"


def check_book(path: Path, sheet_names: list[str] | None) -> dict[str, Extent]:
    """Each named sheet's extent (None: every sheet); ValidationError if one is too big to read.
    calamine reads every sheet of an .ods or .xls when it opens the file: this comes first."""
    found = {name: Extent() for name in sheet_names or ()}
    if path.suffix.lower() == ".xls":
        found.update(_xls(path, sheet_names))
        return found
    if path.suffix.lower() != ".ods":
        return found
    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("content.xml")
            check_member(info, path.name)
            with z.open(info) as stream:
                found.update((k, v) for k, v in scan(stream).items() if sheet_names is None or k in found)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError, EOFError, ValueError) as exc:
        raise damaged(path, type(exc).__name__) from None
    for name, extent in found.items():
        refuse_if_too_big(extent, name, path.name, GRID_CELLS, _WHOLE)
    return found


def _xls(path: Path, sheet_names: list[str] | None) -> dict[str, Extent]:
    try:
        found = ole2.biff_extents(ole2.workbook_stream(path))
    except ole2.Damaged as exc:
        raise sniff.unreadable(path, f"Không đọc được tệp «{path.name}»: tệp hỏng hoặc không phải bảng tính "
                                     f"Excel 97–2003 ({exc}).") from None
    wanted = found if sheet_names is None else {n: found.get(n, Extent()) for n in sheet_names}
    for name, extent in wanted.items():
        refuse_if_too_big(extent, name, path.name, GRID_CELLS, _WHOLE)
    return dict(wanted)


def scan(stream) -> dict[str, Extent]:
    """Sheet name → the extent of its cells holding something, repeats counted."""
    found: dict[str, Extent] = {}
    extent, row, col, filled = Extent(), 0, 0, False
    parser = etree.iterparse(stream, events=("start", "end"), tag=(_T, _ROW, *_CELLS),
                             resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    for event, el in parser:
        if event == "start":
            if el.tag == _T:
                extent, row = found.setdefault(el.get(_NAME, ""), Extent()), 0
            elif el.tag == _ROW:
                col, filled = 0, False
            continue
        if el.tag in _CELLS:
            repeat = _count(el.get(_COLS_REP))
            if el.get(_VALUE) or len(el) or (el.text or "").strip():
                extent.add(row + 1, col + 1)
                extent.add(row + 1, col + repeat)
                filled = True
            col += repeat
            el.clear(keep_tail=True)
        elif el.tag == _ROW:
            repeat = _count(el.get(_ROWS_REP))
            if filled:
                extent.add(row + repeat, extent.last_col)
            row += repeat
            el.clear(keep_tail=True)
            while el.getprevious() is not None:
                del el.getparent()[0]
    return found


def _count(text: str | None) -> int:
    try:
        return max(int(text or 1), 1)
    except ValueError:
        return 1
