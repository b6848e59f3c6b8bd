"""A table too wide for the frame (BM01-VC: 28 count columns) prints in parts, read back from
the written PDF: the name column is wide enough for a unit's name in a few lines, no header
word is broken across lines or set below 7 pt, numbers stay at 9 pt or more, the grid stays
between the ND 30 margins, and the column numbers of the whole table are kept (issue 14)."""

from __future__ import annotations

import datetime as dt
import re

import pypdf
from reportlab.lib.pagesizes import A4, landscape

from desktop_app.reports import fonts
from desktop_app.reports.engine import Params, build_report
from desktop_app.reports.fonts import text_width
from desktop_app.reports.model import INT, ITEM, TOTAL, Column, Footer, Header, Report, Row, col, group
from desktop_app.reports.pdf import MARGINS, write_pdf

NAME_MIN, HEAD_FLOOR = 110.0, 7.0


class Page:
    """What one page paints: the table's column boundaries (vertical grid lines of the body),
    and every text show as (text, size, in the header form, font)."""

    def __init__(self, page):
        self.xs: set[float] = set()
        self.texts: list[tuple[str, float, bool, str]] = []
        self._form: int | None = None  # q/Q depth inside the header form, None outside
        self._move: tuple[float, float] | None = None
        page.extract_text(visitor_operand_before=self._operator, visitor_text=self._text)

    def _operator(self, op, args, cm, tm) -> None:
        if op == b"Do":
            self._form = 0
        elif op in (b"q", b"Q") and self._form is not None:
            self._form += 1 if op == b"q" else -1
            self._form = None if self._form < 0 else self._form
        elif op == b"m" and self._form is None:
            self._move = (cm[0] * float(args[0]) + cm[4], float(args[1]))
        elif op == b"l" and self._form is None and self._move:
            x = cm[0] * float(args[0]) + cm[4]
            if abs(x - self._move[0]) < 0.01:
                self.xs.add(round(x, 2))

    def _text(self, text, cm, tm, font, size) -> None:
        if text.strip():
            self.texts.append((text.strip(), size * tm[0], self._form is not None,
                               str(font.get("/BaseFont", "")) if font else ""))


def _pages(path) -> list[Page]:
    return [Page(p) for p in pypdf.PdfReader(path).pages]


def _words(columns: list[Column]) -> set[str]:
    out: set[str] = set()
    for c in columns:
        out |= set(c.label.split()) | {"(*)"} | _words(c.children)
    return out


def _check_table_pages(report: Report, pages: list[Page], name_min: float = NAME_MIN) -> None:
    right = landscape(A4)[0] - MARGINS["right"]
    words = _words(report.columns)
    for n, page in enumerate(pages, 1):
        xs = sorted(page.xs)
        assert len(xs) >= 4, n
        assert xs[2] - xs[1] >= name_min, (n, xs[:3])  # STT, then the name column
        assert MARGINS["left"] - 0.01 <= xs[0] and xs[-1] <= right + 0.01, (n, xs[0], xs[-1])
        for text, size, in_head, font in page.texts:
            if in_head and font.endswith("-Bold"):  # the header cells; the number row is italic
                assert size >= HEAD_FLOOR, (n, text, size)
                assert set(text.split()) <= words, (n, text)  # a broken word is not a word
            if re.fullmatch(r"[\d.,]+", text) and not in_head:
                assert size >= 9.0, (n, text, size)


def test_office_demo_bm01_prints_in_parts_that_a_reviewer_can_read(demo_ctx, tmp_path):
    report = build_report(demo_ctx, "bm01-vc", Params(dt.date(2026, 12, 1), 2026))
    pages = _pages(write_pdf(report, tmp_path / "bm01.pdf"))
    _check_table_pages(report, [p for p in pages if p.xs])
    shown = [t for p in pages for t, _, in_head, _ in p.texts if not in_head]
    captions = [t for t in shown if t.startswith("Phần ")]
    assert len(captions) >= 2 and "(tiếp theo)" in captions[1], captions
    numbered = sum(1 for c in report.leaves if c.kind != "text")
    numbers = [t for p in pages for t, _, in_head, font in p.texts
               if in_head and font.endswith("Italic") and t.startswith("(")]
    assert {int(t.strip("()")) for t in numbers} == set(range(1, numbered + 1))  # (1)…(28) kept
    assert shown.count("Tổng cộng") == len(captions)  # every part has every row, its total too


def test_signature_follows_the_last_part_only_and_groups_are_never_cut(tmp_path):
    groups = [group(f"Nhóm G{g}", *(col(f"g{g}c{i}", f"Cột {g}.{i}", INT, 7) for i in range(5)))
              for g in range(7)]
    columns = [col("stt", "STT", "text", 5), col("label", "Tên đơn vị", "text", 24), *groups]
    values = {f"g{g}c{i}": 12528 for g in range(7) for i in range(5)}
    rows = [Row(ITEM, f"Trường Trung học cơ sở số {i} phường Phúc Đồng", values, str(i)) for i in range(30)]
    rows.append(Row(TOTAL, "Tổng cộng", values))
    report = Report("t", "BIỂU THỬ", "Bảng rộng", Header("CHA", "CƠ QUAN", "Số: 1/BC-X", "X, ngày"),
                    Footer(["- Lưu: VT."], "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"), columns, rows)
    pages = _pages(write_pdf(report, tmp_path / "w.pdf"))
    fonts.register()
    longest = max(text_width(r.label, fonts.REGULAR, 10) for r in rows)
    _check_table_pages(report, pages, longest / 3 + 5)  # the longest name in about three lines
    signed = [n for n, p in enumerate(pages) if any(t == "CHỦ TỊCH" for t, *_ in p.texts)]
    assert signed == [len(pages) - 1]
    heads = [{w for t, _, in_head, _ in p.texts if in_head for w in t.split()} for p in pages]
    for g in range(7):  # a group header is printed whole: every page with it has all its leaves
        with_group = [words for words in heads if f"G{g}" in words]
        assert with_group and all({f"{g}.{i}" for i in range(5)} <= words for words in with_group), g
