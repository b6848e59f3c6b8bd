"""records.prepare_many (tables read once, conversions memoised) gives exactly
what records.prepare gives, row by row: the same values, or the same problems
in the same order — for valid and invalid rows of every entity with rules."""

import datetime as dt

import pytest

from desktop_app.entities import ENTITIES
from desktop_app.errors import ValidationError
from desktop_app.services import records


def one_by_one(ctx, entity, rows):
    out = []
    for raw in rows:
        try:
            out.append((records.prepare(ctx, entity, raw), []))
        except ValidationError as exc:
            out.append((None, exc.problems))
    return out


def same_as_prepare(ctx, entity_name, rows):
    entity = ENTITIES[entity_name]
    expected = one_by_one(ctx, entity, rows)
    got = records.prepare_many(ctx, entity, rows)
    assert len(got) == len(rows)
    for raw, (want_values, want_problems), (values, problems) in zip(rows, expected, got, strict=True):
        assert values == want_values, raw
        assert problems == want_problems, raw  # Problem is a dataclass: field by field, in order
    return got


@pytest.fixture
def stored(ctx, unit_id):
    """Units (two sharing a name), people (two sharing a name), one quota, finance and evaluation."""
    records.create(ctx, "unit", {"code": "MN01", "name": "Trường Mầm non Hoa Sen", "field": "MN"})
    records.create(ctx, "unit", {"code": "MN02", "name": "Trường Mầm non Hoa Sen", "field": "MN"})
    people = [records.create(ctx, "person", person(full_name=name, cccd=cccd))
              for name, cccd in (("Trần Văn An", "001090000001"), ("Lê Thị Bình", "001090000002"),
                                 ("Lê Thị Bình", "001090000003"))]
    records.create(ctx, "quota", {"unit_id": unit_id, "year": 2025, "nsnn": 20})
    records.create(ctx, "finance", {"unit_id": unit_id, "year": 2025, "revenue": 100})
    records.create(ctx, "evaluation", {"person_id": people[0], "year": 2025, "level": "HTTNV"})
    return {"unit": unit_id, "people": people}


def person(**kw):
    base = {"full_name": "Nguyễn Thị Hằng", "birth_date": "12/03/1985", "gender": "Nữ",
            "unit_id": "TH01", "salary_class": "A1", "coefficient": "3,66",
            "recruited_on": "01/09/2008", "employment_kind": "Viên chức", "pay_source": "NSNN"}
    return base | kw


def test_people_valid_and_invalid_match_prepare(ctx, stored):
    rows = [
        person(cccd="001185000001"),
        person(full_name="Phạm  Văn   Đức", gender="Nam", birth_date="1970", cccd="001170000001"),
        person(full_name="Phạm Văn Đức", gender="nam", birth_date="05/1970", unit_id=stored["unit"]),
        person(full_name="Ngô Thị Hoa", birth_date=dt.date(1990, 2, 1), coefficient=3.0, unit_id="MN01"),
        person(full_name="Ngô Thị Hoa", birth_date=dt.datetime(1990, 2, 1), coefficient=3, unit_id=1.0),
        person(full_name="Đỗ Văn Em", gender=None, birth_date=None),
        person(cccd="001090000001"),                           # CCCD already stored
        person(cccd="001090000001", full_name="  "),           # empty name hides the rules
        person(cccd="12345"),                                  # pattern
        person(unit_id="Trường Mầm non Hoa Sen"),              # two units by that name
        person(unit_id="trường tiểu học phúc đồng"),           # by folded name
        person(unit_id="KHONGCO"),
        person(unit_id=999),
        person(gender="khác", birth_date="31/02/1985"),
        person(birth_date="01/01/2030"),
        person(birth_date="1899"),
        person(recruited_on="01/01/1980"),
        person(left_on="01/01/2000"),
        person(coefficient="5,50"),
        person(coefficient="99"),
        person(employment_kind="không biết", pay_source="Ngân sách nhà nước"),
        person(party_member="x", career_level="2,5"),
        person(nickname="Hằng"),                                # unknown field
        {"unit_id": "TH01"},                                    # required name missing
        person(),                                               # the same person again: prepare allows it
    ]
    got = same_as_prepare(ctx, "person", rows)
    assert got[0][0]["retire_on"] and got[0][0]["sort_key"]
    assert sum(values is None for values, _ in got) >= 15


def test_units_quota_finance_evaluation_position_match_prepare(ctx, stored):
    same_as_prepare(ctx, "unit", [
        {"code": "TH02", "name": "Trường Tiểu học Số 2", "field": "TH"},
        {"code": "TH01", "name": "Trùng mã", "field": "TH"},
        {"code": "TH03", "name": "Ngày lộn", "field": "TH", "valid_from": "01/01/2020",
         "valid_to": "01/01/2019"},
        {"code": "TH04", "name": "Lĩnh vực sai", "field": "XYZ", "classes": "-1"},
    ])
    unit = stored["unit"]
    same_as_prepare(ctx, "quota", [
        {"unit_id": unit, "year": 2026, "nsnn": 21}, {"unit_id": unit, "year": 2025, "nsnn": 21},
        {"unit_id": "TH01", "year": "2025"}, {"unit_id": "MN01", "year": 2025},
        {"unit_id": unit, "year": 1990},
    ])
    same_as_prepare(ctx, "finance", [
        {"unit_id": unit, "year": 2026, "revenue": "1.000,5"}, {"unit_id": unit, "year": 2025},
        {"unit_id": unit, "year": 2027, "group_override": 2},
        {"unit_id": unit, "year": 2028, "group_override": 2, "override_reason": "Theo QĐ"},
    ])
    first, _, _ = stored["people"]
    same_as_prepare(ctx, "evaluation", [
        {"person_id": first, "year": 2026, "level": "HTTNV"},
        {"person_id": first, "year": 2025, "level": "HTTNV"},
        {"person_id": "001090000002", "year": 2025, "level": "HTTNV"},
        {"person_id": "Lê Thị Bình", "year": 2025, "level": "HTTNV"},      # two people by that name
        {"person_id": "trần văn an", "year": 2024, "level": "không rõ"},
        {"person_id": 12345, "year": 2025, "level": "HTTNV"},
    ])
    same_as_prepare(ctx, "position", [
        {"unit_id": unit, "regime": "ND106-2020", "group_code": "LDQL", "name": "Hiệu trưởng",
         "required_count": 1},
        {"unit_id": unit, "regime": "ND232-2026", "group_code": "LDQL", "name": "Hiệu phó",
         "required_count": 1, "career_level_min": 4, "career_level_max": 2},
        {"unit_id": unit, "regime": "ND106-2020", "group_code": "KHONG", "name": "Sai nhóm",
         "required_count": "x"},
    ])


def test_prepare_many_reads_each_table_once(ctx, stored):
    """One query per table and question, however many rows: no query per row."""
    statements = []
    ctx.db.conn.set_trace_callback(statements.append)
    rows = [person(cccd=f"0011850{i:05d}", unit_id="TH01" if i % 2 else "MN01") for i in range(300)]
    got = records.prepare_many(ctx, ENTITIES["person"], rows)
    ctx.db.conn.set_trace_callback(None)
    assert all(values is not None for values, _ in got)
    assert len(statements) <= 6, statements
