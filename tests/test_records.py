"""Services validate by the field declarations, write in one transaction and audit."""

import hashlib

import pytest

from db import repo
from desktop_app.errors import ValidationError
from desktop_app.services import records, staff


def content_hash(ctx) -> str:
    h = hashlib.sha256()
    for table in ("unit", "person", "assignment", "audit", "quota", "evaluation"):
        for row in ctx.db.execute(f"SELECT * FROM {table} ORDER BY id"):
            h.update(repr(row).encode())
    return h.hexdigest()


def person(**kw):
    base = {"full_name": "Nguyễn Thị Hằng", "birth_date": "12/03/1985", "gender": "Nữ",
            "unit_id": "TH01", "salary_class": "A1", "coefficient": "3,66", "cccd": "001185001234",
            "recruited_on": "01/09/2008", "employment_kind": "VIEN_CHUC", "pay_source": "NSNN"}
    return base | kw


def problems_of(exc) -> dict:
    return {p.field: p.message for p in exc.value.problems}


def test_create_unit_and_person_with_audit(ctx, unit_id):
    pid = records.create(ctx, "person", person())
    row = repo.get(ctx.db, "person", pid)
    assert row["coefficient"] == 3.66
    assert row["gender"] == "nu"
    assert row["unit_id"] == unit_id
    assert row["name_key"] == "nguyen thi hang"
    assert row["retire_on"] == "2045-04-01"
    fields = {r["field"] for r in repo.find(ctx.db, "audit", entity="person", entity_id=pid)}
    assert {"full_name", "coefficient", "unit_id"} <= fields
    assert len(staff.history(ctx, pid)) == 1


@pytest.mark.parametrize("bad,field,fragment", [
    ({"full_name": "  "}, "full_name", "không được để trống"),
    ({"birth_date": "01/01/2030"}, "birth_date", "tương lai"),
    ({"coefficient": "5,50"}, "coefficient", "ngoài khung của loại A1"),
    ({"unit_id": "KHONGCO"}, "unit_id", "không có đơn vị"),
    ({"cccd": "12345"}, "cccd", "12 chữ số"),
    ({"gender": "khác"}, "gender", "không có trong danh mục"),
    ({"birth_date": "31/02/1985"}, "birth_date", "không phải ngày có thật"),
])
def test_bad_person_input_is_refused_in_vietnamese_and_writes_nothing(ctx, unit_id, bad, field, fragment):
    before = content_hash(ctx)
    with pytest.raises(ValidationError) as exc:
        records.create(ctx, "person", person(**bad))
    assert fragment in problems_of(exc)[field]
    assert content_hash(ctx) == before


def test_duplicate_cccd_is_refused(ctx, unit_id):
    records.create(ctx, "person", person())
    before = content_hash(ctx)
    with pytest.raises(ValidationError) as exc:
        records.create(ctx, "person", person(full_name="Trần Văn An"))
    assert "đã có ở hồ sơ «Nguyễn Thị Hằng»" in problems_of(exc)["cccd"]
    assert content_hash(ctx) == before


def test_every_problem_is_reported_at_once(ctx, unit_id):
    with pytest.raises(ValidationError) as exc:
        records.create(ctx, "person", person(full_name="", cccd="abc", coefficient="nhiều"))
    assert set(problems_of(exc)) == {"full_name", "cccd", "coefficient"}


def test_unit_code_unique_and_update_audited(ctx, unit_id):
    with pytest.raises(ValidationError, match="đã dùng cho đơn vị khác"):
        records.create(ctx, "unit", {"code": "TH01", "name": "Trùng mã", "field": "TH"})
    changed = records.update(ctx, "unit", unit_id, {"pupils": "750"})
    assert changed == {"pupils": 750}
    audit = repo.find(ctx.db, "audit", entity="unit", entity_id=unit_id, action="sua")
    assert [(a["field"], a["old"], a["new"]) for a in audit] == [("pupils", "700", "750")]


def test_partial_birth_date_and_decimal_comma(ctx, unit_id):
    pid = records.create(ctx, "person", person(birth_date="1970", coefficient="4.98", cccd=None))
    row = repo.get(ctx.db, "person", pid)
    assert row["birth_date"] == "1970"
    assert row["coefficient"] == 4.98


def test_transfer_and_leave_write_history(ctx, unit_id):
    other = records.create(ctx, "unit", {"code": "TH02", "name": "Trường Tiểu học Sài Đồng",
                                         "field": "TH"})
    pid = records.create(ctx, "person", person())
    staff.change_post(ctx, pid, "01/09/2024", "dieu_chuyen", {"unit_id": other},
                      decision_no="123/QĐ-UBND")
    staff.leave(ctx, pid, "01/01/2026", "THOI_VIEC")
    hist = staff.history(ctx, pid)
    assert [(h["valid_from"], h["valid_to"], h["unit_id"]) for h in hist] == [
        ("2008-09-01", "2024-09-01", unit_id), ("2024-09-01", "2026-01-01", other)]
    row = repo.get(ctx.db, "person", pid)
    assert (row["unit_id"], row["left_on"], row["leave_reason"]) == (other, "2026-01-01", "THOI_VIEC")


def test_quota_year_unique(ctx, unit_id):
    records.create(ctx, "quota", {"unit_id": unit_id, "year": 2021, "nsnn": 30})
    with pytest.raises(ValidationError, match="đã có số lượng người làm việc"):
        records.create(ctx, "quota", {"unit_id": unit_id, "year": "2021", "nsnn": 28})


def test_delete_refused_while_referenced(ctx, unit_id):
    records.create(ctx, "person", person())
    with pytest.raises(ValidationError, match="còn dữ liệu khác"):
        records.delete(ctx, "unit", unit_id)
