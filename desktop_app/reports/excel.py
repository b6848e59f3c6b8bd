"""Excel writer: a Report → .xlsx laid out per ND 30/2020 (SPEC §4 Layout).

Write-only (streaming) workbook, so long lists cost little memory: styles,
widths, heights and merges are set before each row is appended. Every text
cell is typed as a string, so user text such as "=1+1" never becomes a formula.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from desktop_app import sheet_text, vntext
from desktop_app.atomic import write_with
from desktop_app.reports.model import (
    DEC,
    GROUP,
    INT,
    LANDSCAPE,
    PCT,
    SUBTOTAL,
    TEXT,
    TOTAL,
    Footer,
    Report,
    header_cells,
    number_row,
)

FONT = "Times New Roman"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FORMATS = {INT: "#,##0", DEC: "#,##0.00", PCT: "0.00"}
_MM_PER_INCH = 25.4
Progress = Callable[[float], None]


def _font(size: float = 13, bold: bool = False, italic: bool = False, underline: bool = False) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic, underline="single" if underline else None)


class _Sheet:
    """Appends styled rows to a write-only sheet and remembers merges."""

    def __init__(self, ws, ncols: int, widths: list[float] | None = None):
        self.ws, self.ncols, self.row = ws, ncols, 0
        self.widths = widths or [10.0] * ncols

    def cell(self, value: Any, font: Font, align: Alignment, border: Border | None = None,
             number_format: str | None = None) -> WriteOnlyCell:
        c = WriteOnlyCell(self.ws)
        sheet_text.put(c, value)  # never a formula; a control character would abort the save
        c.font, c.alignment = font, align
        if border:
            c.border = border
        if number_format:
            c.number_format = number_format
        return c

    def append(self, cells: list, height: float | None = None) -> int:
        self.row += 1
        if height:
            self.ws.row_dimensions[self.row].height = height
        self.ws.append(cells)
        return self.row

    def merge(self, row: int, first: int, last: int, rows: int = 1) -> None:
        if last > first or rows > 1:
            self.ws.merged_cells.add(CellRange(min_col=first, min_row=row, max_col=last,
                                               max_row=row + rows - 1))

    def spread(self, blocks: list[tuple[int, int, str, Font, str]], height: float | None = None) -> None:
        """One row of merged blocks: (first col, last col, text, font, horizontal); the row is as
        tall as its most wrapped block (LibreOffice does not grow a row by itself)."""
        cells: list = [None] * self.ncols
        need = 0.0
        for first, last, text, font, horizontal in blocks:
            cells[first - 1] = self.cell(text, font, Alignment(horizontal=horizontal, vertical="center",
                                                               wrap_text=True))
            room = sum(self.widths[first - 1:last]) * 11 / float(font.sz or 11)
            need = max(need, line_count(text, room) * float(font.sz or 11) * 1.35)
        if height or need > 20:
            height = max(height or 0, need)
        r = self.append(cells, height)
        for first, last, *_ in blocks:
            self.merge(r, first, last)


def write_xlsx(report: Report, path: str | Path, progress: Progress | None = None) -> Path:
    """``progress(fraction)`` is called as rows are written; it may raise to cancel (no file is left)."""
    wb = Workbook(write_only=True)
    if report.letter is not None:  # the BÁO CÁO first, its table as the Phụ lục sheet (opened first)
        from desktop_app.reports.excel_letter import write_letter

        write_letter(wb.create_sheet("Báo cáo"), report)
        wb.active = 1
    ws = wb.create_sheet(("Phụ lục " if report.letter is not None else "") + report.form_id[:20])
    leaves = report.leaves
    n = len(leaves)
    widths = column_widths(report)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    sheet = _Sheet(ws, n, widths)
    split = max(1, min(n - 1, round(n * 0.4)))
    # A streaming sheet writes its properties and views with the first row: set them now.
    first = _header_lines(report) + 1
    _setup_print(ws, report, first, first + max(c.row for c in header_cells(report.columns)) + 1)
    _header(sheet, report, split)
    _table_header(sheet, report)
    _body(sheet, report, progress)
    _footer(sheet, report, split)
    wb.properties.creator = "Biên chế"
    wb.properties.title = vntext.strip_invisible(report.title)
    wb.properties.subject = vntext.strip_invisible(report.subject)
    wb.properties.keywords = f"fingerprint:{report.fingerprint}"
    wb.custom_doc_props.append(StringProperty(name="fingerprint", value=report.fingerprint))
    if report.catalogues:
        wb.custom_doc_props.append(StringProperty(name="catalogues", value=report.catalogues))
    if report.key_fingerprint:  # the office's signing key (issue #15), beside the data code
        wb.custom_doc_props.append(StringProperty(name="signing_key", value=report.key_fingerprint))
    wb.custom_doc_props.append(StringProperty(name="form", value=report.form_id))
    try:
        return write_with(path, wb.save)
    except BaseException:
        _discard(wb)
        raise


def _discard(wb: Workbook) -> None:
    """Finish and delete the streaming sheet's own temporary file after a failed save (a full
    or read-only disk): left suspended, its writer complains when garbage-collected."""
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            if getattr(ws, "_writer", None) is None or ws._writer.xf is not None:
                ws.close()
        with contextlib.suppress(Exception):
            ws._writer.cleanup()


def _header_lines(report: Report) -> int:
    """Rows written by ``_header`` (kept in step with it)."""
    h = report.header
    return 7 + bool(h.bieu) + bool(h.attached) + bool(report.unit_of_measure)


def _header(sheet: _Sheet, report: Report, split: int) -> None:
    h, n = report.header, sheet.ncols
    if h.bieu:
        sheet.spread([(split + 1, n, h.bieu, _font(12, bold=True), "right")])
    office_block(sheet, split, h.parent, h.office)
    sheet.spread([(1, split, h.number, _font(13), "center"),
                  (split + 1, n, h.place_date, _font(13, italic=True), "center")])
    sheet.append([])
    sheet.spread([(1, n, report.title, _font(14, bold=True), "center")], height=22)
    sheet.spread([(1, n, report.subject, _font(13, bold=True), "center")], height=20)
    if h.attached:
        sheet.spread([(1, n, h.attached, _font(13, italic=True), "center")])
    if report.unit_of_measure:
        sheet.spread([(1, n, report.unit_of_measure, _font(12, italic=True), "right")])


QUOC_HIEU, TIEU_NGU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"


def office_block(sheet: _Sheet, split: int, parent: str, office: str) -> None:
    """Three rows: the parent body and the office facing the Quốc hiệu and Tiêu ngữ (the
    office on the first row when there is no parent), the office's short rule under it."""
    n, bold12, office_font = sheet.ncols, _font(12, bold=True), _font(12, bold=True)
    tieu_ngu = _font(13, bold=True, underline=True)
    if parent:
        sheet.spread([(1, split, parent, _font(12), "center"), (split + 1, n, QUOC_HIEU, bold12, "center")])
        sheet.spread([(1, split, office, office_font, "center"),
                      (split + 1, n, TIEU_NGU, tieu_ngu, "center")])
        _rule_row(sheet, split, len(office) * 1.2)
    else:
        sheet.spread([(1, split, office, office_font, "center"), (split + 1, n, QUOC_HIEU, bold12, "center")])
        _rule_row(sheet, split, len(office) * 1.2, (TIEU_NGU, tieu_ngu))
        sheet.append([], height=4)


