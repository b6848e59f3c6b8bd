"""PDF writer: a Report → A4 PDF per ND 30/2020 with the bundled Liberation
Serif 2.x. Header rows repeat on every page, rows are never split, the
signature block is kept together, page numbers sit top centre from page 2,
and every page carries the data fingerprint in its footer."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from desktop_app import vntext
from desktop_app.atomic import write_with
from desktop_app.reports import fonts, pdf_columns
from desktop_app.reports.fonts import text_width
from desktop_app.reports.model import (
    LANDSCAPE,
    Column,
    Header,
    Report,
    Row,
    header_cells,
    leaves,
    number_row,
)
from desktop_app.reports.pdf_columns import HEAD_MIN, HEAD_SIZE
from desktop_app.reports.pdf_ink import text_ops
from desktop_app.reports.pdf_table import GRID, FastTable, measure

MARGINS = {"top": 20 * mm, "bottom": 20 * mm, "left": 30 * mm, "right": 15 * mm}


def _style(size: float, font: str = fonts.REGULAR, align=TA_CENTER, leading: float | None = None,
           **kw) -> ParagraphStyle:
    return ParagraphStyle(f"s{size}{font}{align}", fontName=font, fontSize=size,
                          leading=leading or size * 1.2, alignment=align, **kw)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(vntext.nfc(text) or ""), style)


def write_pdf(report: Report, path: str | Path, progress: Callable[[float], None] | None = None) -> Path:
    """``progress(fraction)`` is called per page of the table; it may raise to cancel.
    A report with a letter prints it first (portrait), then the table as its Phụ lục on
    pages of their own size and numbering (ND 30/2020 Phụ lục I, mục III.1)."""
    fonts.register()
    size = landscape(A4) if report.orientation == LANDSCAPE else A4

    def build(fh) -> None:
        doc = BaseDocTemplate(fh, pagesize=size, leftMargin=MARGINS["left"],
                              rightMargin=MARGINS["right"], topMargin=MARGINS["top"],
                              bottomMargin=MARGINS["bottom"], title=report.title,
                              subject=report.subject,
                              keywords=f"fingerprint:{report.fingerprint} catalogues:{report.catalogues}",
                              creator="Biên chế")
        story: list = []
        templates = []
        if report.letter is not None:
            from desktop_app.reports.pdf_letter import letter_story  # only reports with a letter

            templates.append(_template("letter", A4, report.footer_mark))
            story += letter_story(report, _width(A4), _header, _footer) + [NextPageTemplate("table"),
                                                                             PageBreak()]
        templates.append(_template("table", size, report.footer_mark))
        story += _table_story(report, _width(size), progress)
        doc.addPageTemplates(templates)
        with _binary_streams():
            doc.build(story)

    return write_with(path, build)


def _height(f: Flowable, width: float) -> float:
    parts = f._content if isinstance(f, KeepTogether) else [f]
    return sum(p.wrap(width, 10_000)[1] + p.getSpaceBefore() + p.getSpaceAfter() for p in parts)


def _width(size) -> float:
    return size[0] - MARGINS["left"] - MARGINS["right"]


def _template(name: str, size, mark: str) -> PageTemplate:
    # No side padding: the table, as wide as the text block, stays between the ND 30 margins.
    frame = Frame(MARGINS["left"], MARGINS["bottom"], _width(size),
                  size[1] - MARGINS["top"] - MARGINS["bottom"], leftPadding=0, rightPadding=0, id=name)
    return PageTemplate(id=name, frames=[frame], onPage=_decorator(mark, size, name), pagesize=size)


def _table_story(report: Report, width: float, progress: Callable[[float], None] | None) -> list:
    """Header, table, notes and signature; the table's last rows stay with the notes and signature.
    A table too wide for the frame prints in parts, each on new pages under its caption."""
    parts = _parts(report, width, progress)
    notes, footer = _notes(report), _footer(report, width)
    # Notes too tall to follow the last rows with the signature flow on, but the signature keeps
    # the last note with it: never a page of signatures alone.
    tail = notes[:-1] + [KeepTogether([notes[-1], *footer._content])] if len(notes) > 1 else notes + [footer]
    parts[-1][1].tail_h = sum(_height(f, width) for f in tail)
    story = _header(report.header, report.title, report.subject, report.unit_of_measure, width)
    for n, (caption, table) in enumerate(parts):
        story += ([PageBreak()] if n else []) + ([caption] if caption else []) + [table]
    return story + tail


@contextmanager
def _binary_streams():
    """Compressed streams written as binary, not also ASCII85-encoded: reportlab's pure-Python
    encoder cost ~1 s per 10,000 rows, the file is 20 % smaller and it reads the same."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _decorator(mark: str, size, part: str = ""):
    """Page number (ND 30/2020: centred in the top margin, none on the first page of the
    document or of its Phụ lục, which is numbered on its own) and the data mark,
    written as drawCentredString/drawRightString write them; the mark, the same on every
    page, is encoded once per document."""
    def draw(canvas, doc) -> None:
        starts = canvas.__dict__.setdefault("_bc_starts", {})
        page = canvas.getPageNumber() - starts.setdefault(part, canvas.getPageNumber()) + 1
        ops = ["q"]
        if page > 1:
            number = str(page)
            ops.append(text_ops(canvas._doc, fonts.REGULAR, 13, number,
                                size[0] / 2 - 0.5 * text_width(number, fonts.REGULAR, 13), size[1] - 12 * mm))
        key = f"_bc_footer{size[0]:.0f}"  # one per page size (a letter and its Phụ lục differ)
        footer = canvas.__dict__.get(key)
        if footer is None:
            right = size[0] - MARGINS["right"]
            footer = canvas.__dict__[key] = text_ops(
                canvas._doc, fonts.ITALIC, 8, mark, right - text_width(mark, fonts.ITALIC, 8), 10 * mm)
        ops += [footer, "Q"]
        canvas.addLiteral("\n".join(ops))
    return draw


