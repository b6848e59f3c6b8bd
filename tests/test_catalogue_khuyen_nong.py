"""Khuyến nông titles (TT 18/2020/TT-BNNPTNT): the pay class of khuyến nông viên chính was A2.1 with no
source; every source found says A2.2. Expected values are typed here from the summary of the Sở Nội vụ
Nam Định (sonoivu.namdinh.gov.vn, «Hướng dẫn xếp lương viên chức ngành khuyến nông, quản lý bảo vệ
rừng»), not read from our files. The text itself (Điều 13) was not read: the items stay unverified."""

from __future__ import annotations

from desktop_app import catalogues
from desktop_app.context import open_context

SHIPPED = {c["kind"]: {i["code"]: i for i in c["items"]} for c in catalogues.shipped()}

# hạng II: «loại A2, nhóm A2.2 (hệ số lương từ 4,00 đến 6,38)»;
# hạng III: A1 (2,34–4,98); hạng IV: B (1,86–4,06)
READ = {"V.03.09.25": ("II", "A2.2", 4.00, 6.38), "V.03.09.26": ("III", "A1", 2.34, 4.98),
        "V.03.09.27": ("IV", "B", 1.86, 4.06)}


def test_khuyen_nong_titles_carry_the_pay_class_of_the_summary():
    cdnn, classes = SHIPPED["cdnn"], SHIPPED["ngach_luong"]
    ours = {c: (cdnn[c]["hang"], cdnn[c]["salary_class"], classes[cdnn[c]["salary_class"]]["min"],
                classes[cdnn[c]["salary_class"]]["max"]) for c in READ}
    assert ours == READ


def test_khuyen_nong_titles_stay_unverified_and_say_why():
    for code in READ:
        item = SHIPPED["cdnn"][code]
        assert item["verified"] is False
        assert "18/2020/TT-BNNPTNT" in item["source"] and "lần 4" in item["verified_note"]
    corrected = SHIPPED["cdnn"]["V.03.09.25"]
    assert "sonoivu.namdinh.gov.vn" in corrected["source"]
    assert "Đã sửa (danh mục 2026.12.7): loại lương A2.1 → A2.2" in corrected["verified_note"]


def test_a_database_with_the_old_class_gets_a2_2_when_opened(db_path):
    ctx = open_context(db_path)
    cat = next(c for c in catalogues.shipped() if c["kind"] == "cdnn")
    cat = {**cat, "version": "2026.12.6",
           "items": [dict(i, salary_class="A2.1") if i["code"] == "V.03.09.25" else i for i in cat["items"]]}
    catalogues.install(ctx.db, [cat], force=True)
    ctx.catalogues.reload()
    assert ctx.catalogues.item("cdnn", "V.03.09.25")["salary_class"] == "A2.1"
    ctx.close()
    ctx = open_context(db_path)  # the shipped 2026.12.7 replaces the older installed version
    try:
        assert ctx.catalogues.item("cdnn", "V.03.09.25")["salary_class"] == "A2.2"
    finally:
        ctx.close()
