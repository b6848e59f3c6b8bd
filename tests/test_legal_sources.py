"""The «Căn cứ pháp lý» model (services.legal_sources, Qt-free): each group present, a rule shows
the periods of the text it follows, lương cơ sở levels follow each other without gaps."""

from __future__ import annotations

from desktop_app import settings
from desktop_app.services import legal_sources as L


def by_name(ctx, group):
    return {e.name.split(":")[0]: e for e in L.entries(ctx) if e.group == group}


def test_every_group_has_rows(ctx):
    assert {e.group for e in L.entries(ctx)} == set(L.GROUPS)


def test_rule_rows_cite_and_date_their_text(ctx):
    rule = by_name(ctx, L.RULE)["HTXS_VUOT_TY_LE"]
    assert "NĐ 233/2026/NĐ-CP Điều 12 khoản 6 điểm a" in rule.source and "docid" not in rule.source
    assert rule.dates == "ND233-2026: từ 01/07/2026" and rule.verified is True
    assert by_name(ctx, L.RULE)["NGAY_BAT_THUONG"].verified is None


def test_threshold_rows_show_the_value_in_force(ctx):
    settings.put(ctx, "nguong.HTXS_TY_LE", 15)
    [row] = [e for e in L.entries(ctx)
             if e.group == L.THRESHOLD and e.name.startswith("Tỷ lệ tối đa HTXSNV so với số HTTNV:")]
    assert row.name.endswith(": 15 %")


def test_salary_levels_follow_each_other(ctx):
    rows = [e for e in L.entries(ctx) if e.group == L.SALARY]
    assert [r.dates for r in rows][-2:] == ["từ 01/07/2024 đến trước 01/07/2026", "từ 01/07/2026"]
    assert "NĐ 161/2026/NĐ-CP" in rows[-1].name and rows[-1].verified is True


def test_catalogue_texts_shown_cite_laws_not_our_files():
    from desktop_app.catalogues import user_text

    assert user_text("Theo ghi chú pháp lý của dự án (legal-notes), nơi tác giả ghi") == (
        "Theo ghi chú pháp lý của dự án, nơi tác giả ghi")
    assert user_text("Mục tiêu theo SPEC §1 (văn bản Trung ương/tỉnh) [I]") == (
        "Mục tiêu theo văn bản Trung ương/tỉnh (chưa đối chiếu văn bản)")


def test_catalogue_rows_point_to_the_unverified_items_in_the_app(ctx):
    rows = [e for e in L.entries(ctx) if e.group == L.CATALOGUE and e.verified is False]
    assert rows and all(f"(xem nhóm «{L.UNVERIFIED}»)" in r.note and "docs/" not in r.note for r in rows)
    items = {e.name.split(":")[0] for e in L.entries(ctx) if e.group == L.UNVERIFIED}
    assert "hinh_thuc_ky_luat GIANG_CHUC" in items and "luong_co_so 2026-07-01" not in items


def _catalogue(kind):
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "resources" / "catalogues"
    return json.loads((root / f"{kind}.json").read_text(encoding="utf-8"))["items"]


def test_a_rule_is_verified_only_when_the_facts_it_reads_were_read(ctx):
    """The «Kiểm chứng» of a rule follows every catalogue fact behind it (read from the shipped
    JSON here, not through the app): the periods of its text and the catalogue it reads."""
    rules = by_name(ctx, L.RULE)
    periods = {p["code"]: p for p in _catalogue("che_do")}
    tu_chu = [p for p in periods.values() if p.get("topic") == "TU_CHU"]
    assert tu_chu and rules["TU_CHU_KHONG_HOP_LY"].verified is all(p.get("verified") for p in tu_chu)
    danh_gia = [p for p in periods.values() if p.get("topic") == "DANH_GIA"]
    assert rules["THIEU_DANH_GIA"].verified is all(p.get("verified") for p in danh_gia)
    ladders = _catalogue("ngach_luong")
    assert rules["HE_SO_NGOAI_KHUNG"].verified is all(i.get("verified") for i in ladders)
    assert not all(i.get("verified") for i in ladders)  # Bảng 3 loại C is not read yet: it says so
    assert "danh_muc" not in rules["HE_SO_NGOAI_KHUNG"].source
    assert rules["NGAY_BAT_THUONG"].verified is None  # a data-quality check cites no text
