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

from desktop_app import vntext
from desktop_app.reports import fonts
from desktop_app.reports.fonts import text_width
from desktop_app.reports.model import DEC, GROUP, PCT, SUBTOTAL, TEXT, TOTAL, Column, Row
from desktop_app.reports.pdf_ink import Ink, body_ops

SIZE, LEADING, MIN_SIZE = 10.0, 12.0, 7.0
PAD_X, PAD_TOP, PAD_BOTTOM = 2.5, 1.5, 2.0
GRID = 0.5

# A cell is its one-line text, or (font size, lines) when wrapped or shrunk.
Cell = str | tuple[float, tuple[str, ...]]


def cell_text(value, kind: str) -> str:
    if value is None or value == "":
        return ""
    if kind in (DEC, PCT):
        return vntext.format_number(value, 2)
    if kind == TEXT:  # controls and bidi overrides from an older file are not drawn
        return vntext.strip_invisible(str(value))
    return vntext.format_number(value, 0 if float(value).is_integer() else 2)


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
    return round(max(MIN_SIZE, SIZE * room / width), 1), (text,)


@dataclass
class Body:
    """All rows measured once: cells, bold flags and cumulative heights."""

    cells: list[tuple[Cell, ...]]
    bold: list[bool]
    tops: list[float]  # tops[i] = height of rows before i; tops[-1] = total
    aligns: list[str]  # per column: "L", "C" or "R"
    progress: Callable[[float], None] | None = None  # told the share of rows drawn; may raise
    ink: Ink | None = None  # the drawing caches of the document being written


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
    return Body(cells, bold, [0.0, *accumulate(heights)], aligns)


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
                 start: int = 0, stop: int | None = None):
        super().__init__()
        self.head, self.head_h, self.col_w, self.body = head, head_h, col_w, body
        self.start, self.stop = start, len(body.cells) if stop is None else stop
        self.width = sum(col_w)
        self.height = head_h + body.tops[self.stop] - body.tops[self.start]

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def split(self, avail_width, avail_height):
        tops = self.body.tops
        room = avail_height - self.head_h
        # The last row whose bottom still fits: tops[end] - tops[start] <= room.
        end = bisect_right(tops, tops[self.start] + room + 1e-6, self.start, self.stop + 1) - 1
        if end <= self.start:
            return []  # not even one row: platypus moves the whole table to the next page
        if end >= self.stop:
            return [self]
        make = FastTable
        return [make(self.head, self.head_h, self.col_w, self.body, self.start, end),
                make(self.head, self.head_h, self.col_w, self.body, end, self.stop)]

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
