"""Catalogue items re-read in the Pháp điển copy (issue #21, lần 4): the teachers' codes and pay classes of
TT 01–04/2021/TT-BGDĐT, the archivist of TT 07/2022/TT-BNV, the «chuyên viên» grade, and the coefficient
ranges the CDNN circulars state for each pay class. Every figure below is copied from the text read
(pháp điển Điều 5.2.TT.48–51.2 and .8, 5.2.TT.48.9, 5.2.TT.61.3 and .14, 1.7.TT.4.9, 5.2.TL.11.9,
5.2.TL.33.5), never from the catalogue, so a slip in the catalogue fails here."""

from __future__ import annotations

from decimal import Decimal

from desktop_app import catalogues

SHIPPED = {c["kind"]: {i["code"]: i for i in c["items"]} for c in catalogues.shipped()}
CDNN = SHIPPED["cdnn"]
LADDERS = SHIPPED["ngach_luong"]

# Điều 2 (mã số, tên) and Điều 8 khoản 1 (loại, «từ hệ số lương … đến hệ số lương …») of each circular
TEACHERS = {
    "V.07.02.26": ("Giáo viên mầm non hạng III", "A0", "2,10", "4,89"),
    "V.07.02.25": ("Giáo viên mầm non hạng II", "A1", "2,34", "4,98"),
    "V.07.02.24": ("Giáo viên mầm non hạng I", "A2.2", "4,0", "6,38"),
    "V.07.03.29": ("Giáo viên tiểu học hạng III", "A1", "2,34", "4,98"),
    "V.07.03.28": ("Giáo viên tiểu học hạng II", "A2.2", "4,00", "6,38"),
    "V.07.03.27": ("Giáo viên tiểu học hạng I", "A2.1", "4,40", "6,78"),
    "V.07.04.32": ("Giáo viên trung học cơ sở hạng III", "A1", "2,34", "4,98"),
    "V.07.04.31": ("Giáo viên trung học cơ sở hạng II", "A2.2", "4,00", "6,38"),
    "V.07.04.30": ("Giáo viên trung học cơ sở hạng I", "A2.1", "4,4", "6,78"),
    "V.07.05.15": ("Giáo viên trung học phổ thông hạng III", "A1", "2,34", "4,98"),
    "V.07.05.14": ("Giáo viên trung học phổ thông hạng II", "A2.2", "4,0", "6,38"),
    "V.07.05.13": ("Giáo viên trung học phổ thông hạng I", "A2.1", "4,40", "6,78"),
}


def vn(number: str) -> Decimal:
    return Decimal(number.replace(",", "."))


def ladder_range(code: str) -> tuple[Decimal, Decimal]:
    ladder = LADDERS[code]
    return Decimal(str(ladder["min"])), Decimal(str(ladder["max"]))


def test_teachers_codes_names_and_pay_ranges_as_tt_01_04_2021_state_them():
    for code, (label, pay_class, low, high) in TEACHERS.items():
        item = CDNN[code]
        assert (item["ma_so"], item["label"], item["salary_class"]) == (code, label, pay_class)
        assert ladder_range(pay_class) == (vn(low), vn(high)), code
        assert item["verified"] and "Điều 8 khoản 1 điểm" in item["source"], code


def test_old_preschool_grade_iv_keeps_class_b_and_old_codes_point_to_their_new_ones():
    # TT 01/2021/TT-BGDĐT Điều 9 khoản 1: giữ mã V.07.02.06,
    # «loại B (từ hệ số lương 1,86 đến hệ số lương 4,06)»
    assert CDNN["V.07.02.06"]["salary_class"] == "B" and ladder_range("B") == (vn("1,86"), vn("4,06"))
    # Điều 7 khoản 1 of TT 01/2021 and TT 03/2021 (sửa đổi bởi TT 08/2023): old code → new code
    moved = {"V.07.02.06": "V.07.02.26", "V.07.02.05": "V.07.02.26", "V.07.02.04": "V.07.02.25",
             "V.07.04.12": "V.07.04.32", "V.07.04.11": "V.07.04.31", "V.07.04.10": "V.07.04.30"}
    assert {c: CDNN[c]["replaced_by"] for c in moved} == moved
    # their pay class sits in TTLT 20/2015, 22/2015 — not read, so only V.07.02.06 is verified
    assert {c for c in moved if CDNN[c]["verified"]} == {"V.07.02.06"}


def test_archivist_is_the_tt_07_2022_bnv_title_on_class_a1():
    # Điều 3: «2. Lưu trữ viên» «Mã số: V.01.02.02»;
    # Điều 14 khoản 2: «bậc 1, hệ số lương 2,34 (Viên chức loại A1)»
    item = CDNN["V.01.02.02"]
    assert (item["label"], item["salary_class"], item["verified"]) == ("Lưu trữ viên", "A1", True)
    assert "Thông tư 07/2022/TT-BNV" in item["source"] and "02/2021" not in item["source"]


def test_chuyen_vien_grade_is_class_a1():
    # TT 07/2017/TT-BNV Điều 9 khoản 3 điểm a: «ngạch chuyên viên và tương đương (loại A1)»
    assert (CDNN["01.003"]["label"], CDNN["01.003"]["salary_class"], CDNN["01.003"]["verified"]) == (
        "Chuyên viên", "A1", True)


def test_ladders_start_and_end_where_the_cdnn_circulars_say():
    read = {"A3.1": ("6,20", "8,00"), "A3.2": ("5,75", "7,55"), "A2.1": ("4,40", "6,78"),
            "A2.2": ("4,00", "6,38"), "A1": ("2,34", "4,98"), "A0": ("2,10", "4,89"), "B": ("1,86", "4,06")}
    assert {c: ladder_range(c) for c in read} == {c: (vn(lo), vn(hi)) for c, (lo, hi) in read.items()}


def test_ladder_rungs_read_with_their_class_named():
    # (class, bậc) → hệ số, each sentence naming the class: TT 07/2022/TT-BNV Điều 14 khoản 1–2,
    # TTLT 30/2015/TTLT-BLĐTBXH-BNV Điều 9 ví dụ 2, TTLT 01/2016/TTLT-BKHCN-BNV Điều 5 ví dụ 2
    read = {("A1", 1): "2,34", ("A1", 2): "2,67", ("A1", 3): "3,00", ("B", 1): "1,86", ("B", 2): "2,06",
            ("A0", 3): "2,72", ("A0", 4): "3,03", ("B", 5): "2,66", ("B", 6): "2,86", ("B", 7): "3,06"}
    for (code, bac), coefficient in read.items():
        assert Decimal(str(LADDERS[code]["coefficients"][bac - 1])) == vn(coefficient), (code, bac)


def test_ladders_not_read_rung_by_rung_stay_unverified():
    # Bảng 3 of NĐ 204/2004/NĐ-CP was not found in full: a ladder is verified only when every rung was read
    assert not any(LADDERS[c]["verified"] for c in ("A3.1", "A3.2", "A2.1", "A2.2", "A1", "A0", "B"))
