"""The table body written straight into the page's content stream (SPEC §11).

``canvas.drawString`` builds a text object, splits the string into font
subsets, escapes it and formats both coordinates for every single line: on a
49,000-row BM02-VC that was most of the export. Here each page's body text is
one ``BT … ET`` block of the same operators (``Tm`` for the position, ``Tf``
only when the subset or size changes, ``Tj``), and each distinct string is
measured, split into subsets and escaped once per document — unit names,
titles, codes, dates and coefficients repeat on thousands of rows. Glyph
positions are computed exactly as ``drawString``/``drawRightString``/
``drawCentredString`` compute them and formatted with reportlab's ``fp_str``,
so the page looks the same. The grid is written as one path per page.
"""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter
from typing import cast

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont

from desktop_app.reports.fonts import text_width

# escapePDF's table: octal escapes outside printable ASCII, a backslash before \\ ( and ).
_ESCAPE = [f"\\{c:03o}" if c < 32 or c >= 127 else ("\\" + chr(c) if chr(c) in "\\()" else chr(c))
           for c in range(256)]


def escape(chunk: bytes) -> str:
    """reportlab's ``escapePDF`` for a subset-encoded chunk, one table look-up per byte."""
    return "".join(map(_ESCAPE.__getitem__, chunk))


def text_ops(doc, face: str, size: float, text: str, x: float, y: float) -> str:
    """One string as its own text object, as ``canvas.drawString(x, y, text)`` writes it."""
    font, tf = getFont(face), fp_str(size)
    shows = " ".join(f"{font.getSubsetInternalName(subset, doc)} {tf} Tf ({escape(chunk)}) Tj"
                     for subset, chunk in font.splitString(text, doc))
    return f"BT 1 0 0 1 {fp_str(x, y)} Tm {shows} ET"


# A cell ready to draw: the first baseline's offsets from the row's middle (+above, -below), the
# leading, and per line the start of its Tm with x formatted, and its (Tf, Tj) operators, one pair per font
# subset (None for an empty line).
Drawn = tuple[float, float, float, tuple[tuple[str, tuple[tuple[str, str], ...]] | None, ...]]


class Ink:
    """Per table and document: formatted numbers and the operators of each distinct cell.

    Subset codes are assigned by the font's per-document state in the order strings are
    first drawn, so an Ink is only valid for the document (``doc``) it was made for."""

    def __init__(self, doc, xs: list[float], aligns: list[str], pad: float, size: float):
        self.doc, self.xs, self.aligns, self.pad, self.size = doc, xs, aligns, pad, size
        self.nums: dict[float, str] = {}
        self.cells: dict[tuple, Drawn] = {}
        self.sizes: dict[float, str] = {}
        self.glyphs: dict[str, dict[str, tuple[int, str]]] = {}  # face -> char -> (subset, code)
        self.first: dict[str, dict[str, str]] = {}  # face -> char -> code, the first subset's

    def num(self, v: float) -> str:
        s = self.nums.get(v)
        if s is None:
            s = self.nums[v] = fp_str(v)
        return s

    def cell(self, j: int, face: str, cell) -> Drawn:
        """A cell's lines as ``drawString`` would place them, relative to the row's middle."""
        if isinstance(cell, str):
            size, lines = self.size, (cell,)
        else:
            size, lines = cell
        leading = size * 1.2
        # Lines centred vertically; the baseline sits ~0.36 em below a line box's middle.
        drawn = ((len(lines) - 1) * leading / 2, size * 0.36, leading,
                 tuple((f"1 0 0 1 {self.num(self._x(j, face, size, t))} ", self._ops(face, size, t))
                       if t else None for t in lines))
        self.cells[(j, face, cell)] = drawn
        return drawn

    def _x(self, j: int, face: str, size: float, text: str) -> float:
        """The text origin exactly as reportlab's drawRightString/drawCentredString/drawString."""
        align, xs = self.aligns[j], self.xs
        if align == "R":
            return (xs[j + 1] - self.pad) - text_width(text, face, size)
        if align == "C":
            return (xs[j] + xs[j + 1]) / 2 - 0.5 * text_width(text, face, size)
        return xs[j] + self.pad

    def _ops(self, face: str, size: float, text: str) -> tuple[tuple[str, str], ...]:
        """``(Tf, Tj)`` per run of one font subset, as ``drawString`` splits and escapes it."""
        font, doc = getFont(face), self.doc
        glyphs = self.glyphs.setdefault(face, {})
        first = self.first.setdefault(face, {})
        tf = self.sizes.get(size) or self.sizes.setdefault(size, fp_str(size))
        codes = list(map(first.get, text))
        if None not in codes:  # the usual case: every character already coded in the first subset
            shown = "".join(cast(list[str], codes))
            return ((f"{font.getSubsetInternalName(0, doc)} {tf} Tf", f"({shown}) Tj"),)
        coded = [glyphs.get(ch) or self._glyph(font, face, ch) for ch in text]  # in text order
        return tuple((f"{font.getSubsetInternalName(subset, doc)} {tf} Tf",
                      "(" + "".join(code for _, code in run) + ") Tj")
                     for subset, run in groupby(coded, key=itemgetter(0)))

    def _glyph(self, font, face: str, ch: str) -> tuple[int, str]:
        """A character's subset and escaped code, assigned by the font on first use
        (``splitString`` of one character gives one chunk)."""
        ((subset, chunk),) = font.splitString(ch, self.doc)
        glyph = self.glyphs[face][ch] = (subset, escape(chunk))
        if subset == 0:
            self.first[face][ch] = glyph[1]
        return glyph


def body_ops(ink: Ink, body, start: int, stop: int, top: float, faces: tuple[str, str],
             width: float, grid: float) -> str:
    """Rows ``start``..``stop`` of a measured body under a header ending at ``top``: the text
    (one text object) then the grid (one path), as content-stream operators."""
    tops, cells, bold = body.tops, body.cells, body.bold
    base = tops[start]
    num, known, make, formatted = ink.num, ink.cells.get, ink.cell, ink.nums.get
    out = ["BT"]
    add = out.append
    current = ""
    path: list[str] = []
    right = num(width)
    for i in range(start, stop):
        y_top = top - (tops[i] - base)
        y_bottom = top - (tops[i + 1] - base)
        face = faces[bold[i]]
        middle = (y_top + y_bottom) / 2
        for j, cell in enumerate(cells[i]):
            if not cell:
                continue
            above, below, leading, lines = known((j, face, cell)) or make(j, face, cell)
            y = middle + above - below  # the same arithmetic, in the same order, as before
            for drawn in lines:
                if drawn is not None:
                    add(drawn[0] + (formatted(y) or num(y)) + " Tm")
                    for tf, tj in drawn[1]:
                        if tf != current:
                            add(tf)
                            current = tf
                        add(tj)
                    add("T*")  # as drawString ends a line: text extraction keeps one cell per line
                y -= leading
        bottom = num(y_bottom)
        path.append(f"0 {bottom} m {right} {bottom} l")
    add("ET")
    for x in ink.xs:
        path.append(f"{num(x)} {num(top)} m {num(x)} 0 l")
    return "\n".join(out) + f"\n{fp_str(grid)} w\n" + " ".join(path) + " S"
