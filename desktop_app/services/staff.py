"""Dated changes to a person's post: every one closes the open assignment and
opens a new one, so "as of date D" views can be derived from the history."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from db import repo
from desktop_app.context import Context
from desktop_app.entities import PERSON, POST_FIELDS
from desktop_app.errors import Problem, ValidationError
from desktop_app.services import audit, gate, period_lock, records
from desktop_app.vntext import parse_date

CHANGES = {"tuyen_dung": "Tuyển dụng", "dieu_chuyen": "Điều động, chuyển công tác",
           "thay_doi_cdnn": "Thay đổi chức danh, hạng, bậc", "nang_luong": "Nâng lương",
           "thay_doi_nguon_luong": "Thay đổi nguồn lương, loại lao động",
           "bo_nhiem": "Bổ nhiệm, miễn nhiệm", "sap_xep": "Sắp xếp, tổ chức lại", "nghi": "Thôi làm việc",
           "so_lieu_ban_dau": "Số liệu ban đầu (nhập danh sách)", "cap_nhat_tep": "Cập nhật từ tệp"}


def change_post(ctx: Context, person_id: int, effective: Any, change: str,
                raw: Mapping[str, Any], *, decision_no: str | None = None,
                event_id: int | None = None) -> int:
    """Record a dated change of post fields; returns the new assignment id."""
    period_lock.check_write(ctx, "assignment")
    if change not in CHANGES:
        raise ValidationError(f"Loại thay đổi không hợp lệ: {change}")
    bad = [k for k in raw if k not in POST_FIELDS]
    if bad:
        raise ValidationError([Problem("không thay đổi được bằng thao tác này.", k) for k in bad])
    person = _person(ctx, person_id)
    day = _effective(effective, person)
    values = {k: v for k, v in _post_values(ctx, person, raw).items() if k in POST_FIELDS}
    with ctx.db.atomic():
        ctx.db.execute("UPDATE assignment SET valid_to = ? WHERE person_id = ? AND valid_to IS NULL",
                       [day, person_id])
        post = {k: person.get(k) for k in POST_FIELDS} | values
        new_id = repo.insert(ctx.db, "assignment", {
            "person_id": person_id, "valid_from": day, "change": change, "decision_no": decision_no,
            "event_id": event_id, **post})
        changed = {k: v for k, v in values.items() if person.get(k) != v}
        repo.update(ctx.db, "person", person_id, changed)
        audit.record(ctx, change, "person", person_id, person, changed)
    return new_id


def _post_values(ctx: Context, person: Mapping[str, Any], raw: Mapping[str, Any]) -> dict[str, Any]:
    """``raw`` checked against the person; a move to another unit that names no position
    leaves the old unit's position (a position belongs to its unit)."""
    if "unit_id" in raw and "position_id" not in raw:
        values = records.prepare(ctx, PERSON, {**raw, "position_id": None}, existing=person)
        if values.get("unit_id") != person.get("unit_id"):
            return values
    return records.prepare(ctx, PERSON, raw, existing=person)


def leave(ctx: Context, person_id: int, effective: Any, reason: str,
          *, decision_no: str | None = None) -> None:
    """The person stops working on ``effective`` (nghỉ hưu, thôi việc, …)."""
    gate.authorise(ctx, gate.WRITE)
    person = _person(ctx, person_id)
    day = _effective(effective, person)
    values = records.prepare(ctx, PERSON, {"left_on": day, "leave_reason": reason}, existing=person)
    with ctx.db.atomic():
        ctx.db.execute("UPDATE assignment SET valid_to = ?, decision_no = coalesce(decision_no, ?) "
                       "WHERE person_id = ? AND valid_to IS NULL", [day, decision_no, person_id])
        repo.update(ctx.db, "person", person_id, values)
        audit.record(ctx, "nghi", "person", person_id, person, values)


def history(ctx: Context, person_id: int) -> list[dict]:
    return repo.query(ctx.db, "SELECT * FROM assignment WHERE person_id = ? ORDER BY valid_from, id",
                      [person_id])


def _person(ctx: Context, person_id: int) -> dict:
    person = repo.get(ctx.db, "person", person_id)
    if person is None:
        raise ValidationError(f"Không tìm thấy hồ sơ nhân sự mã {person_id}.")
    if person.get("left_on"):
        raise ValidationError(f"«{person['full_name']}» đã thôi làm việc từ {person['left_on']}.")
    return person


def _effective(value: Any, person: Mapping) -> str:
    try:
        day = parse_date(value)
    except ValueError as exc:
        raise ValidationError([Problem(str(exc), "valid_from", "Ngày hiệu lực")]) from None
    if day is None:
        raise ValidationError([Problem("cần ngày hiệu lực.", "valid_from", "Ngày hiệu lực")])
    if person.get("recruited_on") and day < person["recruited_on"]:
        raise ValidationError([Problem("trước ngày tuyển dụng.", "valid_from", "Ngày hiệu lực")])
    return day
