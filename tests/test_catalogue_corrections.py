"""Errors found in the shipped catalogues against the official texts (issue #21), corrected in a
controlled way: a wrong official code goes into ``ma_so`` (printed on paper) while the stored
``code`` stays; a wrong name or pay class is corrected in a new catalogue version, which an
existing database installs when it is next opened. Expected values are typed here from the texts
(pháp điển, đề mục «Viên chức»), not read from our files."""

from __future__ import annotations

import copy
import json

from desktop_app import catalogues
from desktop_app.context import open_context
from desktop_app.reports.forms.common import official_code
from desktop_app.services import records

SHIPPED = {c["kind"]: c for c in catalogues.shipped()}


def items(kind):
    return {i["code"]: i for i in SHIPPED[kind]["items"]}


def test_monitoring_titles_print_the_code_of_ttlt_56_2015():
    # TTLT 56/2015/TTLT-BTNMT-BNV Điều 2: hạng II V.06.05.13, hạng III V.06.05.14, hạng IV V.06.05.15;
    # Điều 9 khoản 1: A2.1, A1, B.
    read = {"II": ("V.06.05.13", "A2.1"), "III": ("V.06.05.14", "A1"), "IV": ("V.06.05.15", "B")}
    ours = {i["hang"]: (i["ma_so"], i["salary_class"]) for i in items("cdnn").values()
            if i["label"].startswith("Quan trắc viên tài nguyên môi trường")}
    assert ours == read
    # the stored codes do not move (people, history and packages refer to them)
    assert {i["hang"]: c for c, i in items("cdnn").items() if c.startswith("V.06.05.")} == {
        "II": "V.06.05.12", "III": "V.06.05.13", "IV": "V.06.05.14"}


def test_sport_title_v_10_01_04_is_huong_dan_vien():
    # TT 07/2022/TT-BVHTTDL Điều 2: four titles only; V.10.01.04 «Hướng dẫn viên (hạng IV)», loại B (Điều 9).
    sport = {c: (i["label"], i["salary_class"]) for c, i in items("cdnn").items() if c.startswith("V.10.01.")}
    assert sport == {"V.10.01.01": ("Huấn luyện viên cao cấp (hạng I)", "A3.1"),
                     "V.10.01.02": ("Huấn luyện viên chính (hạng II)", "A2.1"),
                     "V.10.01.03": ("Huấn luyện viên (hạng III)", "A1"),
                     "V.10.01.04": ("Hướng dẫn viên (hạng IV)", "B")}
    assert not any("Huấn luyện viên (hạng IV)" in i["label"] for i in items("cdnn").values())


def test_vocational_teachers_pay_classes_of_tt_12_2019():
    # TT 12/2019/TT-BLĐTBXH Điều 3 khoản 1 điểm b, with the coefficient ranges it states.
    read = {"V.09.02.05": ("A3.2", 5.75, 7.55), "V.09.02.06": ("A2.1", 4.40, 6.78),
            "V.09.02.07": ("A1", 2.34, 4.98), "V.09.02.08": ("A0", 2.10, 4.89),
            "V.09.02.09": ("B", 1.86, 4.06)}
    classes = items("ngach_luong")
    ours = {c: (i["salary_class"], classes[i["salary_class"]]["min"], classes[i["salary_class"]]["max"])
            for c, i in items("cdnn").items() if c.startswith("V.09.02.")}
    assert ours == read
    assert all(items("cdnn")[c]["verified"] for c in read)


def test_university_lecturers_pay_classes_of_tt_40_2020():
    # TT 40/2020/TT-BGDĐT Điều 10 khoản 1: A3.1, A2.1, A1.
    assert {c: items("cdnn")[c]["salary_class"] for c in ("V.07.01.01", "V.07.01.02", "V.07.01.03")} == {
        "V.07.01.01": "A3.1", "V.07.01.02": "A2.1", "V.07.01.03": "A1"}


