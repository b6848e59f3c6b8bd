"""Every catalogue item says where it comes from (issue #21): a `source`, `verified` true/false and the
reason; a verified item names its document and the place in it; every unverified item is listed in
docs/legal-sources.md. Checked on the shipped files and on what a new database installs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from desktop_app import catalogues

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT = re.compile(r"NĐ |TT |Thông tư|Luật |Quyết định|QĐ |Bộ luật|Nghị quyết|NQ/TW|KL/TW|TTLT|/KH-UBND")
PLACE = re.compile(r"Điều \d|Phụ lục|Bảng \d|khoản|mục|dòng mã|gov\.vn|pháp điển|Biểu|BM0")
SHIPPED = catalogues.shipped()
ITEMS = [(c["kind"], i) for c in SHIPPED for i in c["items"]]


@pytest.mark.parametrize(("kind", "item"), ITEMS, ids=[f"{k}:{i['code']}" for k, i in ITEMS])
def test_item_has_source_and_verification(kind, item):
    assert isinstance(item.get("source"), str) and item["source"].strip()
    assert item.get("verified") in (True, False)
    assert isinstance(item.get("verified_note"), str) and item["verified_note"].strip()
    if item["verified"]:
        assert DOCUMENT.search(item["source"]), item["source"]
        assert PLACE.search(item["source"]), item["source"]


def test_installed_items_keep_source(ctx):
    for cat in SHIPPED:
        for item in ctx.catalogues.items(cat["kind"]):
            assert item["source"] and item["verified"] in (True, False)


def test_unverified_items_are_listed_in_the_doc():
    doc = (ROOT / "docs" / "legal-sources.md").read_text("utf-8")
    sections = re.split(r"\n### ", doc)
    listed = {}
    for section in sections[1:]:
        kind = re.match(r"`(\w+)`", section).group(1)
        listed[kind] = set(re.findall(r"^\| `([^`]+)` \|", section, flags=re.M))
    for kind, item in ITEMS:
        if not item["verified"]:
            assert item["code"] in listed.get(kind, set()), (kind, item["code"])
    unverified = sum(1 for _, i in ITEMS if not i["verified"])
    assert f"Tổng số mục chưa kiểm chứng: **{unverified}**" in doc


def test_ethnic_groups_carry_the_2008_code_read_in_the_decision():
    # QĐ 1019/QĐ-TCTK (2008), typed here from gso.gov.vn DocID=15172: 04 Mường, 06 Hoa, 11 Ê-đê …
    read = {"Kinh": "01", "Tày": "02", "Thái": "03", "Mường": "04", "Khơ-me": "05", "Hoa": "06", "Nùng": "07",
            "Mông": "08", "Dao": "09", "Gia-rai": "10", "Ê-đê": "11", "Ba-na": "12", "Sán Chay": "13",
            "Chăm": "14", "Cơ-ho": "15", "Xơ-đăng": "16", "Sán Dìu": "17", "Hrê": "18", "Ra-glai": "19",
            "Mnông": "20"}
    items = {i["label"]: i for k, i in ITEMS if k == "dan_toc"}
    assert {label: items[label].get("ma_2008") for label in read} == read
    assert all(items[label]["verified"] for label in read)
    # the stored codes stay the 1979 ones (data refers to them)
    assert (items["Hoa"]["code"], items["Mường"]["code"]) == ("04", "06")
    codes = [i["ma_2008"] for k, i in ITEMS if k == "dan_toc" and "ma_2008" in i]
    assert len(codes) == len(set(codes))
    # without a 2008 code an item is verified only on the 1979 list reproduced by Bộ Y tế (FHIR vn-core-race)
    for k, i in ITEMS:
        if k == "dan_toc" and "ma_2008" not in i and i["verified"]:
            assert "121-TCTK/PPCĐ" in i["source"] and "vn-core-race" in i["source"], i["code"]


def test_ethnic_codes_follow_the_1979_list_read_in_the_health_ministry_copy():
    # typed from hl7vn/vn-core-ig input/resources/CodeSystem-vn-core-race-v1.0.xml (commit 8e6b6e07)
    read = {"11": "Ngái", "22": "Xtiêng", "23": "Bru-Vân Kiều", "24": "Thổ", "25": "Giáy", "26": "Cơ-tu",
            "27": "Gié Triêng", "28": "Mạ", "29": "Khơ-mú", "30": "Co", "31": "Tà-ôi", "32": "Chơ-ro",
            "33": "Kháng", "34": "Xinh-mun", "35": "Hà Nhì", "36": "Chu ru", "37": "Lào", "38": "La Chí",
            "39": "La Ha", "40": "Phù Lá", "41": "La Hủ", "42": "Lự", "43": "Lô Lô", "44": "Chứt",
            "45": "Mảng", "46": "Pà Thẻn", "47": "Co Lao", "48": "Cống", "49": "Bố Y", "50": "Si La",
            "51": "Pu Péo", "52": "Brâu", "53": "Ơ Đu", "54": "Rơ măm"}

    def spelt(name):  # the copy and the catalogue differ only in hyphens, case and Co/Cơ, Tà/Ta
        return " ".join(name.casefold().replace("-", " ").replace("ơ", "o").replace("tà", "ta").split())

    items = {i["code"]: i for k, i in ITEMS if k == "dan_toc"}
    for code, name in read.items():
        names = [items[code]["label"], *items[code].get("aliases", [])]
        assert spelt(name) in {spelt(n) for n in names}, (code, name)
        assert items[code]["verified"] and f"dòng mã {code}," in items[code]["source"]


def test_catalogue_files_keep_their_layout():
    for path in sorted((ROOT / "resources" / "catalogues").glob("*.json")):
        raw = path.read_text("utf-8")
        assert json.dumps(json.loads(raw), ensure_ascii=False, indent=1) + "\n" == raw, path.name


def test_tinh_gian_deadlines_are_the_ones_of_the_ninh_binh_news_item_and_stay_unverified():
    # typed from the provincial portal's item on Kế hoạch 185/KH-UBND (22/10/2024): quý I before 15/11/2024,
    # quý II before 15/02/2025, quý III before 15/5/2025, quý IV before 15/8/2025 (for the year 2025).
    # A news item about one province's plan, not the plan's text nor a general rule: unverified.
    read = {"1": (2024, 11, 15), "2": (2025, 2, 15), "3": (2025, 5, 15), "4": (2025, 8, 15)}
    items = {i["code"]: i for k, i in ITEMS if k == "han_tinh_gian"}
    assert {q: (2025 + i["year_offset"], i["month"], i["day"]) for q, i in items.items()} == read
    assert all(not i["verified"] and "185/KH-UBND" in i["source"]
               and "không phải văn bản" in i["verified_note"] for i in items.values())


def test_staff_cut_target_is_the_share_of_the_ninh_binh_news_item_and_stays_unverified():
    # the same item: «đến năm 2026 tinh giản … ít nhất 10% biên chế viên chức hưởng lương từ ngân sách …»
    item = next(i for k, i in ITEMS if k == "nguong" and i["code"] == "GIAM_BC_NSNN_2026")
    assert (item["value"], item["unit"], item["target_year"], item["direction"]) == (10, "%", 2026, "min")
    assert not item["verified"] and "185/KH-UBND" in item["source"]


def test_values_read_in_nd_120_2020_and_nd_141_2016():
    # NĐ 120/2020 Điều 27 khoản 2 điểm b: surplus deputies after a merger go «trong thời hạn tối đa 03 năm»
    deputies = next(i for k, i in ITEMS if k == "nguong" and i["code"] == "NAM_SAP_XEP_CAP_PHO")
    assert (deputies["value"], deputies["unit"], deputies["direction"]) == (3, "năm", "max")
    assert deputies["verified"] and "Điều 27 khoản 2 điểm b" in deputies["source"]
    # NĐ 16/2015, NĐ 141/2016 Điều 4 khoản 6: a unit turned non-public or into a company leaves the list
    convert = next(i for k, i in ITEMS if k == "loai_su_kien" and i["code"] == "CHUYEN_DOI")
    shape = (convert["before_min"], convert["before_max"], convert["after_max"], convert["closes_before"])
    assert shape == (1, 1, 0, True)
    assert convert["verified"]
