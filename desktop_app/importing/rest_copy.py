"""The rows left out by «import the valid rows» (``--skip-bad``), as a file to fix and
import again: each sheet's title and header rows as they were (merged header cells too),
then only the rows with problems, their bad cells filled red with the message, and the
«Lỗi» list pointing at the rows of this copy. Values only (the reader's grid), so any
input format gives an .xlsx.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from desktop_app import sheet_text
from desktop_app.atomic import atomic_write
from desktop_app.errors import Problem
from desktop_app.importing.errors_book import ERRORS_SHEET, _list_sheet, _mark, check_target
from desktop_app.importing.layout import Layout
from desktop_app.importing.reader import read_book
from desktop_app.importing.rows import Merged


def write_rest(source: str | Path, layouts: list[Layout], problems: list[Problem],
               target: str | Path) -> Path:
    """The copy of ``source`` holding only its rows with problems (``layouts``: as imported)."""
    check_target(source, target)
    sheets = {s.name: s for s in read_book(source)}
    book = Workbook()
    book.remove(book.active)
    moved: list[Problem] = [p for p in problems if not p.row]  # a missing column: the whole sheet
    for lay in layouts:
        sheet = sheets[lay.sheet]
        bad = sorted({p.row for p in problems if p.sheet == sheet.name and p.row})
        if not bad:
            continue
        ws = book.create_sheet(sheet.name[:31])
        head = sheet.rows[:lay.data_start]
        wanted = set(bad)
        merged, kept = Merged(sheet, lay.data_start, {c.index for c in lay.mapped()}), []
        for n, row in enumerate(sheet.data(lay.data_start), start=lay.data_start + 1):
            row = merged.fill(n - 1, row) if merged.spans else row  # as the import read it
            if n in wanted:
                kept.append(row)
        for r, row in enumerate([*head, *kept], start=1):
            for c, value in enumerate(row, start=1):
                if value not in ("", None):
                    sheet_text.put(ws.cell(r, c), value)
        for r0, c0, r1, c1 in sheet.merges:
            if r1 < lay.data_start:
                ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
        where = {n: len(head) + i for i, n in enumerate(bad, start=1)}
        for p in problems:
            if p.sheet == sheet.name and p.row in where:
                q = Problem(p.message, p.field, p.label, p.value, where[p.row], p.sheet, p.file, p.column)
                moved.append(q)
                if q.column:
                    _mark(ws[f"{q.column}{q.row}"], q.message)
    _list_sheet(book.create_sheet(ERRORS_SHEET, 0), moved)
    book.active = 0
    with atomic_write(target) as handle:
        book.save(handle)
    return Path(target)