def _rule_row(sheet: _Sheet, split: int, text_width: float, right: tuple[str, Font] | None = None) -> None:
    """ND 30: the office name is underlined by a short solid rule, 1/3–1/2 of its length,
    centred: the middle cells of the left block carry a top border (in a thin row of its
    own, or beside ``right``, the Tiêu ngữ, when the office is on the first row)."""
    widths = sheet.widths[:split]
    centre, half = sum(widths) / 2, min(text_width, sum(widths)) * 0.4 / 2
    lefts = [sum(widths[:i]) for i in range(split)]
    chosen = [i for i in range(split) if centre - half <= lefts[i] + widths[i] / 2 <= centre + half]
    chosen = chosen or [max(i for i in range(split) if lefts[i] <= centre)]
    top = Border(top=Side(style="thin"))
    cells: list = [sheet.cell(None, _font(4), Alignment(), top if i in chosen else None)
                   for i in range(sheet.ncols)]
    if right is None:
        sheet.append(cells, height=4)
        return
    cells[split:] = [sheet.cell(right[0], right[1], Alignment(horizontal="center", vertical="center"))]
    cells += [None] * (sheet.ncols - len(cells))
    sheet.merge(sheet.append(cells), split + 1, sheet.ncols)


def line_count(text: str, room: float) -> int:
    """Lines a text wraps to in a cell ``room`` character widths wide (greedy, by words)."""
    per_line = max(1.0, room * 1.35 - 1)  # Times New Roman is narrower than the width unit (Calibri "0")
    lines, used = 1, 0.0
    for word in (text or "").split():
        size = len(word) + (1 if used else 0)
        if used and used + size > per_line:
            lines, used = lines + 1, float(len(word))
        else:
            used += size
    return lines


