"""kq-nq19 on the office demo: finance and autonomy come from the report year, or
from the latest year with figures when the report year has none (never a column of
zeros read as a 100% cut), and the paper says which year that is."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.reports.engine import Params
from desktop_app.services import asof, autonomy
from reports.helpers import export, pdf_text, xlsx_row

PARAMS = Params(dt.date(2026, 11, 23), 2026)


def check_finance_columns(ctx, report, xlsx, year):
    active = {u["id"] for u in asof.units_active(ctx, PARAMS.as_of)}
    fin = asof.finance(ctx, year)
    groups = [autonomy.assess(fin.get(i)).group for i in active]
    total = xlsx_row(xlsx, "Tổng cộng")
    keys = [c.key for c in report.leaves]
    for g in range(1, 5):
        assert total[keys.index(f"n{g}")] == groups.count(g)
    # bình quân of the years with figures, over every unit that had figures in that year
    by_year = dict(ctx.db.execute("SELECT year, sum(nsnn_spending) FROM finance WHERE year BETWEEN 2021 "
                                  "AND 2025 AND nsnn_spending IS NOT NULL GROUP BY year").fetchall())
    assert total[keys.index("chi_2125")] == round(sum(by_year.values()) / len(by_year) / 1e6, 2)
    assert 0 < total[keys.index("chi_giam")] < 100


def test_report_year_with_figures(demo_ctx, tmp_path):
    report, xlsx, pdf = export(demo_ctx, "kq-nq19", PARAMS, tmp_path)
    check_finance_columns(demo_ctx, report, xlsx, 2026)
    assert "Số liệu tài chính, mức tự chủ: năm 2026." in " ".join(pdf_text(pdf).split())


@pytest.mark.parametrize("form", ["kq-nq19", "dvsn", "tu-chu"])
def test_report_year_without_figures_uses_the_latest_year(demo_ctx, tmp_path, form):
    demo_ctx.db.execute("DELETE FROM finance WHERE year = 2026")
    report, xlsx, pdf = export(demo_ctx, form, PARAMS, tmp_path)
    if form == "kq-nq19":
        check_finance_columns(demo_ctx, report, xlsx, 2025)
    text = " ".join(pdf_text(pdf).split())
    assert "năm 2025 (năm gần nhất có số liệu; năm 2026 chưa có)" in text
