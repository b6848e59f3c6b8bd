"""A dated move to another unit that names no position leaves the old unit's
position (a position belongs to its unit) instead of being refused for it."""

import pytest

from db import repo
from desktop_app.errors import ValidationError
from desktop_app.services import events, records, staff, staff_actions
from desktop_app.services.events import Plan


def _position(ctx, unit: int, name: str) -> int:
    return records.create(ctx, "position", {"unit_id": unit, "regime": "ND106-2020", "group_code": "CDNN_CN",
                                            "name": name, "required_count": 5})


@pytest.fixture
def placed(ctx, unit_id):
    """(person, old unit, old unit's position, other unit, other unit's position)."""
    other = records.create(ctx, "unit", {"code": "TH02", "name": "Trường Tiểu học Sài Đồng", "field": "TH"})
    old_pos, new_pos = _position(ctx, unit_id, "Giáo viên tiểu học"), _position(ctx, other, "Giáo viên")
    pid = records.create(ctx, "person", {
        "full_name": "Nguyễn Thị Hằng", "birth_date": "12/03/1985", "gender": "Nữ", "unit_id": unit_id,
        "position_id": old_pos, "salary_class": "A1", "coefficient": "3,66", "recruited_on": "01/09/2008",
        "employment_kind": "VIEN_CHUC", "pay_source": "NSNN"})
    return pid, unit_id, old_pos, other, new_pos


def _audit(ctx, pid: int, action: str) -> dict:
    rows = ctx.db.execute("SELECT field, old, new FROM audit WHERE entity = 'person' AND entity_id = ? "
                          "AND action = ?", [pid, action]).fetchall()
    return {field: (old, new) for field, old, new in rows}


def _open_post(ctx, pid: int) -> tuple:
    return ctx.db.execute("SELECT valid_from, unit_id, position_id FROM assignment "
                          "WHERE person_id = ? AND valid_to IS NULL", [pid]).fetchone()


def test_a_move_naming_no_position_drops_the_old_units_position(ctx, placed):
    pid, old_unit, old_pos, other, _ = placed
    staff.change_post(ctx, pid, "01/09/2024", "dieu_chuyen", {"unit_id": "TH02"})
    row = repo.get(ctx.db, "person", pid)
    assert (row["unit_id"], row["position_id"]) == (other, None)
    assert tuple(_open_post(ctx, pid)) == ("2024-09-01", other, None)
    closed = ctx.db.execute("SELECT unit_id, position_id, valid_to FROM assignment WHERE person_id = ? "
                            "AND valid_to IS NOT NULL", [pid]).fetchall()
    assert [tuple(r) for r in closed] == [(old_unit, old_pos, "2024-09-01")]
    assert _audit(ctx, pid, "dieu_chuyen") == {"unit_id": (str(old_unit), str(other)),
                                               "position_id": (str(old_pos), None)}


def test_a_move_naming_the_new_units_position_takes_it(ctx, placed):
    pid, _, old_pos, other, new_pos = placed
    staff.change_post(ctx, pid, "01/09/2024", "dieu_chuyen", {"unit_id": other, "position_id": new_pos})
    assert tuple(_open_post(ctx, pid)) == ("2024-09-01", other, new_pos)
    assert _audit(ctx, pid, "dieu_chuyen")["position_id"] == (str(old_pos), str(new_pos))


def test_a_move_naming_the_old_units_position_is_still_refused(ctx, placed):
    pid, _, old_pos, other, _ = placed
    with pytest.raises(ValidationError, match="thuộc đơn vị khác"):
        staff.change_post(ctx, pid, "01/09/2024", "dieu_chuyen", {"unit_id": other, "position_id": old_pos})
    assert _open_post(ctx, pid)[2] == old_pos


def test_naming_the_same_unit_keeps_the_position(ctx, placed):
    pid, old_unit, old_pos, _, _ = placed
    staff.change_post(ctx, pid, "01/09/2024", "sap_xep", {"unit_id": old_unit, "title_rank": "II"})
    assert tuple(_open_post(ctx, pid)) == ("2024-09-01", old_unit, old_pos)
    assert "position_id" not in _audit(ctx, pid, "sap_xep")


def test_the_transfer_dialogs_action_without_a_position(ctx, placed):
    pid, _, old_pos, other, _ = placed
    staff_actions.apply(ctx, pid, "dieu_chuyen", {"valid_from": "01/09/2024", "unit_id": other})
    assert tuple(_open_post(ctx, pid)) == ("2024-09-01", other, None)
    assert _audit(ctx, pid, "dieu_chuyen")["position_id"] == (str(old_pos), None)


def test_a_merger_moves_people_who_hold_positions_and_its_revert_gives_them_back(ctx, placed):
    pid, old_unit, old_pos, other, _ = placed
    event = events.apply(ctx, Plan("SAP_NHAP", "01/08/2024", before=[other, old_unit], after=[other],
                                   decision={"decision_no": "15/QĐ-UBND", "decision_date": "20/07/2024"}))
    assert tuple(_open_post(ctx, pid)) == ("2024-08-01", other, None)
    assert _audit(ctx, pid, "sap_xep")["position_id"] == (str(old_pos), None)
    events.revert(ctx, event)
    row = repo.get(ctx.db, "person", pid)
    assert (row["unit_id"], row["position_id"]) == (old_unit, old_pos)
