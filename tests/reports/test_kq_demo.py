"""kq-nq19 on the office demo for the current year: finance and autonomy come from
the latest year with figures (never a column of zeros read as a 100% cut), and the
paper says which year that is."""

from __future__ import annotations

import datetime as dt

from desktop_app.reports.engine import Params
from desktop_app.services import asof, autonomy
from reports.helpers import export, pdf_text, xlsx_row


def test_current_year_uses_latest_finance_year(demo_ctx, tmp_path):
    params = Params(dt.date(2026, 11, 23), 2026)
    report, xlsx, pdf = export(demo_ctx, "kq-nq19", params, tmp_path)
    latest = demo_ctx.db.execute("SELECT max(year) FROM finance").fetchone()[0]
    assert latest == 2025
    active = {u["id"] for u in asof.units_active(demo_ctx, params.as_of)}
    fin = asof.finance(demo_ctx, latest)
    groups = [autonomy.assess(fin.get(i)).group for i in active]
    total = xlsx_row(xlsx, "Tổng cộng")
    keys = [c.key for c in report.leaves]
    for g in range(1, 5):
        assert total[keys.index(f"n{g}")] == groups.count(g)
    assert sum(groups.count(g) for g in range(1, 5)) == len(active)
    spent = sum((fin.get(i) or {}).get("nsnn_spending") or 0 for i in active) / 1e6
    assert abs(total[keys.index("chi_nay")] - round(spent, 2)) < 0.01
    assert 0 < total[keys.index("chi_giam")] < 100
    assert "năm 2025 (năm gần nhất có số liệu; năm 2026 chưa có)" in " ".join(pdf_text(pdf).split())
