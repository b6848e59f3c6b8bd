"""The text report (BÁO CÁO) as the first sheet of its workbook, for a report with a
letter: the same ND 30 header, Kính gửi, the sections as wrapped merged rows, closing
"./.", Nơi nhận and the signature; A4 portrait. The table follows as the Phụ lục sheet."""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from desktop_app.reports.excel import (
    _MM_PER_INCH,
    _font,
    _Sheet,
    office_block,
    page_numbers,
    recipients,
    signature,
)
from desktop_app.reports.model import Report

COLUMNS = 8
WIDTH = 11.0  # 8 × 11 character widths ≈ the 165 mm between portrait margins at 13 pt


def write_letter(ws, report: Report) -> None:
    letter = report.letter
    assert letter is not None
    for i in range(1, COLUMNS + 1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTH
    ws.page_setup.paperSize = "9"
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    m = ws.page_margins
    m.top, m.bottom = 20 / _MM_PER_INCH, 20 / _MM_PER_INCH
    m.left, m.right = 30 / _MM_PER_INCH, 15 / _MM_PER_INCH
    page_numbers(ws)
    sheet = _Sheet(ws, COLUMNS, [WIDTH] * COLUMNS)
    h, n, split = report.header, COLUMNS, COLUMNS // 2 - 1
    office_block(sheet, split, h.parent, h.office)
    sheet.spread([(1, split, letter.number, _font(13), "center"),
                  (split + 1, n, h.place_date, _font(13, italic=True), "center")])
    sheet.append([])
    sheet.spread([(1, n, letter.title, _font(14, bold=True), "center")])
    sheet.spread([(1, n, letter.subject, _font(13, bold=True), "center")])
    sheet.append([])
    for i, line in enumerate(letter.addressee):
        sheet.spread([(1, n, line, _font(14), "center" if i == 0 else "left")])
    for kind, text in letter.paragraphs:
        sheet.spread([(1, n, ("" if kind == "heading" else "      ") + text,
                       _font(13, bold=kind == "heading"), "justify")])
    sheet.append([])
    signature(sheet, report.footer, split, recipients(report.footer))
