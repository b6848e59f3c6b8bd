"""The clerk's file marked with its problems: a copy of the input with every
bad cell filled red and a comment holding the message, plus a sheet «Lỗi»
listing all problems with sheet, row, column, value and message.

An .xlsx input is copied with openpyxl (keeping its look); .xls and CSV,
which openpyxl cannot open, are rebuilt from the values that were read.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from desktop_app import sheet_text, vntext
from desktop_app.atomic import WriteFailed, atomic_write, refuse_database
from desktop_app.errors import Problem
from desktop_app.importing.reader import read_book

RED = PatternFill("solid", fgColor="FFC7CE")
ERRORS_SHEET = "Lỗi"
HEADERS = ("Trang", "Dòng", "Cột", "Tên cột", "Giá trị", "Lỗi")


def check_target(source: str | Path, target: str | Path) -> None:
    """The error copy may go anywhere but over the file being imported (the clerk's original,
    its formulas and other sheets, would be lost), over a data file, or onto a folder."""
    if Path(target).is_dir():
        raise WriteFailed(f"Không ghi được tệp lỗi «{target}»: đó là một thư mục; hãy ghi tên tệp.")
    if _same_file(source, target):
        raise WriteFailed(f"Tệp lỗi «{Path(target).name}» trùng với tệp đang nhập; ghi vào đó sẽ mất "
                          "bản gốc. Hãy chọn tên tệp lỗi khác.")
    refuse_database(Path(target))


def _same_file(source: str | Path, target: str | Path) -> bool:
    try:
        return os.path.samefile(source, target)
    except OSError:  # the target not there yet (the usual case), or the source gone
        return False


def write_errors(source: str | Path, problems: list[Problem], target: str | Path) -> Path:
    check_target(source, target)
    source = Path(source)
    book = _copy(source)
    for p in problems:
        if p.sheet in book.sheetnames and p.row and p.column:
            _mark(book[p.sheet][f"{p.column}{p.row}"], p.message)
    if ERRORS_SHEET in book.sheetnames:
        del book[ERRORS_SHEET]
    _list_sheet(book.create_sheet(ERRORS_SHEET, 0), problems)
    book.active = 0
    with atomic_write(target) as handle:
        book.save(handle)
    return Path(target)


def _copy(source: Path) -> Workbook:
    if source.suffix.lower() in (".xlsx", ".xlsm") and not _has_doctype(source):
        try:
            return load_workbook(source)
        except Exception:  # noqa: BLE001 - openpyxl cannot copy it; the values still can be
            pass
    return _rebuild(source)


def _has_doctype(source: Path) -> bool:
    """A DOCTYPE (entities, external references) has no place in an .xlsx; such a file is
    rebuilt from the values calamine read, never parsed by openpyxl."""
    try:
        with zipfile.ZipFile(source) as z:
            for info in z.infolist():
                if info.filename.endswith((".xml", ".rels")):
                    with z.open(info) as member:
                        if b"<!DOCTYPE" in member.read(4096).upper():
                            return True
    except (zipfile.BadZipFile, OSError, EOFError):
        return True
    return False


def _rebuild(source: Path) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    for sheet in read_book(source):
        ws = book.create_sheet(sheet.name[:31])
        for r, row in enumerate(sheet.data(0), start=1):
            for c, value in enumerate(row, start=1):
                if value not in ("", None):
                    sheet_text.put(ws.cell(r, c), value)
    return book


def _mark(cell, message: str) -> None:
    if isinstance(cell, MergedCell):  # inside a merged range: its first cell takes fill and note
        anchor = _anchor(cell)
        message, cell = f"Dòng {cell.row}: {message}", anchor
    cell.fill = RED
    message = vntext.strip_invisible(message)
    text = message if cell.comment is None else f"{cell.comment.text}\n{message}"
    cell.comment = Comment(text, "Biên chế")


def _anchor(cell):
    """The first cell of the merged range holding ``cell`` (openpyxl's MergedCell takes no note)."""
    sheet = cell.parent
    for merged in sheet.merged_cells.ranges:
        if cell.coordinate in merged:
            return sheet.cell(merged.min_row, merged.min_col)
    return cell


def _list_sheet(ws, problems: list[Problem]) -> None:
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r, p in enumerate(problems, start=2):
        value = p.value if isinstance(p.value, (int, float, str)) or p.value is None else str(p.value)
        for c, cell_value in enumerate((p.sheet, p.row, p.column, p.label, value, p.message), start=1):
            sheet_text.put(ws.cell(r, c), cell_value)
    for letter, width in zip("ABCDEF", (14, 7, 6, 28, 24, 70), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
