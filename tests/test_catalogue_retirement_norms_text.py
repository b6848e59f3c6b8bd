"""The retirement roadmap (``tuoi_nghi_huu``) and the teacher norms (``dinh_muc_giao_vien``) against
the texts, re-read on 02/12/2026 in the Pháp điển (issue #21). The tables below are typed from the
texts — Nghị định 135/2020/NĐ-CP Điều 4 khoản 2 (pháp điển 20.2.NĐ.2.4, đề mục «Lao động»);
Thông tư 19/2023/TT-BGDĐT Điều 5 and Thông tư 20/2023/TT-BGDĐT Điều 7, 12, 17 (pháp điển
5.2.TT.97.5, 5.2.TT.98.7, .12, .17, đề mục «Viên chức») — never read from our files."""

from __future__ import annotations

import pytest

from desktop_app.catalogues import shipped
from desktop_app.services.retirement import retirement_date

SHIPPED = {c["kind"]: c for c in shipped()}

# NĐ 135/2020/NĐ-CP Điều 4 khoản 2: «Năm nghỉ hưu — Tuổi nghỉ hưu» for men, then women;
# men «Từ năm 2028 trở đi 62 tuổi», women «Từ năm 2035 trở đi 60 tuổi».
MEN = {2021: "60 tuổi 3 tháng", 2022: "60 tuổi 6 tháng", 2023: "60 tuổi 9 tháng", 2024: "61 tuổi",
       2025: "61 tuổi 3 tháng", 2026: "61 tuổi 6 tháng", 2027: "61 tuổi 9 tháng", 2028: "62 tuổi"}
WOMEN = {2021: "55 tuổi 4 tháng", 2022: "55 tuổi 8 tháng", 2023: "56 tuổi", 2024: "56 tuổi 4 tháng",
         2025: "56 tuổi 8 tháng", 2026: "57 tuổi", 2027: "57 tuổi 4 tháng", 2028: "57 tuổi 8 tháng",
         2029: "58 tuổi", 2030: "58 tuổi 4 tháng", 2031: "58 tuổi 8 tháng", 2032: "59 tuổi",
         2033: "59 tuổi 4 tháng", 2034: "59 tuổi 8 tháng", 2035: "60 tuổi"}


def _months(text: str) -> int:
    words = text.split()
    return int(words[0]) * 12 + (int(words[2]) if len(words) > 2 else 0)


def test_every_roadmap_year_has_the_ages_of_the_decree():
    items = {i["year"]: i for i in SHIPPED["tuoi_nghi_huu"]["items"]}
    assert sorted(items) == list(range(2021, 2036))
    for year, item in items.items():
        men = MEN[min(year, 2028)]  # «Từ năm 2028 trở đi»
        assert item["male_years"] * 12 + item["male_months"] == _months(men), year
        assert item["female_years"] * 12 + item["female_months"] == _months(WOMEN[year]), year
        assert item["verified"] and "Điều 4 khoản 2" in item["source"], year
    after = SHIPPED["tuoi_nghi_huu"]["after_roadmap"]
    keys = ("male_years", "male_months", "female_years", "female_months")
    assert [after[k] for k in keys] == [62, 0, 60, 0]