def column_widths(report: Report) -> list[float]:
    """The form's widths, widened so every number fits at the body size (never shrunk)."""
    out = []
    for c in report.leaves:
        longest = 0
        if c.kind != TEXT and c.key:
            decimals = 0 if c.kind == INT else 2
            longest = max((len(f"{float(v):,.{decimals}f}") for r in report.rows
                           for v in [r.values.get(c.key)] if isinstance(v, int | float)), default=0)
        out.append(max(c.width, longest * 1.15 + 2))
    return out


def _table_header(sheet: _Sheet, report: Report) -> None:
    cells = header_cells(report.columns)
    rows = max(c.row for c in cells) + 1
    head_font = _font(11, bold=True)
    align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    grid: list[list] = [[sheet.cell(None, head_font, align, _BOX) for _ in range(sheet.ncols)]
                        for _ in range(rows)]
    for c in cells:
        grid[c.row][c.col] = sheet.cell(c.text, head_font, align, _BOX)
    start = sheet.row + 1
    assert start == _header_lines(report) + 1  # print titles and frozen panes were set for this row
    for line in grid:
        sheet.append(line, height=max(30, 15 * _lines(cells, report)))
    for c in cells:
        sheet.merge(start + c.row, c.col + 1, c.col + c.colspan, c.rowspan)
    numbers = [sheet.cell(t, _font(10, italic=True), align, _BOX) for t in number_row(report.columns)]
    sheet.append(numbers)


