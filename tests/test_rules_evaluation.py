"""Evaluation rules picked by the year's text (issue #21): the HTXS cap of NĐ 233/2026/NĐ-CP
Điều 12 khoản 6 fires on a unit and year rated under it (2026), never on the same figures rated
under NĐ 90/2020 (2025); a score is accepted only in a year whose text has one. Expected counts
are worked out by hand in each test."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app import settings
from desktop_app.errors import ValidationError
from desktop_app.services import evaluations, records, regimes, staff
from desktop_app.services.check import CANH_BAO, LOI, findings


def unit(ctx, code):
    return records.create(ctx, "unit", {"code": code, "name": f"Trường {code}", "field": "THCS",
                                        "valid_from": "01/01/2015"})


def rated(ctx, unit_id, year, levels, kind="VIEN_CHUC"):
    ids = []
    for n, level in enumerate(levels):
        pid = records.create(ctx, "person", {"full_name": f"Người {unit_id} {year} {n} {kind}",
                                             "unit_id": unit_id, "recruited_on": "01/09/2010",
                                             "employment_kind": kind})
        evaluations.save(ctx, pid, year, level)
        ids.append(pid)
    return ids


def cap_findings(ctx):
    return [f for f in findings(ctx) if f.rule == "HTXS_VUOT_TY_LE"]


def test_the_year_decides_the_text(ctx):
    assert regimes.for_evaluation_year(ctx, 2025)["code"] == "ND90-2020"
    assert regimes.for_evaluation_year(ctx, 2026)["code"] == "ND233-2026"
    assert regimes.in_force(ctx, "DANH_GIA", dt.date(2026, 6, 30))["code"] == "ND90-2020"
    assert regimes.in_force(ctx, "DANH_GIA", dt.date(2026, 7, 1))["code"] == "ND233-2026"


def test_over_20_percent_in_2026_but_not_in_2025(ctx):
    # 5 HTTNV → at most 1 HTXSNV (20 %), 1,25 with the unit excellent (25 %): 2 is over both.
    a = unit(ctx, "A")
    rated(ctx, a, 2026, ["HTXSNV"] * 2 + ["HTTNV"] * 5 + ["HTNV"] * 3)
    rated(ctx, a, 2025, ["HTXSNV"] * 2 + ["HTTNV"] * 5)
    [hit] = cap_findings(ctx)
    assert (hit.unit, hit.severity) == ("A", LOI)
    assert "năm 2026 có 2 viên chức" in hit.message and "20% của 5" in hit.message
    assert "tối đa 1 người" in hit.message
    assert "NĐ 233/2026/NĐ-CP Điều 12 khoản 6 điểm a" in hit.source
    assert "NĐ 233/2026/NĐ-CP Điều 12 khoản 6 điểm b" in hit.source


def test_between_20_and_25_percent_is_a_warning(ctx):
    # 8 HTTNV: 20 % = 1,6 < 2 ≤ 2 = 25 %.
    b = unit(ctx, "B")
    rated(ctx, b, 2026, ["HTXSNV"] * 2 + ["HTTNV"] * 8)
    [hit] = cap_findings(ctx)
    assert hit.severity == CANH_BAO and "tối đa 25%" in hit.message


def test_within_the_cap_contracts_apart(ctx):
    # 10 HTTNV allow 2 HTXSNV; three more HTXSNV on contracts (HĐLĐ) are not viên chức.
    c = unit(ctx, "C")
    rated(ctx, c, 2026, ["HTXSNV"] * 2 + ["HTTNV"] * 10)
    rated(ctx, c, 2026, ["HTXSNV"] * 3, kind="HDLD_111")
    assert cap_findings(ctx) == []


def test_counted_in_the_unit_they_end_the_year_in(ctx):
    d, e = unit(ctx, "D"), unit(ctx, "E")
    rated(ctx, d, 2026, ["HTTNV"] * 5)
    [mover] = rated(ctx, e, 2026, ["HTXSNV"])
    staff.change_post(ctx, mover, "01/10/2026", "dieu_chuyen", {"unit_id": d})
    # D: 1 HTXSNV of 5 HTTNV = 20 % (allowed); E: 1 of 0 would have fired had he stayed.
    assert cap_findings(ctx) == []
    rated(ctx, d, 2026, ["HTXSNV"])
    assert [f.unit for f in cap_findings(ctx)] == ["D"]


def test_the_cap_is_a_setting(ctx):
    f = unit(ctx, "F")
    rated(ctx, f, 2026, ["HTXSNV"] * 2 + ["HTTNV"] * 5)
    settings.put(ctx, "nguong.HTXS_TY_LE", 40)
    settings.put(ctx, "nguong.HTXS_TY_LE_DV_XUAT_SAC", 40)
    assert cap_findings(ctx) == []


def test_score_only_where_the_text_has_one(ctx):
    g = unit(ctx, "G")
    [pid] = rated(ctx, g, 2025, ["HTTNV"])
    evaluations.save(ctx, pid, 2026, "HTTNV", 85)
    with pytest.raises(ValidationError, match="từ năm 2026"):
        evaluations.save(ctx, pid, 2025, "HTTNV", 85)
    assert evaluations.score_allowed(ctx, 2026) and not evaluations.score_allowed(ctx, 2025)


def head(ctx, unit_id, year, level, role="HIEU_TRUONG"):
    pid = records.create(ctx, "person", {"full_name": f"{role} {unit_id} {year} {level}", "unit_id": unit_id,
                                         "recruited_on": "01/09/2010", "employment_kind": "VIEN_CHUC",
                                         "leader_role": role})
    evaluations.save(ctx, pid, year, level)
    return pid


def rate_unit(ctx, unit_id, year, level):
    records.create(ctx, "finance", {"unit_id": unit_id, "year": year, "unit_level": level})


def head_findings(ctx):
    return [f for f in findings(ctx) if f.rule == "NGUOI_DUNG_DAU_CAO_HON_DON_VI"]


def test_head_rated_above_the_unit_from_2026(ctx):
    h = unit(ctx, "H")
    rate_unit(ctx, h, 2026, "HTTNV")
    rate_unit(ctx, h, 2025, "HTTNV")
    pid = head(ctx, h, 2026, "HTXSNV")
    evaluations.save(ctx, pid, 2025, "HTXSNV")  # 2025: NĐ 90/2020 has no such rule
    head(ctx, h, 2026, "HTXSNV", role="PHO_HIEU_TRUONG")  # a deputy is not the head
    [hit] = head_findings(ctx)
    assert (hit.unit, hit.severity, hit.source) == ("H", LOI, "NĐ 233/2026/NĐ-CP Điều 12 khoản 7")
    assert "năm 2026" in hit.message and "«Hoàn thành tốt nhiệm vụ»" in hit.message


def test_head_level_with_or_below_the_unit_or_unit_not_rated(ctx):
    i, j = unit(ctx, "I"), unit(ctx, "J")
    rate_unit(ctx, i, 2026, "HTTNV")
    head(ctx, i, 2026, "HTTNV")
    head(ctx, j, 2026, "HTXSNV")  # J's own rating not recorded: nothing to compare
    assert head_findings(ctx) == []


def test_unit_rated_excellent_allows_25_percent(ctx):
    # 8 HTTNV, 2 HTXSNV: 25 % = 2 allowed when the unit is HTXSNV; an error when it is HTTNV.
    k, m = unit(ctx, "K"), unit(ctx, "M")
    for u, level in ((k, "HTXSNV"), (m, "HTTNV")):
        rate_unit(ctx, u, 2026, level)
        rated(ctx, u, 2026, ["HTXSNV"] * 2 + ["HTTNV"] * 8)
    [hit] = cap_findings(ctx)
    assert (hit.unit, hit.severity) == ("M", LOI)
    assert "đơn vị xếp loại «Hoàn thành tốt nhiệm vụ»" in hit.message
