"""The unit list queries: accent-insensitive search, filters, sorting."""

import pytest

from desktop_app.services import records, units


@pytest.fixture
def ids(ctx):
    data = [("TH01", "Trường Tiểu học Phúc Đồng", "TH", 20), ("MN01", "Trường Mầm non Hoa Sữa", "MN", 12),
            ("YT01", "Trạm Y tế phường", "YTE", None), ("DT1", "Đội quản lý đô thị", "TTTT", 3),
            ("VH01", "Nhà văn hóa 100%_cũ", "VHTTDL", None)]
    made = {c: records.create(ctx, "unit", {"code": c, "name": n, "field": f, "classes": k})
            for c, n, f, k in data}
    records.update(ctx, "unit", made["VH01"], {"status": "giai_the"})
    return made


def test_search_folds_accents_case_and_d(ctx, ids):
    assert units.search_ids(ctx, "truong tieu hoc") == [ids["TH01"]]
    assert units.search_ids(ctx, "TRƯỜNG") == [ids["MN01"], ids["TH01"]]
    assert units.search_ids(ctx, "doi quan") == [ids["DT1"]]
    assert units.search_ids(ctx, "yt0") == [ids["YT01"]]


def test_like_wildcards_are_literal(ctx, ids):
    assert units.search_ids(ctx, "100%_", include_closed=True) == [ids["VH01"]]
    assert units.search_ids(ctx, "%") == []


def test_closed_units_only_when_asked(ctx, ids):
    assert ids["VH01"] not in units.search_ids(ctx)
    assert ids["VH01"] in units.search_ids(ctx, include_closed=True)
    records.update(ctx, "unit", ids["YT01"], {"valid_to": "01/01/2020"})
    assert ids["YT01"] not in units.search_ids(ctx)


def test_field_filter(ctx, ids):
    assert units.search_ids(ctx, field="MN") == [ids["MN01"]]


def test_sort_by_choice_label_numbers_and_descending(ctx, ids):
    # By label: Giáo dục mầm non < Thông tin - Truyền thông < Tiểu học < Y tế (by code TH < TTTT).
    by_field = units.search_ids(ctx, order="field")
    assert by_field == [ids["MN01"], ids["DT1"], ids["TH01"], ids["YT01"]]
    assert units.search_ids(ctx, order="field", descending=True) == by_field[::-1]
    assert units.search_ids(ctx, order="classes") == [ids["DT1"], ids["MN01"], ids["TH01"], ids["YT01"]]
    assert units.search_ids(ctx, order="classes", descending=True)[-1] == ids["YT01"]  # empty last
    with pytest.raises(KeyError):
        units.search_ids(ctx, order="name; DROP TABLE unit")


def test_names_sort_in_vietnamese_alphabet_order(ctx, ids):
    names = [units.get(ctx, i)["name"] for i in units.search_ids(ctx, order="name")]
    # đ is its own letter right after d (so before t); «Trạm» (a) comes before «Trường» (ư).
    assert names == ["Đội quản lý đô thị", "Trạm Y tế phường", "Trường Mầm non Hoa Sữa",
                     "Trường Tiểu học Phúc Đồng"]
    records.create(ctx, "unit", {"code": "DA1", "name": "Dân số", "field": "YTE"})
    records.create(ctx, "unit", {"code": "EA1", "name": "Em bé", "field": "YTE"})
    names = [units.get(ctx, i)["name"] for i in units.search_ids(ctx, order="name")]
    assert names[:3] == ["Dân số", "Đội quản lý đô thị", "Em bé"]


def test_rows_by_id(ctx, ids):
    found = units.rows(ctx, [ids["TH01"], 9999])
    assert list(found) == [ids["TH01"]]
    assert found[ids["TH01"]]["name"] == "Trường Tiểu học Phúc Đồng"
