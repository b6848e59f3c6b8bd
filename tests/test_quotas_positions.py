"""services.quotas (year grid, copy from the previous year) and
services.positions (regime by date, cần thiết vs có mặt, professional share)."""

import datetime as dt

import pytest

from db import repo
from desktop_app.errors import ValidationError
from desktop_app.services import positions, quotas, records


@pytest.fixture
def two_units(ctx, unit_id):
    other = records.create(ctx, "unit", {"code": "MN01", "name": "Trường Mầm non Hoa Sữa", "field": "MN"})
    closed = records.create(ctx, "unit", {"code": "VH01", "name": "Nhà văn hóa", "field": "VHTTDL",
                                          "valid_to": "01/03/2025", "status": "giai_the"})
    return unit_id, other, closed


def person(unit, **kw):
    return {"full_name": "Nguyễn Thị Hằng", "birth_date": "1985", "gender": "nu", "unit_id": unit,
            "employment_kind": "VIEN_CHUC", "pay_source": "NSNN", "recruited_on": "01/09/2010", **kw}


def test_grid_lists_units_of_the_year_with_present_counts(ctx, two_units):
    school, nursery, closed = two_units
    records.create(ctx, "quota", {"unit_id": school, "year": 2026, "nsnn": 1, "contract": 2})
    records.create(ctx, "person", person(school))
    records.create(ctx, "person", person(school, full_name="Trần Văn Nam", gender="nam"))
    rows = {r.unit["id"]: r for r in quotas.grid(ctx, 2026)}
    assert set(rows) == {school, nursery}
    assert (rows[school].given("nsnn"), rows[school].present("nsnn")) == (1, 2)
    assert rows[school].over("nsnn") and not rows[school].over("contract")
    assert rows[nursery].given("nsnn") is None and not rows[nursery].over("nsnn")
    assert closed in {r.unit["id"] for r in quotas.grid(ctx, 2024)}


def test_copy_from_previous_year_fills_only_units_without_a_quota(ctx, two_units):
    school, nursery, closed = two_units
    records.create(ctx, "quota", {"unit_id": school, "year": 2025, "nsnn": 30, "revenue_paid": 2,
                                  "contract": 3, "decision_no": "15/QĐ-UBND", "decision_date": "10/01/2025"})
    records.create(ctx, "quota", {"unit_id": nursery, "year": 2025, "nsnn": 20})
    records.create(ctx, "quota", {"unit_id": nursery, "year": 2026, "nsnn": 18})
    created = quotas.copy_from_previous(ctx, 2026)
    [copy] = [repo.get(ctx.db, "quota", i) for i in created]
    assert (copy["unit_id"], copy["year"], copy["nsnn"], copy["revenue_paid"], copy["contract"],
            copy["decision_no"], copy["decision_date"]) == (
        school, 2026, 30, 2, 3, "15/QĐ-UBND", "2025-01-10")
    assert repo.find(ctx.db, "quota", unit_id=nursery, year=2026)[0]["nsnn"] == 18
    audited = repo.query(ctx.db, "SELECT field, new FROM audit WHERE entity = 'quota' AND entity_id = ?",
                         [copy["id"]])
    assert {"nsnn": "30", "year": "2026"}.items() <= {r["field"]: r["new"] for r in audited}.items()
    assert quotas.copy_from_previous(ctx, 2026) == []


def test_copy_is_all_or_nothing(ctx, two_units, monkeypatch):
    school, nursery, _closed = two_units
    for unit in (school, nursery):
        records.create(ctx, "quota", {"unit_id": unit, "year": 2025, "nsnn": 10})
    real = records.create
    calls = []

    def failing(ctx_, entity, raw):
        calls.append(1)
        if len(calls) == 2:
            raise ValidationError("hỏng")
        return real(ctx_, entity, raw)

    monkeypatch.setattr(records, "create", failing)
    with pytest.raises(ValidationError):
        quotas.copy_from_previous(ctx, 2026)
    assert repo.find(ctx.db, "quota", year=2026) == []


def test_regime_follows_the_date(ctx):
    assert positions.regime_for(dt.date(2026, 6, 30)) == "ND106-2020"
    assert positions.regime_for(dt.date(2026, 7, 1)) == "ND232-2026"
    assert [g["code"] for g in positions.groups(ctx, "ND232-2026")] == ["QL", "CMNV", "HT"]
    assert [g["code"] for g in positions.groups(ctx, "ND106-2020")] == ["LDQL", "CDNN_CN", "CDNN_DC", "HTPV"]


def test_summary_counts_present_by_position_or_title_code(ctx, unit_id):
    def add(group, name, count, code=None):
        return records.create(ctx, "position", {"unit_id": unit_id, "regime": "ND106-2020",
                                                "group_code": group, "name": name,
                                                "required_count": count, "title_code": code})
    head = add("LDQL", "Hiệu trưởng", 1)
    teacher = add("CDNN_CN", "Giáo viên tiểu học hạng III", 3, "V.07.03.29")
    add("HTPV", "Bảo vệ", 1)
    records.create(ctx, "person", person(unit_id, position_id=head))
    records.create(ctx, "person", person(unit_id, full_name="Lê Văn An", title_code="V.07.03.29"))
    records.create(ctx, "person", person(unit_id, full_name="Lê Thị Bình", position_id=teacher))
    records.create(ctx, "person", person(unit_id, full_name="Đỗ Văn Cường", left_on="01/01/2026"))
    summary = positions.summary(ctx, unit_id, ctx.today)
    assert {line.name: (line.required, line.present) for line in summary.lines} == {
        "Hiệu trưởng": (1, 1), "Giáo viên tiểu học hạng III": (3, 2), "Bảo vệ": (1, 0)}
    assert (summary.required, summary.present, summary.professional_share) == (5, 3, 60.0)
