"""The fast PDF table (operators written per page, cells measured per distinct value) prints
exactly what the plain reportlab path printed. The previous implementation — row-by-row
``measure``, one ``drawString``/``drawRightString``/``drawCentredString`` per line, the page
number and data mark drawn the same way — is kept here as the reference; both write the same
reports and every page's text shows (font subset, size, position, bytes) and grid points are
compared, with page counts and extracted text."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pypdf
import pytest
from pypdf.generic import ContentStream
from reportlab.lib.rl_accel import escapePDF
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.reports import fonts, pdf_table
from desktop_app.reports import pdf as pdf_writer
from desktop_app.reports.engine import Params, build_report, forms
from desktop_app.reports.model import GROUP, SUBTOTAL, TEXT, TOTAL
from desktop_app.reports.pdf_ink import escape
from desktop_app.reports.pdf_table import (
    DIGIT_EM,
    GRID,
    LEADING,
    PAD_BOTTOM,
    PAD_TOP,
    PAD_X,
    SIZE,
    Body,
    _fit,
    _shrink_number,
    cell_text,
)

AS_OF = dt.date(2026, 11, 23)


# ---- the reference: the implementation before the fast path ---------------------------------


def reference_measure(columns, rows, col_w) -> Body:
    aligns = ["R" if c.kind != TEXT else ("C" if c.key == "stt" or c.width <= 8 else "L") for c in columns]
    rooms = [w - 2 * PAD_X for w in col_w]
    cells, bold, heights = [], [], []
    for r in rows:
        is_bold = r.kind in (GROUP, SUBTOTAL, TOTAL)
        face = fonts.BOLD if is_bold else fonts.REGULAR
        line, tallest = [], LEADING
        for c, room in zip(columns, rooms, strict=True):
            value = r.stt if c.key == "stt" else (r.label if c.key == "label" else r.values.get(c.key or ""))
            text = cell_text(value, c.kind)
            cell = text
            if c.kind == TEXT and text:
                cell = _fit(text, face, room)
            elif text and len(text) * SIZE * DIGIT_EM > room:
                cell = _shrink_number(text, face, room)
            if not isinstance(cell, str):
                tallest = max(tallest, len(cell[1]) * cell[0] * 1.2)
            line.append(cell)
        cells.append(tuple(line))
        bold.append(is_bold)
        heights.append(tallest + PAD_TOP + PAD_BOTTOM)
    tops = [0.0]
    for h in heights:
        tops.append(tops[-1] + h)
    return Body(cells, bold, [r.kind == GROUP for r in rows], tops, aligns)


def reference_draw(self) -> None:
    canv, body = self.canv, self.body
    self._draw_head(self.height - self.head_h)
    xs = [0.0]
    for w in self.col_w:
        xs.append(xs[-1] + w)
    top = self.height - self.head_h
    base = body.tops[self.start]
    grid = canv.beginPath()
    for i in range(self.start, self.stop):
        y_top, y_bottom = top - (body.tops[i] - base), top - (body.tops[i + 1] - base)
        face = fonts.BOLD if body.bold[i] else fonts.REGULAR
        middle = (y_top + y_bottom) / 2
        for j, cell in enumerate(body.cells[i]):
            if not cell:
                continue
            size, lines = (SIZE, (cell,)) if isinstance(cell, str) else cell
            canv.setFont(face, size)
            leading = size * 1.2
            y = middle + (len(lines) - 1) * leading / 2 - size * 0.36
            for text in lines:
                align = body.aligns[j]
                if align == "R":
                    canv.drawRightString(xs[j + 1] - PAD_X, y, text)
                elif align == "C":
                    canv.drawCentredString((xs[j] + xs[j + 1]) / 2, y, text)
                else:
                    canv.drawString(xs[j] + PAD_X, y, text)
                y -= leading
        grid.moveTo(0, y_bottom)
        grid.lineTo(self.width, y_bottom)
    for x in xs:
        grid.moveTo(x, top)
        grid.lineTo(x, 0)
    canv.setLineWidth(GRID)
    canv.drawPath(grid, stroke=1, fill=0)


def reference_decorator(mark: str, size, part: str = ""):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        page = canvas.getPageNumber()
        if page > 1:
            canvas.setFont(fonts.REGULAR, 13)
            canvas.drawCentredString(size[0] / 2, size[1] - 12 * mm, str(page))
        canvas.setFont(fonts.ITALIC, 8)
        canvas.drawRightString(size[0] - pdf_writer.MARGINS["right"], 10 * mm, mark)
        canvas.restoreState()
    return draw


# ---- reading a page's drawing back ----------------------------------------------------------


def _mult(m, n):
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _raw(x) -> bytes:
    return x.get_original_bytes() if hasattr(x, "get_original_bytes") else bytes(x)


def drawing(page, reader) -> list[tuple]:
    """Every text show (subset font, size, x, y, bytes), form placement and path point (x, y,
    line width) on the page, in absolute coordinates, sorted: the page as it is painted."""
    fonts_used = page["/Resources"].get_object().get("/Font", {})
    ctm, stack, tm, line_m = (1, 0, 0, 1, 0, 0), [], (1, 0, 0, 1, 0, 0), (1, 0, 0, 1, 0, 0)
    font, size, leading, width, out = "", 0.0, 0.0, 1.0, []
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        op = op.decode()
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop()
        elif op == "cm":
            ctm = _mult(tuple(map(float, operands)), ctm)
        elif op == "BT":
            tm = line_m = (1, 0, 0, 1, 0, 0)
        elif op == "Tm":
            tm = line_m = tuple(map(float, operands))
        elif op == "Td":
            tm = line_m = _mult((1, 0, 0, 1, float(operands[0]), float(operands[1])), line_m)
        elif op == "TL":
            leading = float(operands[0])
        elif op == "T*":
            tm = line_m = _mult((1, 0, 0, 1, 0, -leading), line_m)
        elif op == "Tf":
            font, size = str(fonts_used[operands[0]].get_object()["/BaseFont"]), float(operands[1])
        elif op in ("Tj", "TJ"):
            m = _mult(tm, ctm)
            raw = _raw(operands[0]) if op == "Tj" else b"|".join(
                _raw(x) for x in operands[0] if not isinstance(x, int | float))
            if raw:
                out.append(("text", font, round(size * m[0], 3), round(m[4], 3), round(m[5], 3), raw))
        elif op == "Do":
            out.append(("form", round(ctm[4], 3), round(ctm[5], 3)))
        elif op == "w":
            width = float(operands[0])
        elif op in ("m", "l"):
            m = _mult((1, 0, 0, 1, float(operands[0]), float(operands[1])), ctm)
            out.append(("path", op, round(m[4], 3), round(m[5], 3), width))
    return sorted(out, key=repr)


# Latin Extended-A, Greek and Cyrillic: with the Vietnamese letters more than one font subset
# (256 codes) is needed, and the last three characters are a no-break space, a tab and one the
# font lacks.
ALPHABETS = [*range(0x100, 0x180), *range(0x391, 0x3CA), *range(0x410, 0x450)]
MANY = "".join(map(chr, ALPHABETS)) + "\u00a0\t\u2603"


def _report(ctx, form_id: str, limit: int | None = None):
    report = build_report(ctx, form_id, Params(AS_OF, 2026))
    if limit is not None:  # a long list cut short, its total row kept
        report = dataclasses.replace(report, rows=report.rows[:limit] + report.rows[-1:])
    if form_id == "bm02-vc" and limit == 150:  # names written in many alphabets (see MANY)
        for n, row in enumerate(report.rows[1:120]):
            row.label = f"{row.label} {MANY[n * 3:n * 3 + 5]} ({MANY[-n * 2 - 1:]})"[:60]
    return report


@pytest.mark.parametrize(("form_id", "limit"), [("bm02-vc", 700), ("bm02-vc", 150), ("vtvl", None),
                                                ("bm01-vc", None), ("dvsn", None)])
def test_fast_table_paints_every_page_as_drawstring_did(demo_ctx, tmp_path, monkeypatch, form_id, limit):
    report = _report(demo_ctx, form_id, limit)
    fast = pdf_writer.write_pdf(report, tmp_path / "fast.pdf")
    with monkeypatch.context() as patch:
        patch.setattr(pdf_table.FastTable, "draw", reference_draw)
        patch.setattr(pdf_writer, "measure", reference_measure)
        patch.setattr(pdf_writer, "_decorator", reference_decorator)
        before = pdf_writer.write_pdf(report, tmp_path / "before.pdf")
    new, old = pypdf.PdfReader(fast), pypdf.PdfReader(before)
    assert len(new.pages) == len(old.pages) > 1
    if limit == 150:  # the second subset of the regular face was written
        assert sum("+1" in str(f) for p in new.pages for f in p["/Resources"]["/Font"]) > 0
    for number, (a, b) in enumerate(zip(new.pages, old.pages, strict=True), 1):
        painted = drawing(a, new)
        assert painted == drawing(b, old), (form_id, number)
        assert sum(1 for d in painted if d[0] == "text") > 20, (form_id, number)
        # item rows on every page: none holds only a total, only headings or only the signatures
        assert _item_cells(painted), (form_id, number)
        assert a.extract_text() == b.extract_text(), (form_id, number)  # what tests and users copy out
    _assert_rows_then_signature(report, new.pages[-1], drawing(new.pages[-1], new))


def _item_cells(painted: list[tuple]) -> list[tuple]:
    """Texts of item rows: the regular face at the table's size (a total and headings are bold,
    header cells bold, the number row italic, the signature block 11–13 pt)."""
    return [d for d in painted if d[0] == "text" and "-" not in d[1].split("+", 1)[-1] and d[2] <= SIZE]


def _assert_rows_then_signature(report, page, painted: list[tuple]) -> None:
    """Issue 14's page-break rule on the last page: item rows and the total, then nothing but
    the notes and the signature block (its 13 pt bold lines all below the last row)."""
    if report.rows[-1].kind == TOTAL:
        assert report.rows[-1].label in page.extract_text()
    rows = [d[4] for d in _item_cells(painted)]
    signature = [d[4] for d in painted if d[0] == "text" and d[1].endswith("-Bold") and d[2] == 13]
    assert rows and signature, "the last page holds no rows or no signature"
    assert max(signature) < min(rows), "the signature block does not follow the last rows"


def test_measure_equals_the_row_by_row_reference_on_every_form(demo_ctx):
    fonts.register()
    for form_id in forms():
        report = _report(demo_ctx, form_id)
        col_w = [700 * c.width / sum(c.width for c in report.leaves) for c in report.leaves]
        fast, slow = pdf_table.measure(report.leaves, report.rows, col_w), reference_measure(
            report.leaves, report.rows, col_w)
        assert (fast.cells, fast.bold, fast.aligns, fast.tops) == (slow.cells, slow.bold, slow.aligns,
                                                                   slow.tops), form_id


def test_text_width_is_reportlabs_string_width(demo_ctx):
    fonts.register()
    texts = {"", "Mã dữ liệu", "Ưu đãi nghề (%)", "\u00a0x", "☃ không có trong phông"}
    for form_id in ("bm02-vc", "dvsn", "vtvl"):
        for row in _report(demo_ctx, form_id).rows:
            texts |= {row.label, *(str(v) for v in row.values.values() if v is not None)}
    for face in (fonts.REGULAR, fonts.BOLD, fonts.ITALIC, fonts.BOLD_ITALIC):
        for size in (SIZE, 8.8, 7.0):
            assert [fonts.text_width(t, face, size) for t in texts] == [stringWidth(t, face, size)
                                                                        for t in texts]


def test_escape_is_reportlabs_escape_pdf():
    every_byte = bytes(range(256))
    assert escape(every_byte) == escapePDF(every_byte)
    assert escape(b"(a\\b)") == "\\(a\\\\b\\)"
