"""The report table in the PDF, fast for long lists (SPEC §4, §11).

reportlab's own ``Table(repeatRows=…)`` measures every cell as a Paragraph and
re-lays the whole remaining table for every page: a 3,000-person BM02-VC took
19 s. Here the rows are measured once, column by column and once per distinct
value (own greedy word wrap with the font's metrics, so every row has a fixed
height), the table splits itself page by page at row boundaries (a row is
never split), each page places the header rows again (a small reportlab Table
laid out once, kept as a PDF form) and then writes the body's operators
(``pdf_ink``): one text object and one grid path per page.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from reportlab.platypus import Table
from reportlab.platypus.flowables import Flowable

from desktop_app.reports import fonts
from desktop_app.reports.fonts import text_width
from desktop_app.reports.model import GROUP, SUBTOTAL, TEXT, TOTAL, Column, Row, cell_text
from desktop_app.reports.pdf_ink import Ink, body_ops

SIZE, LEADING, MIN_SIZE = 10.0, 12.0, 7.0
NUMBER_MIN = 9.0  # a number in a table cell is never set smaller (its column is widened instead)
KEEP_LAST = 3  # rows the signature block takes with it to a new page (never a page of only a total)
PAD_X, PAD_TOP, PAD_BOTTOM = 2.5, 1.5, 2.0
GRID = 0.5

# A cell is its one-line text, or (font size, lines) when wrapped or shrunk.
Cell = str | tuple[float, tuple[str, ...]]


def wrap_words(text: str, face: str, size: float, room: float) -> list[str]:
    """Greedy word wrap; a single word wider than ``room`` stays whole on its line."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and text_width(trial, face, size) > room:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + [line] if line else lines or [""]


def _fit(text: str, face: str, room: float) -> Cell:
    """The text as it fits: one line, or a smaller size so no word is broken, then wrapped."""
    if text_width(text, face, SIZE) <= room:
        return text
    longest = max((text_width(w, face, SIZE) for w in text.split()), default=0.0)
    size = SIZE if longest <= room else round(max(MIN_SIZE, SIZE * room / longest), 1)
    lines = wrap_words(text, face, size, room)
    if size == SIZE and len(lines) == 1:
        return text
    return size, tuple(lines)


DIGIT_EM = 0.5  # a digit is half an em wide in Liberation Serif / Times


def _shrink_number(text: str, face: str, room: float) -> Cell:
    """A number never wraps: when it is wider than its cell it is set smaller instead."""
    width = text_width(text, face, SIZE)
    if width <= room:
        return text
    return round(max(NUMBER_MIN, SIZE * room / width), 1), (text,)


def widen_numbers(columns: list[Column], rows: list[Row], col_w: list[float]) -> list[float]:
    """Column widths where every number fits at NUMBER_MIN or more: a number column narrower
    than its widest value (bold, as totals print) takes the room from the text columns but
    STT, each giving in proportion to its width and keeping at least 70 % of it; what they
    cannot give comes from number columns wider than their values (the table never runs into
    the margin)."""
    need = [0.0] * len(columns)
    for j, c in enumerate(columns):
        if c.kind != TEXT and c.key:
            texts = {cell_text(r.values.get(c.key), c.kind) for r in rows}
            widest = max((text_width(t, fonts.BOLD, NUMBER_MIN) for t in texts if t), default=0.0)
            need[j] = widest + 2 * PAD_X + 0.5
    deficit = sum(max(0.0, n - w) for n, w in zip(need, col_w, strict=True))
    spare = [w * 0.3 if c.kind == TEXT and c.key != "stt" else 0.0
             for c, w in zip(columns, col_w, strict=True)]
    if deficit <= 0:
        return col_w
    share = min(1.0, deficit / sum(spare)) if sum(spare) else 0.0
    out = [max(n, w) if c.kind != TEXT else w - s * share
           for c, n, w, s in zip(columns, need, col_w, spare, strict=True)]
    return _from_number_slack(columns, need, out, deficit - sum(spare) * share)