# Hand-computed: the person reaches the age of the year in which they reach it (Điều 4 khoản 1, 2); the
# app's date is «thời điểm hưởng chế độ hưu trí», the first day of the month after the month of reaching
# it (Điều 3 khoản 1, 2). For each roadmap year: the first and the last month of birth that retire in it.
@pytest.mark.parametrize(("birth", "gender", "expected"), [
    ("1960-12-31", "nam", "2021-01-01"),   # 60 tuổi in 12/2020, before the roadmap
    ("1961-01-15", "nam", "2021-05-01"),   # 2021: 60y3m → 04/2021
    ("1961-09-30", "nam", "2022-01-01"),   # 60y3m → 12/2021
    ("1961-10-01", "nam", "2022-05-01"),   # 60y3m would be 01/2022: 2022's 60y6m → 04/2022
    ("1962-06-10", "nam", "2023-01-01"),   # 60y6m → 12/2022
    ("1962-07-10", "nam", "2023-05-01"),   # 2023: 60y9m → 04/2023
    ("1963-03-10", "nam", "2024-01-01"),   # 60y9m → 12/2023
    ("1963-04-10", "nam", "2024-05-01"),   # 2024: 61y → 04/2024
    ("1963-12-10", "nam", "2025-01-01"),   # 61y → 12/2024
    ("1964-01-10", "nam", "2025-05-01"),   # 2025: 61y3m → 04/2025
    ("1964-09-10", "nam", "2026-01-01"),   # 61y3m → 12/2025
    ("1964-10-10", "nam", "2026-05-01"),   # 2026: 61y6m → 04/2026
    ("1965-06-10", "nam", "2027-01-01"),   # 61y6m → 12/2026
    ("1965-07-10", "nam", "2027-05-01"),   # 2027: 61y9m → 04/2027
    ("1966-03-10", "nam", "2028-01-01"),   # 61y9m → 12/2027
    ("1966-04-10", "nam", "2028-05-01"),   # 2028: 62y → 04/2028
    ("1975-08-10", "nam", "2037-09-01"),   # 62y after 2028 → 08/2037
    ("1965-12-10", "nu", "2021-01-01"),    # 55 tuổi in 12/2020, before the roadmap
    ("1966-01-10", "nu", "2021-06-01"),    # 2021: 55y4m → 05/2021
    ("1966-08-10", "nu", "2022-01-01"),    # 55y4m → 12/2021
    ("1966-09-10", "nu", "2022-06-01"),    # 2022: 55y8m → 05/2022
    ("1967-04-10", "nu", "2023-01-01"),    # 55y8m → 12/2022
    ("1967-05-10", "nu", "2023-06-01"),    # 2023: 56y → 05/2023
    ("1967-12-10", "nu", "2024-01-01"),    # 56y → 12/2023
    ("1968-01-10", "nu", "2024-06-01"),    # 2024: 56y4m → 05/2024
    ("1968-08-10", "nu", "2025-01-01"),    # 56y4m → 12/2024
    ("1968-09-10", "nu", "2025-06-01"),    # 2025: 56y8m → 05/2025
    ("1969-04-10", "nu", "2026-01-01"),    # 56y8m → 12/2025
    ("1969-05-10", "nu", "2026-06-01"),    # 2026: 57y → 05/2026
    ("1969-12-10", "nu", "2027-01-01"),    # 57y → 12/2026
    ("1970-01-10", "nu", "2027-06-01"),    # 2027: 57y4m → 05/2027
    ("1970-08-10", "nu", "2028-01-01"),    # 57y4m → 12/2027
    ("1970-09-10", "nu", "2028-06-01"),    # 2028: 57y8m → 05/2028
    ("1971-04-10", "nu", "2029-01-01"),    # 57y8m → 12/2028
    ("1971-05-10", "nu", "2029-06-01"),    # 2029: 58y → 05/2029
    ("1971-12-10", "nu", "2030-01-01"),    # 58y → 12/2029
    ("1972-01-10", "nu", "2030-06-01"),    # 2030: 58y4m → 05/2030
    ("1972-08-10", "nu", "2031-01-01"),    # 58y4m → 12/2030
    ("1972-09-10", "nu", "2031-06-01"),    # 2031: 58y8m → 05/2031
    ("1973-04-10", "nu", "2032-01-01"),    # 58y8m → 12/2031
    ("1973-05-10", "nu", "2032-06-01"),    # 2032: 59y → 05/2032
    ("1973-12-10", "nu", "2033-01-01"),    # 59y → 12/2032
    ("1974-01-10", "nu", "2033-06-01"),    # 2033: 59y4m → 05/2033
    ("1974-08-10", "nu", "2034-01-01"),    # 59y4m → 12/2033
    ("1974-09-10", "nu", "2034-06-01"),    # 2034: 59y8m → 05/2034
    ("1975-04-10", "nu", "2035-01-01"),    # 59y8m → 12/2034
    ("1975-05-10", "nu", "2035-06-01"),    # 2035: 60y → 05/2035
    ("1980-03-10", "nu", "2040-04-01"),    # 60y after 2035 → 03/2040
    ("1966", "nu", "2021-06-01"),          # Điều 3 khoản 3: year only → 01/01/1966
])
def test_retirement_date_follows_the_decree(birth, gender, expected):
    assert retirement_date(birth, gender, SHIPPED["tuoi_nghi_huu"]["items"]) == expected


# TT 19/2023 Điều 5 khoản 1 a, b, đ; TT 20/2023 Điều 7 khoản 1 a, c; Điều 12 khoản 1 a, b, d;
# Điều 17 khoản 1 a, b, c (giáo viên/nhóm, lớp; 1 Tổng phụ trách Đội per school).
NORMS = {"MN_NHOM_TRE": 2.5, "MN_MAU_GIAO": 2.2, "MN_DIEM_TRUONG_1": 2.0, "TH_2_BUOI": 1.5,
         "TH_1_BUOI": 1.2, "TH_TPT_DOI": 1, "THCS": 1.9, "THCS_DTNT": 2.20, "THCS_TPT_DOI": 1,
         "THPT": 2.25, "THPT_DTNT": 2.4, "THPT_CHUYEN": 3.1}
