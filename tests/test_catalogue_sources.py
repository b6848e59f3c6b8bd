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
DOCUMENT = re.compile(r"NĐ |TT |Thông tư|Luật |Quyết định|QĐ |Bộ luật|Nghị quyết|NQ/TW|KL/TW|TTLT")
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
    assert all(i["verified"] is False for k, i in ITEMS if k == "dan_toc" and "ma_2008" not in i)


def test_catalogue_files_keep_their_layout():
    for path in sorted((ROOT / "resources" / "catalogues").glob("*.json")):
        raw = path.read_text("utf-8")
        assert json.dumps(json.loads(raw), ensure_ascii=False, indent=1) + "\n" == raw, path.name
