"""Reorganisation events: shapes from the catalogue, dated closing/opening,
staff moved with history, nothing deleted, revert while nothing depends."""

import hashlib

import pytest

from db import repo
from desktop_app.errors import ValidationError
from desktop_app.services import events, records, staff
from desktop_app.services.events import Plan


def active_units(ctx, day):
    return repo.scalar(ctx.db, "SELECT count(*) FROM unit WHERE (valid_from IS NULL OR valid_from <= ?) "
                       "AND (valid_to IS NULL OR valid_to > ?)", [day, day])


def content_hash(ctx):
    h = hashlib.sha256()
    for table in ("unit", "person", "assignment", "event", "event_unit"):
        for row in ctx.db.execute(f"SELECT * FROM {table} ORDER BY rowid"):
            h.update(repr(row).encode())
    return h.hexdigest()


@pytest.fixture
def twelve(ctx):
    ids = {}
    for i in range(1, 13):
        ids[i] = records.create(ctx, "unit", {"code": f"DV{i:02d}", "name": f"Trường Mầm non số {i}",
                                              "field": "MN", "valid_from": "01/01/2015"})
    people = {}
    for i in (2, 3, 4, 6):
        people[i] = records.create(ctx, "person", {"full_name": f"Nguyễn Thị Số {i}", "unit_id": ids[i],
                                                   "recruited_on": "01/09/2015", "gender": "nu",
                                                   "birth_date": "1990"})
    return ids, people


def test_two_mergers_and_a_dissolution_give_nine_units(ctx, twelve):
    ids, people = twelve
    assert active_units(ctx, "2021-12-31") == 12
    events.apply(ctx, Plan("SAP_NHAP", "01/08/2023", before=[ids[1], ids[2]], after=[ids[1]],
                           decision={"decision_no": "15/QĐ-UBND", "decision_date": "20/07/2023"}))
    e2 = events.apply(ctx, Plan("HOP_NHAT", "01/08/2024", before=[ids[3], ids[4]],
                                after=[{"code": "DV34", "name": "Trường Mầm non Hợp Nhất", "field": "MN"}]))
    events.apply(ctx, Plan("GIAI_THE", "01/01/2025", before=[ids[6]], moves={people[6]: ids[5]}))
    assert active_units(ctx, "2026-11-23") == 9
    assert (12 - 9) / 12 == 0.25
    assert repo.count(ctx.db, "unit") == 13  # nothing deleted, one opened
    merged = repo.get(ctx.db, "unit", ids[2])
    assert (merged["valid_to"], merged["status"]) == ("2023-08-01", "sap_nhap")
    new = repo.find(ctx.db, "unit", code="DV34")[0]
    assert new["valid_from"] == "2024-08-01"
    assert repo.get(ctx.db, "person", people[3])["unit_id"] == new["id"]
    hist = staff.history(ctx, people[3])
    assert [(h["change"], h["valid_from"], h["valid_to"]) for h in hist] == [
        ("tuyen_dung", "2015-09-01", "2024-08-01"), ("sap_xep", "2024-08-01", None)]
    assert hist[1]["event_id"] == e2
    assert repo.get(ctx.db, "event", e2)["staff_moved"] == 2


def test_wrong_shape_is_refused_and_writes_nothing(ctx, twelve):
    ids, _ = twelve
    before = content_hash(ctx)
    with pytest.raises(ValidationError, match="Sáp nhập cần từ 2 trở lên đơn vị trước"):
        events.apply(ctx, Plan("SAP_NHAP", "01/08/2023", before=[ids[1]], after=[ids[1]]))
    with pytest.raises(ValidationError, match="Chưa chọn nơi chuyển đến"):
        events.apply(ctx, Plan("GIAI_THE", "01/01/2025", before=[ids[2]]))
    with pytest.raises(ValidationError, match="đúng một đơn vị vừa ở danh sách trước"):
        events.apply(ctx, Plan("SAP_NHAP", "01/08/2023", before=[ids[7], ids[8]], after=[ids[9]]))
    assert content_hash(ctx) == before


def test_transfer_to_commune_keeps_the_unit_and_its_history(ctx, twelve):
    ids, _ = twelve
    records.update(ctx, "unit", ids[7], {"managing_body": "Ủy ban nhân dân huyện Gia Lâm"})
    events.apply(ctx, Plan("CHUYEN_CQQL", "01/07/2025", before=[ids[7]], after=[ids[7]],
                           new_value="Ủy ban nhân dân xã Gia Lâm"))
    unit = repo.get(ctx.db, "unit", ids[7])
    assert unit["managing_body"] == "Ủy ban nhân dân xã Gia Lâm"
    assert unit["valid_to"] is None and active_units(ctx, "2021-12-31") == 12


def test_revert_restores_units_and_staff(ctx, twelve):
    ids, people = twelve
    rename = events.apply(ctx, Plan("DOI_TEN", "01/01/2024", before=[ids[9]], after=[ids[9]],
                                    new_value="Trường Mầm non Hoa Mai"))
    assert repo.get(ctx.db, "unit", ids[9])["name"] == "Trường Mầm non Hoa Mai"
    events.revert(ctx, rename)
    new_unit = {"code": "DV34", "name": "Trường Mầm non Hợp Nhất", "field": "MN"}
    merge = events.apply(ctx, Plan("HOP_NHAT", "01/08/2024", before=[ids[3], ids[4]], after=[new_unit]))
    events.revert(ctx, merge)
    assert repo.get(ctx.db, "unit", ids[9])["name"] == "Trường Mầm non số 9"
    assert repo.find(ctx.db, "unit", code="DV34") == []
    assert repo.get(ctx.db, "unit", ids[3])["valid_to"] is None
    assert repo.get(ctx.db, "person", people[3])["unit_id"] == ids[3]
    assert [h["valid_to"] for h in staff.history(ctx, people[3])] == [None]
    assert active_units(ctx, "2026-11-23") == 12
    assert repo.find(ctx.db, "event", id=merge)[0]["applied"] == 0  # kept, marked not applied


def test_revert_refused_when_a_later_event_depends(ctx, twelve):
    ids, _ = twelve
    first = events.apply(ctx, Plan("SAP_NHAP", "01/08/2023", before=[ids[1], ids[2]], after=[ids[1]]))
    events.apply(ctx, Plan("SAP_NHAP", "01/08/2024", before=[ids[1], ids[10]], after=[ids[1]]))
    with pytest.raises(ValidationError, match="đã có sự kiện hoặc thay đổi nhân sự sau"):
        events.revert(ctx, first)