def test_leadership_posts_verified_as_posts_not_allowances():
    posts = items("chuc_vu")
    read = {"TRUONG_PHONG": 3, "PHO_TRUONG_PHONG": 4, "TO_TRUONG": 7, "TO_PHO": 8, "TRUONG_TRAM": 9,
            "PHO_TRUONG_TRAM": 10}  # NĐ 232/2026/NĐ-CP Phụ lục I, row numbers
    for code, row in read.items():
        item = posts[code]
        assert item["verified"] and f"Phụ lục I (vị trí việc làm quản lý), dòng {row}" in item["source"]
        assert item["allowance_verified"] is False and "KHÔNG" in item["verified_note"]
    # the school's head and deputy: rows 1, 2 name no title; TT 46/2026/TT-BGDĐT Điều 15 does
    # the heads and deputies: rows 1, 2 name no title; the texts naming them do (TT 46/2026/TT-BGDĐT
    # Điều 15 for schools, Luật GDNN Điều 13 and TT 57/2015/TT-BLĐTBXH Điều 11 for centres)
    named = {"HIEU_TRUONG": (1, "Điều 15"), "PHO_HIEU_TRUONG": (2, "Điều 15"),
             "GIAM_DOC": (1, "Điều 13 khoản 1"), "PHO_GIAM_DOC": (2, "Điều 11 khoản 1")}
    for code, (row, where) in named.items():
        assert posts[code]["head"] is (row == 1) and posts[code]["deputy"] is (row == 2)
        assert f"dòng {row}" in posts[code]["source"] and where in posts[code]["source"]
        assert posts[code]["allowance_verified"] is False
        read[code] = row
    # an institute's head and deputy: TT 11/2023/TT-BLĐTBXH Phụ lục I mục B.I.2 rows 1, 2 name «Viện trưởng»,
    # «Phó Viện trưởng» for the head and deputy of an ĐVSNCL; NĐ 50/2015/NĐ-CP Điều 2 khoản 3 says the same
    for code, row in (("VIEN_TRUONG", 1), ("PHO_VIEN_TRUONG", 2)):
        item = posts[code]
        assert (item["head"], item["deputy"]) == (row == 1, row == 2)
        assert f"mục B.I.2 dòng {row}" in item["source"]
        assert "NĐ 50/2015/NĐ-CP Điều 2 khoản 3" in item["source"]
        assert f"Phụ lục I (vị trí việc làm quản lý), dòng {row}" in item["source"]
        assert item["allowance_verified"] is False and "KHÔNG" in item["verified_note"]
        read[code] = row
    # the chief accountant is a support position (Phụ lục III row 55), neither head nor deputy
    chief = posts["KE_TOAN_TRUONG"]
    assert "Phụ lục III (vị trí việc làm hỗ trợ), dòng 55" in chief["source"]
    assert (chief["head"], chief["deputy"], chief["allowance_verified"]) == (False, False, False)
    read["KE_TOAN_TRUONG"] = 55
    assert {c for c in posts if posts[c]["verified"]} == set(read)


def test_school_support_posts_of_nd_232_2026_annex_iii():
    # Phụ lục III: row 36 «Cấp dưỡng trong cơ sở giáo dục», row 37 «Y tế trường học» — posts, no mã số
    cdnn = items("cdnn")
    assert cdnn["HT_NAU_AN"]["label"] == "Cấp dưỡng (nhân viên nấu ăn)"
    for code, row in (("HT_NAU_AN", 36), ("HT_Y_TE_TRUONG_HOC", 37)):
        assert cdnn[code]["verified"]
        assert f"Phụ lục III (vị trí việc làm hỗ trợ), dòng {row}" in cdnn[code]["source"]
        assert (cdnn[code]["ma_so"], cdnn[code]["position_group_232"]) == (None, "HT")


def test_verified_items_of_these_catalogues_show_no_unverified_mark():
    for kind in ("cdnn", "ngach_luong", "chuc_vu"):
        for item in items(kind).values():
            if item["verified"]:
                shown = catalogues.user_text(item["source"])
                assert "(chưa đối chiếu văn bản)" not in shown, (kind, item["code"])


def _as_before(kind, old):
    """The catalogue as the previous version shipped it: same items, the values before correction."""
    cat = copy.deepcopy(SHIPPED[kind])
    cat["version"] = "2026.12.3"
    for item in cat["items"]:
        item.update(old.get(item["code"], {}))
    return cat


BEFORE = {
    "cdnn": {"V.10.01.04": {"label": "Huấn luyện viên (hạng IV)", "verified": False},
             "V.06.05.12": {"ma_so": "V.06.05.12", "verified": False},
             "V.09.02.05": {"salary_class": "A2.1", "verified": False},
             "V.11.06.14": {"ma_so": "V.11.06.14"}},
    "chuc_vu": {"TO_TRUONG": {"verified": False}, "VIEN_TRUONG": {"verified": False}},
}


