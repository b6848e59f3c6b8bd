"""Reading spreadsheet files into plain grids of values.

Values come from python-calamine (.xlsx, .xlsm, .xls, .ods): an order of
magnitude faster than openpyxl. openpyxl is opened only for what calamine
cannot give, the cell font names, and only when the workbook's style table
names a legacy font (.Vn…, VNI-…), so ordinary Unicode files never pay for
it. CSV is read as UTF-8 (with or without BOM) or, failing that, CP1258.
"""

from __future__ import annotations

import functools
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from desktop_app.errors import ValidationError
from desktop_app.importing import csv_reader, extent, extent_other, legacy, sniff, stream
from desktop_app.importing.csv_reader import decode_csv_bytes, read_csv_rows

__all__ = ["SPREADSHEETS", "Sheet", "decode_csv_bytes", "read_book", "read_csv_rows"]

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


def csv_sheet(path: Path) -> Sheet:
    """A CSV file as one sheet; a big one streamed (see csv_reader)."""
    if path.stat().st_size <= csv_reader.WHOLE_BYTES:
        return Sheet(path.stem, read_csv_rows(path))
    read, height = csv_reader.streamed(path)
    return Sheet(path.stem, list(itertools.islice(read(0), stream.HEAD_ROWS)), height=height, stream=read)


def read_book(path: str | Path) -> list[Sheet]:
    """Every visible sheet of a spreadsheet or CSV file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [csv_sheet(path)]
    if suffix not in SPREADSHEETS:
        raise ValidationError(f"Tệp «{path.name}» không phải bảng tính Excel hoặc CSV.")
    # every sheet's extent before calamine allocates its rectangle (an .ods or .xls: before it
    # opens, since calamine reads all of their sheets then)
    found = extent_other.check_book(path, None) if suffix in (".ods", ".xls") else None
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise sniff.unreadable(path, f"Không đọc được tệp «{path.name}»: tệp hỏng hoặc không phải "
                                     f"bảng tính ({exc}).") from None
    try:
        names = _worksheets(book, visible=True)
        if found is None:
            found = extent.check_book(path, names)
        fonts = suffix in (".xlsx", ".xlsm") and _has_legacy_fonts(path)
        sheets = [_streamed(path, name, found[name], fonts) if _cells(found, name) > stream.GRID_CELLS
                  else _read_sheet(book, name, path.name) for name in names]
    finally:
        book.close()
    if fonts:
        _decode_legacy(path, [s for s in sheets if s.stream is None])
    return sheets


def hidden_sheets(path: Path) -> list[str]:
    """The worksheets a clerk hid (not read by ``read_book``), to say so when nothing was found."""
    if path.suffix.lower() not in SPREADSHEETS:
        return []
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception:  # noqa: BLE001 - read_book has already told what is wrong with the file
        return []
    try:
        return _worksheets(book, visible=False)
    finally:
        book.close()


def _worksheets(book: CalamineWorkbook, visible: bool) -> list[str]:
    """The names of the book's worksheets (not chart sheets) shown, or hidden, to the clerk."""
    return [meta.name for meta in book.sheets_metadata if meta.typ == SheetTypeEnum.WorkSheet
            and (meta.visible == SheetVisibleEnum.Visible) == visible]


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