def _from_number_slack(columns: list[Column], need: list[float], col_w: list[float],
                       left: float) -> list[float]:
    """Take ``left`` points from the number columns wider than their values, in proportion."""
    slack = [w - n if c.kind != TEXT and c.key and w > n else 0.0
             for c, n, w in zip(columns, need, col_w, strict=True)]
    if left <= 0.01 or not sum(slack):
        return col_w
    share = min(1.0, left / sum(slack))
    return [w - s * share for w, s in zip(col_w, slack, strict=True)]


@dataclass
class Body:
    """All rows measured once: cells, bold flags and cumulative heights."""

    cells: list[tuple[Cell, ...]]
    bold: list[bool]
    heading: list[bool]  # group headings: never the last row of a page
    tops: list[float]  # tops[i] = height of rows before i; tops[-1] = total
    aligns: list[str]  # per column: "L", "C" or "R"
    progress: Callable[[float], None] | None = None  # told the share of rows drawn; may raise
    ink: Ink | None = None  # the drawing caches of the document being written
    page_h: float = 0.0  # the tallest room a piece was offered: a fresh page's


def measure(columns: list[Column], rows: list[Row], col_w: list[float]) -> Body:
    """Column by column: each distinct value of a column is formatted and fitted once (titles,
    codes, dates and coefficients repeat on thousands of rows)."""
    aligns = ["R" if c.kind != TEXT else ("C" if c.key == "stt" or c.width <= 8 else "L") for c in columns]
    bold = [r.kind in (GROUP, SUBTOTAL, TOTAL) for r in rows]
    faces = [fonts.BOLD if b else fonts.REGULAR for b in bold]
    fitted: dict[tuple[str, str, float], Cell] = {}  # the same text in another column of equal room
    by_column: list[list[Cell]] = []
    needs: list[list[float]] = [[LEADING] * len(rows)]
    for c, w in zip(columns, col_w, strict=True):
        column = _column(c, w - 2 * PAD_X, rows, faces, fitted)
        by_column.append(column)
        needs.append([0.0 if isinstance(cell, str) else len(cell[1]) * cell[0] * 1.2 for cell in column])
    cells: list[tuple[Cell, ...]] = list(zip(*by_column, strict=True)) if by_column else [() for _ in rows]
    heights = [max(tallest) + PAD_TOP + PAD_BOTTOM for tallest in zip(*needs, strict=True)]
    return Body(cells, bold, [r.kind == GROUP for r in rows], [0.0, *accumulate(heights)], aligns)


def _column(c: Column, room: float, rows: list[Row], faces: list[str],
            fitted: dict[tuple[str, str, float], Cell]) -> list[Cell]:
    values: list[Any]
    if c.key == "stt":
        values = [r.stt for r in rows]
    elif c.key == "label":
        values = [r.label for r in rows]
    else:
        key = c.key or ""
        values = [r.values.get(key) for r in rows]
    memo: dict[tuple, Cell] = {}
    out: list[Cell] = []
    for value, face in zip(values, faces, strict=True):
        token = (value.__class__, value, face)  # 3 and 3.0 and "3" print differently
        cell = memo.get(token)
        if cell is None:
            cell = memo[token] = _cell(c, room, value, face, fitted)
        out.append(cell)
    return out


def _cell(c: Column, room: float, value, face: str, fitted: dict[tuple[str, str, float], Cell]) -> Cell:
    text = cell_text(value, c.kind)
    if c.kind == TEXT and text:
        key = (text, face, room)
        return fitted.get(key) or fitted.setdefault(key, _fit(text, face, room))
    if text and len(text) * SIZE * DIGIT_EM > room:  # only long numbers can overflow
        return _shrink_number(text, face, room)
    return text


