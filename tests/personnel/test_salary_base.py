"""Lương cơ sở as dated data: the level in force on a date (the day before, of and after each
change), and bm02-vc's money columns = hệ số × the level at the report date, against SQL and
figures worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.reports.engine import Params, build_report
from desktop_app.reports.model import ITEM, TOTAL
from desktop_app.services import records, salary

D = dt.date


@pytest.mark.parametrize(("day", "amount"), [
    (D(2023, 6, 30), 1_490_000), (D(2023, 7, 1), 1_800_000), (D(2024, 6, 30), 1_800_000),
    (D(2024, 7, 1), 2_340_000), (D(2026, 6, 30), 2_340_000), (D(2026, 7, 1), 2_530_000)])
def test_level_in_force_on_a_date(ctx, day, amount):
    assert salary.base_on(ctx, day).amount == amount


def test_unverified_levels_say_so(ctx):
    # NĐ 38/2019, NĐ 24/2023 and NĐ 73/2024 were not read in any faithful copy (issue #21, lần 4)
    for day in (D(2019, 7, 1), D(2023, 7, 1), D(2024, 7, 1)):
        level = salary.base_on(ctx, day)
        assert not level.verified and "chưa kiểm chứng" in level.text()
    assert salary.base_on(ctx, D(2019, 6, 30)) is None


def test_2026_level_is_nd_161(ctx):
    # NĐ 161/2026/NĐ-CP Điều 3 khoản 2, read in the OCR of the signed text (issue #21)
    level = salary.base_on(ctx, D(2026, 7, 1))
    assert level.verified and "NĐ 161/2026/NĐ-CP" in level.text() and "chưa kiểm chứng" not in level.text()


def test_bm02_money_columns(ctx, unit_id):
    records.create(ctx, "person", {
        "full_name": "Lê Thị Tiền", "unit_id": unit_id, "employment_kind": "VIEN_CHUC", "salary_class": "A1",
        "salary_step": 9, "coefficient": 4.98, "allowance_position": 0.2, "allowance_seniority_pct": 6,
        "allowance_profession_pct": 30, "recruited_on": "01/09/2000"})
    on_2024 = build_report(ctx, "bm02-vc", Params(D(2024, 12, 31), 2024))
    [row] = [r for r in on_2024.rows if r.kind == ITEM]
    # 4,98 × 2.340.000 = 11.653.200 đ → 11.653 nghìn; with PCCV 0,2, TNVK 6% × 4,98 = 0,2988 and
    # ưu đãi 30% × (4,98 + 0,2 + 0,2988) = 1,64364: 7,12244 × 2.340.000 = 16.666.510 đ → 16.667
    assert [row.values[k] for k in ("m_luong", "m_tong")] == [11_653, 16_667]
    assert any("2.340.000 đồng" in n and "NĐ 73/2024/NĐ-CP" in n for n in on_2024.notes)
    on_2023 = build_report(ctx, "bm02-vc", Params(D(2024, 6, 30), 2024))
    assert [r for r in on_2023.rows if r.kind == TOTAL][0].values["m_luong"] == round(4.98 * 1_800)
    later = build_report(ctx, "bm02-vc", Params(D(2026, 7, 1), 2026))
    assert any("2.530.000 đồng" in n and "NĐ 161/2026/NĐ-CP" in n for n in later.notes)


def test_bm02_total_matches_sql(ctx, unit_id):
    for n, coef in enumerate((2.34, 2.67, 3.0)):
        records.create(ctx, "person", {"full_name": f"Người {n}", "unit_id": unit_id,
                                       "employment_kind": "VIEN_CHUC",
                                       "coefficient": coef, "recruited_on": "01/01/2020"})
    report = build_report(ctx, "bm02-vc", Params(D(2025, 1, 1), 2025))
    total = [r for r in report.rows if r.kind == TOTAL][0]
    expected = ctx.db.execute("SELECT sum(round(coefficient * 2340000 / 1000)) FROM person").fetchone()[0]
    assert total.values["m_luong"] == expected == total.values["m_tong"]
