"""Targets of SPEC §1 on scenarios whose figures are worked out by hand."""

import pytest

from desktop_app import settings
from desktop_app.services import events, forecast, records, targets
from desktop_app.services.events import Plan
from desktop_app.services.targets import CHUA_DAT, DAT, THIEU


def unit(ctx, code, field="MN", **kw):
    return records.create(ctx, "unit", {"code": code, "name": f"Đơn vị {code}", "field": field,
                                        "valid_from": "01/01/2015", **kw})


def person(ctx, unit_id, name, birth="12/03/1985", gender="nu", **kw):
    return records.create(ctx, "person", {"full_name": name, "birth_date": birth, "gender": gender,
                                          "unit_id": unit_id, "recruited_on": "01/09/2010",
                                          "pay_source": "NSNN", "employment_kind": "VIEN_CHUC", **kw})


def by_code(ctx, code):
    return next(t for t in targets.all_targets(ctx) if t.code == code)


def test_two_mergers_and_a_dissolution_reduce_units_by_25_percent(ctx):
    ids = {i: unit(ctx, f"DV{i:02d}") for i in range(1, 13)}
    mover = person(ctx, ids[6], "Nguyễn Thị Sáu")
    t = targets.units_target(ctx)
    assert (t.baseline, t.now, t.change_pct, t.status) == (12, 12, 0.0, CHUA_DAT)
    events.apply(ctx, Plan("SAP_NHAP", "01/08/2023", before=[ids[1], ids[2]], after=[ids[1]]))
    events.apply(ctx, Plan("HOP_NHAT", "01/08/2024", before=[ids[3], ids[4]],
                           after=[{"code": "DV34", "name": "Trường Mầm non Hợp Nhất", "field": "MN"}]))
    events.apply(ctx, Plan("GIAI_THE", "01/01/2025", before=[ids[6]], moves={mover: ids[5]}))
    t = targets.units_target(ctx)
    assert (t.baseline, t.now) == (12, 9)
    assert t.change_pct == -25.0 and t.status == DAT and t.progress == 1.0
    assert t.target == 10 and t.deadline == "31/12/2026"
    assert t.projection == 9  # no closure decided after today


def test_units_projection_counts_a_closure_already_decided(ctx):
    ids = [unit(ctx, f"DV{i}") for i in range(10)]
    unit(ctx, "DVX", valid_to="01/12/2026")  # closes before the deadline, after today (23/11/2026)
    t = targets.units_target(ctx)
    assert (t.baseline, t.now, t.projection) == (11, 11, 10)
    assert t.projection_change_pct == round(-100 / 11, 2)
    assert len(ids) == 10


@pytest.fixture
def staffed(ctx):
    a, b = unit(ctx, "A"), unit(ctx, "B")
    for uid, q21, q26 in ((a, 60, 53), (b, 40, 35)):
        records.create(ctx, "quota", {"unit_id": uid, "year": 2021, "nsnn": q21})
        records.create(ctx, "quota", {"unit_id": uid, "year": 2026, "nsnn": q26})
    return a, b


def test_quota_100_to_88_is_minus_12_percent_and_met(ctx, staffed):
    t26, t30 = targets.staff_targets(ctx)
    assert (t26.baseline, t26.now, t26.change_pct, t26.status) == (100, 88, -12.0, DAT)
    assert t26.now_label.endswith("năm 2026")
    # 2030: baseline is the 2026 quota; nothing reduced yet.
    assert (t30.baseline, t30.now, t30.change_pct, t30.status) == (88, 88, 0.0, CHUA_DAT)
    settings.put(ctx, "nguong.GIAM_BC_NSNN_2026", 15)
    assert targets.staff_targets(ctx)[0].status == CHUA_DAT


def test_staff_projection_subtracts_known_retirements(ctx, staffed):
    a, b = staffed
    person(ctx, a, "Trần Văn Già", birth="05/1966", gender="nam")  # 61 y 6 m in 2027/2028
    person(ctx, a, "Lê Thị Trẻ", birth="1995")
    person(ctx, b, "Phạm Văn Hợp Đồng", birth="1964", gender="nam", employment_kind="HDLD_111")
    ahead = forecast.forecast(ctx, 2030)
    retire_year = int(ctx.db.execute("SELECT retire_on FROM person WHERE full_name = 'Trần Văn Già'")
                      .fetchone()[0][:4])
    assert ahead.nsnn_by_year[retire_year] == 1 and sum(ahead.nsnn_by_year.values()) == 1
    assert sum(ahead.by_year.values()) == 2  # the contract worker retires too, outside NSNN
    _, t30 = targets.staff_targets(ctx)
    assert t30.projection == 2 - 1 and "trừ 1 người" in t30.projection_label


def test_staff_without_2021_quota_is_not_enough_data(ctx):
    records.create(ctx, "quota", {"unit_id": unit(ctx, "A"), "year": 2026, "nsnn": 10})
    t26 = targets.staff_targets(ctx)[0]
    assert t26.baseline is None and t26.status == THIEU and t26.progress == 0.0


LEVELS = {"N4": (9.99, 0), "B10": (10, 0), "B30": (30, 0), "B70": (70, 0), "B99": (99.99, 0),
          "N2": (100, 0), "N1": (100, 1)}