class _Rule(Flowable):
    """A solid line of a given length centred in the space it is given (ND 30 underlines)."""

    def __init__(self, length: float):
        super().__init__()
        self.length = length

    def wrap(self, avail_width, avail_height):
        self.avail = avail_width
        return avail_width, 6

    def draw(self) -> None:
        x = (self.avail - self.length) / 2
        self.canv.setLineWidth(0.6)
        self.canv.line(x, 1.5, x + self.length, 1.5)


def _rule(text: str, font: str, size: float, share: float, limit: float) -> _Rule:
    return _Rule(min(stringWidth(text, font, size) * share, limit))


def _header(h: Header, title: str, subject: str, unit_of_measure: str, width: float) -> list:
    left_w = width * 0.42
    right_w = width - left_w
    motto = "Độc lập - Tự do - Hạnh phúc"
    left = [_p(h.parent, _style(12))] if h.parent else []  # none: the office faces the Quốc hiệu
    left += [_p(h.office, _style(12, fonts.BOLD)), _rule(h.office, fonts.BOLD, 12, 0.4, left_w * 0.5)]
    if h.number:  # a biểu carries none: it is attached to a report that has one
        left.append(_p(h.number, _style(13)))
    right = [_p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", _style(12, fonts.BOLD)),
             _p(motto, _style(13, fonts.BOLD)), _rule(motto, fonts.BOLD, 13, 1.0, right_w),
             _p(h.place_date, _style(13, fonts.ITALIC))]
    box = Table([[left, right]], colWidths=[left_w, right_w])
    box.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    out: list = []
    if h.bieu:
        out.append(_p(h.bieu, _style(12, fonts.BOLD, TA_RIGHT)))
    out += [box, Spacer(1, 5 * mm), _p(title, _style(14, fonts.BOLD, leading=18)),
            _p(subject, _style(13, fonts.BOLD, leading=17))]
    if h.attached:
        out.append(_p(h.attached, _style(13, fonts.ITALIC, leading=17)))
    out.append(Spacer(1, 2 * mm))
    if unit_of_measure:
        out.append(_p(unit_of_measure, _style(11, fonts.ITALIC, TA_RIGHT)))
    out.append(Spacer(1, 1 * mm))
    return out


def _head_style(text: str, room: float) -> ParagraphStyle:
    """9.5 pt, smaller in narrow columns so no word is broken inside ("Hạn g I")."""
    longest = max((stringWidth(w, fonts.BOLD, HEAD_SIZE) for w in text.split()), default=0)
    size = HEAD_SIZE if longest <= room else max(HEAD_MIN, HEAD_SIZE * room / longest)
    return _style(round(size, 1), fonts.BOLD, leading=round(size * 1.15, 1))


