"""Every form printed from the office demo looks right to a civil servant: numbers,
dates and decision numbers keep (almost) their normal size in their PDF columns,
no internal catalogue code reaches paper, a unit's change is listed once."""

from __future__ import annotations

import datetime as dt

import pytest
from reportlab.lib.pagesizes import A4, landscape

from desktop_app.reports import fonts
from desktop_app.reports.engine import Params, build_report, forms
from desktop_app.reports.model import LANDSCAPE, TEXT
from desktop_app.reports.pdf import MARGINS
from desktop_app.reports.pdf_table import SIZE, measure

AS_OF = dt.date(2026, 11, 23)
# bold 4-digit totals in BM01-VC's 24 narrow count columns are the worst case (8,8 pt)
SMALLEST = 8.5


def _cells(report):
    size = landscape(A4) if report.orientation == LANDSCAPE else A4
    width = size[0] - MARGINS["left"] - MARGINS["right"]
    total = sum(c.width for c in report.leaves)
    body = measure(report.leaves, report.rows, [width * c.width / total for c in report.leaves])
    for row in body.cells:
        yield from zip(report.leaves, row, strict=True)


def test_no_number_date_or_code_is_shrunk_out_of_shape(demo_ctx):
    fonts.register()
    for form_id in forms():
        report = build_report(demo_ctx, form_id, Params(AS_OF, 2026))
        for column, cell in _cells(report):
            if column.key == "stt" or isinstance(cell, str):
                continue  # Roman numerals of a 100th group row may shrink; plain cells fit
            size, lines = cell
            one_word = len(lines) == 1 and " " not in lines[0]
            if column.kind != TEXT or one_word:  # numbers, dates, «617/QĐ-UBND»
                assert SMALLEST <= size < SIZE, (form_id, column.key, cell)


def test_bm02_prints_official_codes_and_dvsn_lists_each_change_once(demo_ctx):
    report = build_report(demo_ctx, "bm02-vc", Params(AS_OF, 2026))
    codes = {r.values.get("code") for r in report.rows} | {r.values.get("class") for r in report.rows}
    assert not [c for c in codes if c and "_" in c]  # BANG4_BAO_VE, HT_NAU_AN: never on paper
    assert "Bảng 4" in codes and "01.003" in codes
    report = build_report(demo_ctx, "dvsn", Params(AS_OF, 2026))
    changes = [r.values["changes"] for r in report.rows if r.values.get("changes")]
    assert changes
    for text in changes:
        parts = text.split("; ")
        assert len(parts) == len(set(parts)), text


def test_bm02_totals_sum_coefficients_not_percentages(demo_ctx):
    """The form's note: unit and total rows carry the coefficient and position-allowance sums.
    A sum of seniority or profession percentages means nothing on paper (and at province size
    its digits no longer fit the column at a readable size)."""
    from desktop_app.reports.model import GROUP, ITEM, TOTAL

    report = build_report(demo_ctx, "bm02-vc", Params(AS_OF, 2026))
    items = [r for r in report.rows if r.kind == ITEM]
    assert any(r.values.get("pc_ud") for r in items)  # the demo gives no one a seniority %
    [total] = [r for r in report.rows if r.kind == TOTAL]
    assert total.values.get("coefficient") == pytest.approx(sum(r.values["coefficient"] or 0 for r in items))
    assert total.values.get("pc_cv") == pytest.approx(sum(r.values["pc_cv"] or 0 for r in items))
    for row in [total, *(r for r in report.rows if r.kind == GROUP)]:
        assert row.values.get("pc_vk") is None and row.values.get("pc_ud") is None
