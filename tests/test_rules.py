"""Rules of SPEC §3 on small scenarios: each flags what it should and nothing else."""

import pytest

from desktop_app import settings
from desktop_app.services import records, staff
from desktop_app.services.check import check, findings


def add_person(ctx, name, unit="TH01", **kw):
    values = {"full_name": name, "birth_date": "12/03/1985", "gender": "Nữ", "unit_id": unit,
              "salary_class": "A1", "coefficient": "3,00", "recruited_on": "01/09/2008",
              "pay_source": "NSNN", "employment_kind": "VIEN_CHUC"} | kw
    return records.create(ctx, "person", values)


def rules_found(ctx, rule):
    return [f for f in findings(ctx) if f.rule == rule]


def test_khtnv_two_years_running_flagged_one_year_not(ctx, unit_id):
    a = add_person(ctx, "Nguyễn Văn Hai")
    b = add_person(ctx, "Trần Thị Một")
    c = add_person(ctx, "Lê Văn Cách")
    for pid, years in ((a, (2024, 2025)), (b, (2025,)), (c, (2022, 2024))):
        for y in years:
            records.create(ctx, "evaluation", {"person_id": pid, "year": y, "level": "KHTNV"})
    found = rules_found(ctx, "KHTNV_LIEN_TIEP")
    assert [f.person for f in found] == ["Nguyễn Văn Hai"]
    assert "2024, 2025" in found[0].message and found[0].unit == "TH01"


def test_past_retirement_still_active(ctx, unit_id):
    add_person(ctx, "Phạm Văn Già", birth_date="1960", gender="Nam")
    add_person(ctx, "Vũ Thị Trẻ", birth_date="1990")
    assert [f.person for f in rules_found(ctx, "QUA_TUOI_NGHI_HUU")] == ["Phạm Văn Già"]


def test_retired_person_not_flagged(ctx, unit_id):
    pid = add_person(ctx, "Phạm Văn Già", birth_date="1960", gender="Nam")
    staff.leave(ctx, pid, "01/01/2021", "NGHI_HUU")
    assert rules_found(ctx, "QUA_TUOI_NGHI_HUU") == []


def test_small_unit_and_threshold_setting(ctx, unit_id):
    for i in range(14):
        add_person(ctx, f"Người Thứ {i}", cccd=None)
    assert [f.unit for f in rules_found(ctx, "DON_VI_DUOI_TOI_THIEU")] == ["TH01"]
    add_person(ctx, "Người Thứ Mười Lăm")
    assert rules_found(ctx, "DON_VI_DUOI_TOI_THIEU") == []
    settings.put(ctx, "nguong.NGUOI_TOI_THIEU_DON_VI", 20)
    assert len(rules_found(ctx, "DON_VI_DUOI_TOI_THIEU")) == 1


def test_division_below_seven(ctx, unit_id):
    records.create(ctx, "division", {"unit_id": unit_id, "name": "Tổ Toán", "staff_count": 6})
    records.create(ctx, "division", {"unit_id": unit_id, "name": "Tổ Văn", "staff_count": 7})
    found = rules_found(ctx, "PHONG_DUOI_TOI_THIEU")
    assert len(found) == 1 and "Tổ Toán" in found[0].message


def test_school_under_pupil_threshold(ctx, unit_id):
    records.create(ctx, "unit", {"code": "MN02", "name": "Trường Mầm non Hoa Sen", "field": "MN",
                                 "pupils": 119})
    records.create(ctx, "unit", {"code": "YT01", "name": "Trạm Y tế", "field": "YTE", "pupils": 5})
    assert [f.unit for f in rules_found(ctx, "TRUONG_IT_HOC_SINH")] == ["MN02"]


def test_over_quota_counts_nsnn_staff_only(ctx, unit_id):
    records.create(ctx, "quota", {"unit_id": unit_id, "year": 2026, "nsnn": 2})
    add_person(ctx, "A Một")
    add_person(ctx, "B Hai")
    add_person(ctx, "C Ba", pay_source="NGUON_THU")
    assert rules_found(ctx, "VUOT_SO_GIAO") == []
    add_person(ctx, "D Bốn")
    found = rules_found(ctx, "VUOT_SO_GIAO")
    assert len(found) == 1 and "vượt số được giao năm 2026 (2) 1 người" in found[0].message


def test_legacy_coefficient_outside_class_is_flagged(ctx, unit_id):
    pid = add_person(ctx, "Đỗ Văn Lệch")
    ctx.db.execute("UPDATE person SET coefficient = 5.5 WHERE id = ?", [pid])  # as imported long ago
    found = rules_found(ctx, "HE_SO_NGOAI_KHUNG")
    assert [f.person for f in found] == ["Đỗ Văn Lệch"]


@pytest.mark.parametrize("rule", ["KHTNV_LIEN_TIEP", "VUOT_SO_GIAO"])
def test_check_json_has_contract_keys_only(ctx, unit_id, rule):
    records.create(ctx, "quota", {"unit_id": unit_id, "year": 2026, "nsnn": 0})
    pid = add_person(ctx, "Nguyễn Văn Hai")
    for y in (2024, 2025):
        records.create(ctx, "evaluation", {"person_id": pid, "year": y, "level": "KHTNV"})
    result = check(ctx)
    assert result["integrity"] == "ok"
    hit = [f for f in result["findings"] if f["rule"] == rule]
    assert hit and set(hit[0]) == {"rule", "severity", "message", "unit", "person", "source"}