def _lines(cells, report: Report) -> int:
    """Rough wrapped-line count of the tallest header cell, for the row height."""
    widths = [c.width for c in report.leaves]
    worst = 1
    for c in cells:
        chars = sum(widths[c.col:c.col + c.colspan]) * 1.1
        worst = max(worst, -(-len(c.text) // max(1, int(chars))) // c.rowspan)
    return min(worst, 6)


def _body(sheet: _Sheet, report: Report, progress: Progress | None = None) -> None:
    leaves = report.leaves
    # Setting font/alignment/border on a cell hashes each style object to find its id; done per
    # cell that was 60 % of a long list's time. Each (column, bold) style is resolved once here
    # and its style ids shared by the cells (a write-only row is serialised when appended).
    styles = {bold: [_body_style(sheet, c, bold)._style for c in leaves] for bold in (False, True)}
    ws = sheet.ws
    counted: dict[tuple[str, float], int] = {}  # names, titles and codes repeat on thousands of rows
    for i, r in enumerate(report.rows):
        if progress is not None and i % 500 == 0:
            progress(i / len(report.rows))
        style = styles[r.kind in (GROUP, SUBTOTAL, TOTAL)]
        cells = []
        lines = 1
        for c, st, width in zip(leaves, style, sheet.widths, strict=True):
            value = r.stt if c.key == "stt" else (r.label if c.key == "label" else r.values.get(c.key or ""))
            if isinstance(value, str):  # a control character from an older file would abort the save
                value = vntext.strip_invisible(value)
            cell = WriteOnlyCell(ws, value=None if value == "" else value)
            if c.kind == TEXT and value is not None and value != "":
                cell.value, cell.data_type = str(value), "s"  # never a formula
                n = counted.get((cell.value, width))
                if n is None:
                    n = counted[(cell.value, width)] = line_count(cell.value, width)
                lines = max(lines, n)
            cell._style = st
            cells.append(cell)
        sheet.append(cells, 15 * lines + 2 if lines > 1 else None)
    for note in report.footnotes:
        sheet.spread([(1, sheet.ncols, note, _font(11, italic=True), "left")])


def _body_style(sheet: _Sheet, c, bold: bool) -> WriteOnlyCell:
    font = _font(11, bold=bold)
    if c.kind == TEXT:
        horizontal = "center" if c.key == "stt" or c.width <= 8 else "left"
        return sheet.cell(None, font, Alignment(horizontal=horizontal, vertical="center", wrap_text=True),
                          _BOX)
    return sheet.cell(None, font, Alignment(horizontal="right", vertical="center"), _BOX, _FORMATS[c.kind])


def _footer(sheet: _Sheet, report: Report, split: int) -> None:
    f = report.footer
    sheet.append([])
    if f.preparer:
        preparer = [(f.preparer, _font(13, bold=True)), ("", _font(11)), ("", _font(11)), ("", _font(11))]
        signature(sheet, f, split, preparer, "center")
    else:
        signature(sheet, f, split, recipients(f))


def recipients(f: Footer) -> list[tuple[str, Font]]:
    """«Nơi nhận:» and its lines, the left column of a signature block."""
    return [("Nơi nhận:", _font(12, bold=True, italic=True))] + [(r, _font(11)) for r in f.recipients]


def signature(sheet: _Sheet, f: Footer, split: int, left: list[tuple[str, Font]],
              left_align: str = "left") -> None:
    """``left`` beside the signing authority, title and name, row by row (ND 30)."""
    right = [(t, _font(13, bold=True)) for t in (f.authority, f.signer_title) if t]
    right += [("", _font(13))] * 3 + [(f.signer_name, _font(13, bold=True))]
    for i in range(max(len(left), len(right))):
        blocks = []
        if i < len(left):
            blocks.append((1, split, left[i][0], left[i][1], left_align))
        if i < len(right):
            blocks.append((split + 1, sheet.ncols, right[i][0], right[i][1], "center"))
        sheet.spread(blocks)


def page_numbers(ws) -> None:
    """ND 30: the page number centred at the top, 13 pt, none on the first page; each sheet
    numbered from 1 (a Phụ lục has its own numbering)."""
    ws.page_setup.firstPageNumber = 1
    ws.page_setup.useFirstPageNumber = True
    ws.HeaderFooter.differentFirst = True
    ws.oddHeader.center.text = "&P"
    ws.oddHeader.center.size = 13
    ws.oddHeader.center.font = f"{FONT},Regular"


def _setup_print(ws, report: Report, first: int, last: int) -> None:
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.orientation = "landscape" if report.orientation == LANDSCAPE else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    m = ws.page_margins
    m.top, m.bottom = 20 / _MM_PER_INCH, 20 / _MM_PER_INCH
    m.left, m.right = 30 / _MM_PER_INCH, 15 / _MM_PER_INCH
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{first}:{last}"
    page_numbers(ws)
    ws.freeze_panes = f"A{last + 1}"