def test_an_existing_database_gets_the_corrections_when_opened(db_path):
    ctx = open_context(db_path)
    unit = records.create(ctx, "unit", {"code": "QT01", "name": "Trung tâm Quan trắc", "field": "TNMT"})
    catalogues.install(ctx.db, [_as_before(k, v) for k, v in BEFORE.items()], force=True)
    person = records.create(ctx, "person", {
        "full_name": "Đặng Thị An", "birth_date": "1985", "gender": "nu", "unit_id": unit,
        "employment_kind": "VIEN_CHUC", "pay_source": "NSNN", "recruited_on": "01/09/2010",
        "title_code": "V.06.05.12"})
    ctx.catalogues.reload()
    assert ctx.catalogues.label("cdnn", "V.10.01.04") == "Huấn luyện viên (hạng IV)"
    assert official_code(ctx, "V.06.05.12") == "V.06.05.12"
    ctx.close()

    ctx = open_context(db_path)  # the app opens the file: the new shipped version replaces the old
    try:
        assert ctx.catalogues.label("cdnn", "V.10.01.04") == "Hướng dẫn viên (hạng IV)"
        assert official_code(ctx, "V.06.05.12") == "V.06.05.13"
        assert ctx.catalogues.item("cdnn", "V.09.02.05")["salary_class"] == "A3.2"
        assert ctx.catalogues.item("chuc_vu", "TO_TRUONG")["verified"] is True
        assert ctx.catalogues.item("chuc_vu", "VIEN_TRUONG")["verified"] is True
        assert official_code(ctx, "V.11.06.14") == "V11.06.14"
        versions = dict(ctx.db.execute("SELECT kind, version FROM catalogue_version"))
        assert {k: versions[k] for k in BEFORE} == {k: SHIPPED[k]["version"] for k in BEFORE}
        stored = ctx.db.execute("SELECT title_code FROM person WHERE id = ?", [person]).fetchone()[0]
        assert stored == "V.06.05.12"  # the person's record is untouched
        row = ctx.db.execute("SELECT data FROM catalogue_item "
                             "WHERE kind = 'cdnn' AND code = 'V.06.05.12'").fetchone()
        assert json.loads(row[0])["ma_so"] == "V.06.05.13"
    finally:
        ctx.close()


def test_a_newer_catalogue_from_the_level_above_survives_reopening(db_path):
    # a catalogue package from the province installs its own, newer version (packages/catalogue_package);
    # opening the file again must not put the older shipped file back over it
    ctx = open_context(db_path)
    above = copy.deepcopy(SHIPPED["nguong"])
    above["version"] = "2027.01.1"
    above["items"][0]["label"] = "Chỉ tiêu của tỉnh"
    assert catalogues.install(ctx.db, [above]) == ["nguong"]
    ctx.close()
    ctx = open_context(db_path)
    try:
        assert ctx.catalogues.versions()["nguong"] == "2027.01.1"
        assert ctx.catalogues.items("nguong")[0]["label"] == "Chỉ tiêu của tỉnh"
        assert ctx.catalogues.versions()["cdnn"] == SHIPPED["cdnn"]["version"]
    finally:
        ctx.close()
    # an older one from above is replaced by the shipped file when the file is next opened
    ctx = open_context(db_path)
    catalogues.install(ctx.db, [dict(above, version="2026.01.1")])
    ctx.close()
    ctx = open_context(db_path)
    try:
        assert ctx.catalogues.versions()["nguong"] == SHIPPED["nguong"]["version"]
    finally:
        ctx.close()


def test_school_staff_titles_pay_class_a0():
    # TT 07/2019/TT-BGDĐT and TT 08/2019/TT-BGDĐT Điều 6 khoản 1: «áp dụng bảng lương viên chức loại A0»
    cdnn = items("cdnn")
    assert {c: cdnn[c]["salary_class"] for c in ("V.07.07.20", "V.07.07.21")} == {"V.07.07.20": "A0",
                                                                                  "V.07.07.21": "A0"}
    assert "A0" in items("ngach_luong")

def test_it_titles_print_the_code_written_in_tt_02_2018(ctx):
    # TT 02/2018/TT-BNV Điều 1 khoản 2 writes «Mã số: V11.06.12» … «V11.06.15» (no dot after V); the name in
    # force («Công nghệ thông tin hạng I–IV», TT 08/2022/TT-BTTTT, text not read) keeps the same codes
    it = {c: (i["ma_so"], i["label"], i["verified"])
          for c, i in items("cdnn").items() if c.startswith("V.11.06.")}
    assert it == {"V.11.06.12": ("V11.06.12", "Công nghệ thông tin hạng I", False),
                  "V.11.06.13": ("V11.06.13", "Công nghệ thông tin hạng II", False),
                  "V.11.06.14": ("V11.06.14", "Công nghệ thông tin hạng III", False),
                  "V.11.06.15": ("V11.06.15", "Công nghệ thông tin hạng IV", False)}
    assert official_code(ctx, "V.11.06.14") == "V11.06.14"
