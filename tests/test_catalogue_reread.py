"""Catalogue facts re-read in the Pháp điển copy (diepxuan/diepxuan.github.io, commit fbaa690e) on 02/12/2026
(issue #21, lần 4): the values below are typed from the text, not from the catalogue, so a change to the data
that departs from the text fails here. Items that could not be read stay unverified and say so."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.services import autonomy, teacher_norms

ROOT = Path(__file__).resolve().parents[1] / "resources" / "catalogues"


def items(kind: str) -> dict[str, dict]:
    return {i["code"]: i for i in json.loads((ROOT / f"{kind}.json").read_text("utf-8"))["items"]}


def test_autonomy_groups_are_nd_60_2021_article_9():
    # Điều 9: nhóm 1, 2 «bằng hoặc lớn hơn 100%» (nhóm 1 also self-funds investment);
    # nhóm 3 «từ 10% đến dưới 100%» in three bands 70–<100, 30–<70, 10–<30;
    # nhóm 4 «dưới 10%» or no revenue of its own
    read = {"1": (100, None, True, None), "2": (100, None, False, None),
            "3": (10, 100, False, [[70, 100], [30, 70], [10, 30]]), "4": (0, 10, False, None)}
    groups = items("nhom_tu_chu")
    fields = ("min_level", "max_level", "requires_investment", "bands")
    assert {c: tuple(g[f] for f in fields) for c, g in groups.items()} == read
    assert all(g["verified"] and "Điều 9 khoản" in g["source"] for g in groups.values())
    # the app's classifier agrees with the text at every edge of Điều 9
    cases = {(100.0, True): 1, (100.0, False): 2, (99.99, True): 3, (10.0, False): 3, (9.99, False): 4}
    assert {k: autonomy.group_of(k[0], 1.0, k[1]) for k in cases} == cases
    assert autonomy.group_of(150.0, 0, True) == 4  # «không có nguồn thu sự nghiệp»
    assert [autonomy.band(v) for v in (99.9, 70, 69.9, 30, 29.9, 10)] == [
        "70–100%", "70–100%", "30–70%", "30–70%", "10–30%", "10–30%"]


def test_regions_are_tt_20_2023():
    # Điều 3 khoản 2 (HS/lớp tiểu học, THCS–THPT);
    # Điều 7 khoản 1 b, Điều 12 khoản 1 c, Điều 17 khoản 1 d (học sinh dôi ra)
    read = {"1": (25, 35, 35, 12, 17, 17), "2": (30, 40, 40, 15, 20, 20), "3": (35, 45, 45, 17, 22, 22)}
    fields = ("class_size_tieu_hoc", "class_size_thcs", "class_size_thpt",
              "extra_pupils_tieu_hoc", "extra_pupils_thcs", "extra_pupils_thpt")
    regions = items("vung")
    assert {c: tuple(r[f] for f in fields) for c, r in regions.items()} == read
    assert "xã có điều kiện kinh tế - xã hội đặc biệt khó khăn" in regions["1"]["definition"]
    assert all(r["verified"] for r in regions.values())


def test_upper_secondary_norm_counts_the_extra_pupils(ctx):
    # TT 20/2023 Điều 17 khoản 1: 2,25 GV/lớp, and in vùng 2 (40 HS/lớp) one more teacher per 20 extra pupils
    unit = {"field": "THPT", "classes": 10, "pupils": 430, "region": 2}
    assert teacher_norms.norm(ctx.catalogues, unit) == round(10 * 2.25 + (430 - 10 * 40) / 20, 2)
    assert teacher_norms.norm(ctx.catalogues, {**unit, "pupils": 390}) == 10 * 2.25


def test_deputy_and_unit_thresholds_are_nd_120_2020():
    read = {"NGUOI_TOI_THIEU_DON_VI": 15, "VC_TOI_THIEU_PHONG": 7, "PHO_N34_SO_XA": 2,
            "PHO_N34_SO_XA_NGOAI_LE": 3, "LOP_TRUONG_NHIEU_CAP": 40, "PHO_N34_TINH_NHO": 2,
            "VC_NGUONG_TINH": 20, "PHO_N34_TINH_LON": 3,
            "PHO_N2": 3, "PHO_PHONG_N34_7_9": 1, "PHO_PHONG_N34_TU_10": 2, "PHO_PHONG_N2": 2,
            "NAM_KHONG_HIEU_QUA_GIAI_THE": 3, "KHTNV_NAM_LIEN_TIEP": 2}
    thresholds = items("nguong")
    assert {c: thresholds[c]["value"] for c in read} == read
    assert all(thresholds[c]["verified"] and "Điều" in thresholds[c]["source"] for c in read)


def test_new_units_must_self_fund_unless_basic_service():
    # NĐ 120/2020 Điều 4 khoản 2: only «dịch vụ sự nghiệp công cơ bản, thiết yếu» is exempted
    kinds = items("loai_dich_vu")
    read = {"QLNN": True, "CO_BAN": False, "KHAC": True}
    assert {c: k["new_unit_must_be_nhom1"] for c, k in kinds.items()} == read


def test_contracts_follow_luat_vien_chuc_article_25():
    contracts = items("loai_hop_dong")
    read = {"HDLV_XD": True, "HDLV_KXD": False, "HDLD_111": False}  # Điều 25 khoản 1, 2; BLLĐ Điều 20
    assert {c: k["needs_end"] for c, k in contracts.items()} == read
    assert all(k["verified"] for k in contracts.values())


def test_what_was_not_read_stays_unverified():
    unread = {"trinh_do_chuyen_mon": None, "tin_hoc": None, "ngoai_ngu": None,
              "nang_luong": {"TNVK_FIRST", "TNVK_YEARLY", "EARLY_MONTHS"},
              "hinh_thuc_tinh_gian": {"HUU_TRUOC_TUOI"}, "loai_su_kien": {"CHUYEN_CQQL"},
              "luong_co_so": {"2023-07-01", "2024-07-01"}}
    for kind, codes in unread.items():
        for code, item in items(kind).items():
            if codes is None or code in codes:
                assert item["verified"] is False and "Chưa kiểm chứng" in item["verified_note"], (kind, code)
    others = ("cdnn", "ngach_luong", "tuoi_nghi_huu", "dinh_muc_giao_vien")  # re-read by other helpers
    shipped = [(p.stem, i) for p in ROOT.glob("*.json") for i in json.loads(p.read_text("utf-8"))["items"]]
    second_hand = [(kind, i["code"]) for kind, i in shipped
                   if i.get("verified") and "ghi chú pháp lý của dự án" in i.get("verified_note", "")
                   and kind not in others]
    assert second_hand == []
