"""A list shown on screen written to an Excel file (issue #18 §5): the rows the
clerk filtered, the columns they show, in the order shown, as text exactly as
displayed (dates dd/mm/yyyy, labels not codes), with a bold frozen header row
and filters; written to a temporary name and renamed (desktop_app.atomic)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from desktop_app import sheet_text
from desktop_app.atomic import write_with

_SHEET_TITLE_MAX = 31  # Excel's limit


def write_xlsx(path: str | Path, title: str, headers: Sequence[str],
               rows: Iterable[Sequence[str]]) -> Path:
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = title[:_SHEET_TITLE_MAX]
    for c, text in enumerate(headers, start=1):
        sheet_text.put(sheet.cell(1, c), text)
        sheet.cell(1, c).font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            sheet_text.put(sheet.cell(r, c), value)  # «=HYPERLINK(…)» in a name stays a name
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = sheet.dimensions
    return write_with(path, book.save)