@pytest.fixture
def autonomy_units(ctx):
    ids = {}
    for code, (level, invest) in LEVELS.items():
        ids[code] = unit(ctx, code)
        records.create(ctx, "finance", {"unit_id": ids[code], "year": 2025, "revenue": level * 10,
                                        "recurrent_spending": 1000, "invest_self_funded": invest})
    return ids


def test_autonomy_boundaries_through_the_share_target(ctx, autonomy_units):
    t = targets.autonomy_target(ctx)
    assert t.detail["nhom"] == {1: 1, 2: 1, 3: 4, 4: 1}
    assert t.now == round(2 * 100 / 7, 2) and t.status == DAT  # 28,57 % ≥ 20 %
    settings.put(ctx, "nguong.TY_LE_TU_CHU_2026", 30)
    assert targets.autonomy_target(ctx).status == CHUA_DAT
    records.update(ctx, "finance", ctx.db.execute("SELECT id FROM finance WHERE unit_id = ?",
                                                  [autonomy_units["B99"]]).fetchone()[0],
                   {"group_override": 2, "override_reason": "Quyết định giao tự chủ"})
    assert targets.autonomy_target(ctx).now == round(2 * 100 / 7, 2)  # no decision number: not counted
    records.update(ctx, "finance", ctx.db.execute("SELECT id FROM finance WHERE unit_id = ?",
                                                  [autonomy_units["B99"]]).fetchone()[0],
                   {"override_decision": "12/QĐ-UBND"})
    t = targets.autonomy_target(ctx)
    assert t.now == round(3 * 100 / 7, 2) and t.status == DAT


def test_autonomy_without_finance_is_not_enough_data(ctx):
    unit(ctx, "A")
    assert targets.autonomy_target(ctx).status == THIEU


def test_spending_averages_per_period(ctx):
    a, b = unit(ctx, "A"), unit(ctx, "B")
    for year in range(2016, 2021):
        records.create(ctx, "finance", {"unit_id": a, "year": year, "nsnn_spending": 600e6})
        records.create(ctx, "finance", {"unit_id": b, "year": year, "nsnn_spending": 400e6})
    for year, amount in ((2021, 900e6), (2022, 900e6), (2023, 880e6), (2024, 860e6), (2025, 860e6)):
        records.create(ctx, "finance", {"unit_id": a, "year": year, "nsnn_spending": amount})
    t25, t30 = targets.spending_targets(ctx)
    assert (t25.baseline, t25.now, t25.change_pct, t25.status) == (1000.0, 880.0, -12.0, DAT)
    assert t30.baseline == 880.0 and t30.now is None and t30.status == THIEU
    records.create(ctx, "finance", {"unit_id": a, "year": 2026, "nsnn_spending": 740e6})
    t30 = targets.spending_targets(ctx)[1]
    assert t30.change_pct == round((740 - 880) * 100 / 880, 2) and t30.status == DAT
    assert "1/5 năm" in t30.now_label


def test_professional_share_at_65_percent(ctx):
    a = unit(ctx, "A")
    for group, n in (("CDNN_CN", 13), ("LDQL", 3), ("HTPV", 4)):
        records.create(ctx, "position", {"unit_id": a, "regime": "ND106-2020", "group_code": group,
                                         "name": f"Vị trí {group}", "required_count": n})
    t = targets.professional_target(ctx)
    assert (t.now, t.status) == (65.0, DAT)
    # NĐ 106/2020 Điều 3 khoản 5: CDNN chuyên ngành and chuyên môn dùng chung count together
    records.create(ctx, "position", {"unit_id": a, "regime": "ND106-2020", "group_code": "CDNN_DC",
                                     "name": "Kế toán", "required_count": 1})
    t = targets.professional_target(ctx)
    assert (round(t.now, 2), t.status) == (round(14 * 100 / 21, 2), DAT)
    records.create(ctx, "position", {"unit_id": a, "regime": "ND106-2020", "group_code": "HTPV",
                                     "name": "Bảo vệ", "required_count": 1})
    t = targets.professional_target(ctx)
    assert (round(t.now, 2), t.status) == (round(14 * 100 / 22, 2), CHUA_DAT)


def test_every_target_listed_with_catalogue_defaults(ctx):
    found = targets.all_targets(ctx)
    assert [t.code for t in found] == ["GIAM_DVSN_2026", "GIAM_BC_NSNN_2026", "GIAM_BC_NSNN_2030",
                                       "TY_LE_TU_CHU_2026", "GIAM_CHI_NSNN_2025", "GIAM_CHI_NSNN_2030",
                                       "TY_LE_CMNV"]
    assert [t.target for t in found] == [10, 10, 10, 20, 10, 15, 65]
    assert all(t.status == THIEU for t in found)


def test_trends_by_year(ctx, staffed):
    unit(ctx, "C", valid_to="01/06/2023")
    trend_units, quota, spend = targets.trends(ctx)
    assert trend_units.values[2021] == 3 and trend_units.values[2023] == 2
    assert quota.values == {2021: 100.0, 2026: 88.0} and spend.values == {}