def _parts(report: Report, width: float,
           progress: Callable[[float], None] | None) -> list[tuple[Paragraph | None, FastTable]]:
    """The table, or its parts (:mod:`pdf_columns`) each with its caption naming its columns."""
    parts = pdf_columns.split(report.columns, report.rows, width)
    keys = pdf_columns.key_count(report.columns)
    col_ws = [pdf_columns.widths(p, report.rows, width) for p in parts]
    col_ws = pdf_columns.same_keys(parts, report.rows, col_ws, width)
    numbers = dict(zip(map(id, report.leaves), number_row(report.columns), strict=True))
    out: list[tuple[Paragraph | None, FastTable]] = []
    for n, (columns, col_w) in enumerate(zip(parts, col_ws, strict=True)):
        told = None if progress is None else _scaled(progress, n, len(parts))
        labels = [numbers[id(c)] for c in leaves(columns)]
        caption = _caption(n, labels[keys:]) if len(parts) > 1 else None
        out.append((caption, _table(report.rows, columns, labels, col_w, told)))
    for _, table in out[:-1]:
        table.tail_h = GRID  # a part's last page holds its last rows, never its total alone
    return out


def _scaled(progress: Callable[[float], None], n: int, count: int) -> Callable[[float], None]:
    return lambda share: progress((n + share) / count)


def _caption(n: int, labels: list[str]) -> Paragraph:
    first, last = labels[0].split("=")[0], labels[-1].split("=")[0]
    more = " (tiếp theo)" if n else ""
    return _p(f"Phần {n + 1}{more}: các cột {first} – {last}", _style(11, fonts.BOLD_ITALIC, TA_LEFT))


def _table(rows: list[Row], columns: list[Column], labels: list[str], col_w: list[float],
           progress: Callable[[float], None] | None = None) -> FastTable:
    """The header rows and the number row as a small Table laid out once; the body drawn fast."""
    leaf_cols = leaves(columns)
    cells = header_cells(columns)
    nhead = max(c.row for c in cells) + 1
    data: list[list] = [["" for _ in leaf_cols] for _ in range(nhead)]
    style = [("FONT", (0, 0), (-1, -1), fonts.REGULAR, 10), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
             ("RIGHTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    for c in cells:
        room = sum(col_w[c.col:c.col + c.colspan]) - pdf_columns.HEAD_PAD
        data[c.row][c.col] = _p(c.text, _head_style(c.text, room))
        if c.rowspan > 1 or c.colspan > 1:
            style.append(("SPAN", (c.col, c.row), (c.col + c.colspan - 1, c.row + c.rowspan - 1)))
    data.append(labels)
    style += [("FONT", (0, nhead), (-1, nhead), fonts.ITALIC, 8.5),
              ("ALIGN", (0, nhead), (-1, nhead), "CENTER")]
    head = Table(data, colWidths=col_w)
    head.setStyle(TableStyle(style))
    _, head_h = head.wrap(sum(col_w), 10_000)
    body = measure(leaf_cols, rows, col_w)
    body.progress = progress
    return FastTable(head, head_h, col_w, body)


def _notes(report: Report) -> list:
    return [Spacer(1, 1.5 * mm)] + [_p(n, _style(11, fonts.ITALIC, TA_LEFT)) for n in report.footnotes]


def _footer(report: Report, width: float, letter: bool = False) -> KeepTogether:
    f = report.footer
    left_w = width * 0.42
    if f.preparer and not letter:
        left = [_p(f.preparer, _style(13, fonts.BOLD))]
    else:
        left = [_p("Nơi nhận:", _style(12, fonts.BOLD_ITALIC, TA_LEFT))]
        left += [_p(r, _style(11, align=TA_LEFT)) for r in f.recipients]
    right = [_p(t, _style(13, fonts.BOLD)) for t in (f.authority, f.signer_title) if t]
    right += [Spacer(1, 20 * mm), _p(f.signer_name, _style(13, fonts.BOLD))]
    box = Table([[left, right]], colWidths=[left_w, width - left_w])
    box.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([Spacer(1, 4 * mm), box])