class FastTable(Flowable):
    """Rows ``start``..``stop`` of ``body`` under the repeated ``head`` table."""

    def __init__(self, head: Table, head_h: float, col_w: list[float], body: Body,
                 start: int = 0, stop: int | None = None, tail_h: float = 0.0):
        super().__init__()
        self.head, self.head_h, self.col_w, self.body = head, head_h, col_w, body
        self.start, self.stop = start, len(body.cells) if stop is None else stop
        self.tail_h = tail_h  # what follows the table and must stay with its last rows (signature)
        self.width = sum(col_w)
        self.height = head_h + body.tops[self.stop] - body.tops[self.start]

    @property
    def _last(self) -> bool:
        return self.stop == len(self.body.cells)

    def wrap(self, avail_width, avail_height):
        if self._last and self.height <= avail_height < self.height + self.tail_h:
            return self.width, self.height + self.tail_h  # too tall with the signature: split
        return self.width, self.height

    def split(self, avail_width, avail_height):
        tops, start = self.body.tops, self.start
        room = avail_height - self.head_h
        # The last row whose bottom still fits: tops[fit] - tops[start] <= room.
        fit = bisect_right(tops, tops[start] + room + 1e-6, start, self.stop + 1) - 1
        if fit <= start:
            return []  # not even one row: platypus moves the whole table to the next page
        self.body.page_h = max(self.body.page_h, avail_height)
        end = self._end(fit, room)
        if end <= start:  # the rules cannot be kept here: try the next page, fill a fresh one
            if avail_height < self.body.page_h - 1:
                return []
            end = fit
        args = (self.head, self.head_h, self.col_w, self.body)
        if end >= self.stop:  # all rows here; the signature follows as it can
            return [self] if self.height + self.tail_h <= avail_height else [FastTable(*args, start, end)]
        return [FastTable(*args, start, end), FastTable(*args, end, self.stop, self.tail_h)]

    def _end(self, fit: int, room: float) -> int:
        """Where this page's rows stop: as many as fit, but a group heading never ends a page,
        and the signature block (``tail_h``) takes at least the last KEEP_LAST rows with it."""
        tops, start, stop = self.body.tops, self.start, self.stop
        if self._last and fit >= stop and tops[stop] - tops[start] + self.tail_h <= room:
            return stop
        end = min(fit, stop - self._carried()) if self._last else fit
        while end > start and self.body.heading[end - 1]:
            end -= 1
        return end

    def _carried(self) -> int:
        """The last rows the signature block takes to its page: KEEP_LAST, fewer when they and
        the notes and signature would not fit on a full page (at least two: a row and the total)."""
        tops, stop = self.body.tops, self.stop
        for keep in range(min(KEEP_LAST, stop - self.start), 2, -1):
            if self.head_h + tops[stop] - tops[stop - keep] + self.tail_h <= self.body.page_h:
                return keep
        return min(2, stop - self.start)

    def draw(self) -> None:
        canv, body = self.canv, self.body
        top = self.height - self.head_h
        self._draw_head(top)
        ink = body.ink
        if ink is None or ink.doc is not canv._doc:  # subset codes belong to one document
            ink = body.ink = Ink(canv._doc, [0.0, *accumulate(self.col_w)], body.aligns, PAD_X, SIZE)
        canv.addLiteral(body_ops(ink, body, self.start, self.stop, top, (fonts.REGULAR, fonts.BOLD),
                                 self.width, GRID))
        if body.progress is not None:
            body.progress(self.stop / max(1, len(body.cells)))

    def _draw_head(self, y: float) -> None:
        """The header rows, laid out and written once as a PDF form, placed on every page."""
        canv, name = self.canv, f"bchead{id(self.head)}"
        drawn = canv.__dict__.setdefault("_bc_forms", set())
        if name not in drawn:
            canv.beginForm(name, lowerx=0, lowery=0, upperx=self.width, uppery=self.head_h)
            self.head.drawOn(canv, 0, 0)
            canv.endForm()
            drawn.add(name)
        canv.saveState()
        canv.translate(0, y)
        canv.doForm(name)
        canv.restoreState()
