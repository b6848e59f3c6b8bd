"""Small but realistic offices for package tests, built through the services
(the demo generator is not on main yet): schools and a health station with
quotas 2021/2025/2026, finance, positions, people with a transfer, a leaver
and evaluations. ``variant`` changes names, codes, counts and CCCD numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop_app.context import Context, open_context
from desktop_app.services import office, records, staff

TODAY = dt.date(2026, 11, 23)
GIVEN = ["Hằng", "Đức", "Phương", "Hưng", "Ánh", "Lan", "Khôi", "Trang", "Bình", "Yến", "Sơn"]


def open_office(path: Path, name: str, level: str = "xa") -> Context:
    ctx = open_context(path, today=TODAY)
    office.save(ctx, {"name": name, "level": level, "parent": "Ủy ban nhân dân tỉnh Bắc Ninh",
                      "province": "Bắc Ninh", "place": name.split()[-1]})
    return ctx


def fill(ctx: Context, variant: int, cccd_base: int | None = None) -> dict[str, int]:
    """Units, quotas, finance, positions and people; returns unit ids by code."""
    v = variant
    units = {}
    for code, label, field, extra in (
            ("TH01", "Trường Tiểu học số 1", "TH", {"classes": 15 + v, "pupils": 500 + 40 * v,
                                                   "sessions_per_day": 2, "region": 2}),
            ("MN01", "Trường Mầm non Hoa Sen", "MN", {"classes": 6 + v, "nursery_groups": 2,
                                                     "pupils": 200 + 10 * v, "region": 2}),
            ("YT01", "Trạm Y tế", "YTE", {})):
        units[code] = records.create(ctx, "unit", {"code": code, "name": f"{label} {ctx.office_name}",
                                                   "field": field, "valid_from": "2015-01-01", **extra})
    for i, uid in enumerate(units.values()):
        for year in (2021, 2025, 2026):
            records.create(ctx, "quota", {"unit_id": uid, "year": year,
                                          "nsnn": 20 + 3 * v + i - (year - 2021) // 2,
                                          "revenue_paid": 1 + i, "contract": 1})
        for year in (2020, 2021, 2025):
            records.create(ctx, "finance", {"unit_id": uid, "year": year, "revenue": 1.5e9 + 1e8 * v,
                                            "recurrent_spending": 3.25e9 + 1e7 * i, "nsnn_spending": 2.1e9})
        records.create(ctx, "position", {"unit_id": uid, "regime": "ND106-2020", "group_code": "CDNN_CN",
                                         "name": "Giáo viên" if i < 2 else "Y sĩ", "required_count": 10 + v})
    people = []
    base = cccd_base if cccd_base is not None else 1_000_000 * (v + 1)
    for n in range(6 + 2 * v):
        code = list(units)[n % 3]
        people.append(records.create(ctx, "person", {
            "full_name": f"Nguyễn Thị {GIVEN[n % len(GIVEN)]}", "birth_date": f"{1970 + n}-0{1 + n % 9}-15",
            "gender": "nu" if n % 2 else "nam", "unit_id": units[code], "cccd": f"{1 + n:03d}{base + n:09d}",
            "pay_source": "NSNN" if n % 4 else "NGUON_THU", "employment_kind": "VIEN_CHUC",
            "title_code": "V.07.03.29", "title_rank": "III", "salary_class": "A1", "salary_step": 1 + n % 8,
            "coefficient": round(2.34 + 0.33 * (n % 8), 2), "education_level": "DH", "ethnicity": "01",
            "party_member": n % 2, "recruited_on": "2018-09-01"}))
    for pid in people:
        records.create(ctx, "evaluation", {"person_id": pid, "year": 2025, "level": "HTTNV"})
    staff.change_post(ctx, people[0], "2026-03-01", "dieu_chuyen", {"unit_id": units["MN01"]})
    staff.leave(ctx, people[-1], "2026-06-30", "THOI_VIEC")
    return units


def make_office(folder: Path, name: str, variant: int, cccd_base: int | None = None) -> Context:
    ctx = open_office(folder / f"office{variant}.sqlite", name)
    ctx.office_name = name.split(" xã ")[-1]  # type: ignore[attr-defined]
    fill(ctx, variant, cccd_base)
    return ctx


def open_province(folder: Path) -> Context:
    return open_office(folder / "tinh.sqlite", "Sở Nội vụ tỉnh Bắc Ninh", level="tinh")


def keys_of(*paths: Path) -> list[str]:
    """The signing-key fingerprints of packages, as a clerk confirms them on the senders' papers."""
    import json
    import zipfile

    out = []
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            out.append(json.loads(archive.read("manifest.json"))["key_fingerprint"])
    return out