PLACES = {"MN_NHOM_TRE": "Thông tư 19/2023/TT-BGDĐT Điều 5 khoản 1 điểm a",
          "MN_MAU_GIAO": "Thông tư 19/2023/TT-BGDĐT Điều 5 khoản 1 điểm b",
          "MN_DIEM_TRUONG_1": "Thông tư 19/2023/TT-BGDĐT Điều 5 khoản 1 điểm đ",
          "TH_2_BUOI": "Thông tư 20/2023/TT-BGDĐT Điều 7 khoản 1 điểm a",
          "TH_1_BUOI": "Thông tư 20/2023/TT-BGDĐT Điều 7 khoản 1 điểm a",
          "TH_HS_DOI_RA": "Thông tư 20/2023/TT-BGDĐT Điều 7 khoản 1 điểm b",
          "TH_TPT_DOI": "Thông tư 20/2023/TT-BGDĐT Điều 7 khoản 1 điểm c",
          "THCS": "Thông tư 20/2023/TT-BGDĐT Điều 12 khoản 1 điểm a",
          "THCS_DTNT": "Thông tư 20/2023/TT-BGDĐT Điều 12 khoản 1 điểm b",
          "THCS_HS_DOI_RA": "Thông tư 20/2023/TT-BGDĐT Điều 12 khoản 1 điểm c",
          "THCS_TPT_DOI": "Thông tư 20/2023/TT-BGDĐT Điều 12 khoản 1 điểm d",
          "THPT": "Thông tư 20/2023/TT-BGDĐT Điều 17 khoản 1 điểm a",
          "THPT_DTNT": "Thông tư 20/2023/TT-BGDĐT Điều 17 khoản 1 điểm b",
          "THPT_CHUYEN": "Thông tư 20/2023/TT-BGDĐT Điều 17 khoản 1 điểm c",
          "THPT_HS_DOI_RA": "Thông tư 20/2023/TT-BGDĐT Điều 17 khoản 1 điểm d"}
# Điều 7 khoản 1 điểm b, Điều 12 khoản 1 điểm c, Điều 17 khoản 1 điểm d: one more teacher per N pupils
# left over, vùng 1/2/3.
EXTRA_PUPILS = {"TH_HS_DOI_RA": "12/15/17", "THCS_HS_DOI_RA": "17/20/22", "THPT_HS_DOI_RA": "17/20/22"}


def test_teacher_norms_are_those_of_the_circulars():
    items = {i["code"]: i for i in SHIPPED["dinh_muc_giao_vien"]["items"]}
    assert {c: i["value"] for c, i in items.items() if i["value"] is not None} == NORMS
    assert {c: i["source"].split(";")[0] for c, i in items.items()} == PLACES
    for code, per in EXTRA_PUPILS.items():
        assert items[code]["value"] is None and f"{per} học sinh dôi ra (vùng 1/2/3)" in items[code]["note"]
    # class sizes under the norm of a nhóm trẻ / lớp mẫu giáo (TT 19/2023 Điều 5 khoản 1 a, b)
    assert "15 trẻ 3–12 tháng; 20 trẻ 13–24 tháng; 25 trẻ 25–36 tháng" in items["MN_NHOM_TRE"]["note"]
    assert "25/30/35 trẻ cho 3–4/4–5/5–6 tuổi" in items["MN_MAU_GIAO"]["note"]
    assert all(i["verified"] and i["verified_note"].startswith("Đã đọc") for i in items.values())


def test_thpt_norm_counts_the_pupils_left_over(ctx):
    # TT 20/2023 Điều 3 khoản 2: vùng 1/2/3 bình quân 35/40/45 học sinh/lớp (THPT); Điều 17 khoản 1 điểm d:
    # +1 giáo viên per 17/20/22 pupils left over. The divisors are set here as the text gives them.
    from desktop_app.catalogues import Catalogues
    from desktop_app.services import teacher_norms

    for region, per in (("1", 17), ("2", 20), ("3", 22)):
        ctx.db.execute("UPDATE catalogue_item SET data = json_set(data, '$.extra_pupils_thpt', ?) "
                       "WHERE kind = 'vung' AND code = ?", [per, region])
    cat = Catalogues(ctx.db)
    school = {"field": "THPT", "classes": 12, "region": 3, "pupils": 12 * 45 + 44}
    assert teacher_norms.norm(cat, school) == round(12 * 2.25 + 44 / 22, 2)
    assert teacher_norms.norm(cat, {**school, "region": 1, "pupils": 12 * 35 + 34}) == round(12 * 2.25 + 2, 2)
    assert teacher_norms.norm(cat, {**school, "pupils": 12 * 45 - 5}) == 12 * 2.25  # fewer pupils: no extra
