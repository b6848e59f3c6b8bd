"""Realistic small data for report tests, built through the services (the
demo generator is written in parallel): schools, a health centre, quotas,
finance, positions, people with transfers and a leaver."""

from __future__ import annotations

import pytest

from desktop_app.services import office, records, staff

PEOPLE = [
    # name, birth, gender, unit, pay source, kind, title, rank, class, step, coef, edu, party, ethnicity
    ("Nguyễn Thị Hằng", "1985-03-12", "nu", "TH01", "NSNN", "VIEN_CHUC", "V.07.03.29", "II", "A2.2", 3, 4.68,
     "DH", 1, "01"),
    ("Trần Văn Đức", "1970-11-02", "nam", "TH01", "NSNN", "VIEN_CHUC", "V.07.03.29", "II", "A2.2", 6, 5.70,
     "THS", 1, "01"),
    ("Lê Thị Phương", "1996", "nu", "TH01", "NSNN", "TAP_SU", "V.07.03.29", "III", "A1", 1, 2.34, "DH", 0,
     "02"),
    ("Phạm Quốc Hưng", "1990-07-30", "nam", "TH01", "NSNN", "HDLD_111", None, None, None, None, None, "TC",
     0, "01"),
    ("Hoàng Thị Ngọc Ánh", "1988-01-05", "nu", "MN01", "NSNN", "VIEN_CHUC", "V.07.02.26", "III", "A1", 4,
     3.33, "CD", 0, "01"),
    ("Vũ Thị Lan", "1979-09-09", "nu", "MN01", "NGUON_THU", "VIEN_CHUC", "V.07.02.26", "III", "A1", 7, 4.32,
     "DH", 1, "01"),
    ("Đặng Minh Khôi", "1982-12-24", "nam", "YT01", "NGUON_THU", "VIEN_CHUC", "V.08.01.03", "III", "A1", 5,
     3.66, "DH", 1, "01"),
    ("Bùi Thị Thu Trang", "1993-04-15", "nu", "YT01", "NSNN", "VIEN_CHUC", "V.08.05.13", "IV", "B", 4,
     2.46, "TC", 0, "03"),
    ("=SUM(A1:A9) Ngô", "1991-02-02", "nam", "YT01", "NSNN", "VIEN_CHUC", "V.08.05.13", "IV", "B", 2,
     2.06, "TC", 0, "01"),
]


def _unit(ctx, code, name, field, **kw):
    return records.create(ctx, "unit", {"code": code, "name": name, "field": field,
                                        "valid_from": "2015-01-01", **kw})


@pytest.fixture
def rctx(ctx):
    """ctx with office settings and a small province-like data set."""
    office.save(ctx, {"report_code": "UBND", "sign_authority": "TM.", "signer_title": "Chủ tịch",
                      "signer_name": "Nguyễn Văn Bình",
                      "recipients": "- Sở Nội vụ;\n- Thường trực Đảng ủy;\n- Lưu: VT, VHXH."})
    units = {
        "TH01": _unit(ctx, "TH01", "Trường Tiểu học Phúc Đồng", "TH", classes=20, pupils=700,
                      sessions_per_day=2, region=3, decision_no="12/QĐ-UBND", decision_date="2015-01-01"),
        "MN01": _unit(ctx, "MN01", "Trường Mầm non Hoa Sen", "MN", classes=8, nursery_groups=2, pupils=250,
                      region=3),
        "YT01": _unit(ctx, "YT01", "Trạm Y tế phường Phúc Đồng", "YTE"),
        "OLD": _unit(ctx, "OLD", "Trường Mầm non Cũ", "MN", valid_to="2023-08-01", status="sap_nhap"),
    }
    for code, (n21, n25, n26) in {"TH01": (30, 28, 27), "MN01": (20, 18, 18), "YT01": (12, 10, 9),
                                  "OLD": (9, 0, 0)}.items():
        for year, n in ((2021, n21), (2025, n25), (2026, n26)):
            records.create(ctx, "quota", {"unit_id": units[code], "year": year, "nsnn": n,
                                          "revenue_paid": 2, "contract": 1})
    ids = {}
    for (nm, born, gender, unit, pay, kind, title, rank, klass, step, coef, edu, party,
         eth) in PEOPLE:
        ids[nm] = records.create(ctx, "person", {
            "full_name": nm, "birth_date": born, "gender": gender, "unit_id": units[unit],
            "pay_source": pay, "employment_kind": kind, "title_code": title, "title_rank": rank,
            "salary_class": klass, "salary_step": step, "coefficient": coef, "education_level": edu,
            "party_member": party, "ethnicity": eth, "recruited_on": "2018-09-01"})
    # Moved from the nursery school to the primary school in 2026: counted at TH01 now.
    staff.change_post(ctx, ids["Vũ Thị Lan"], "2026-03-01", "dieu_chuyen", {"unit_id": units["TH01"]})
    staff.leave(ctx, ids["Bùi Thị Thu Trang"], "2026-06-30", "THOI_VIEC")
    ctx.units = units
    ctx.people = ids
    return ctx
