"""Reorganisation events (sắp xếp, tổ chức lại — NĐ 120/2020): apply and revert.

Applying an event closes and opens units with the effective date, renames or
re-parents a continuing unit, and moves staff with a dated assignment
(change 'sap_xep'); nothing is deleted. The allowed shapes (how many units
before and after, whether the units before close, whether one continues)
are data in the ``loai_su_kien`` catalogue. Every unit change is audited
under the action ``su_kien:<id>``, which is what ``revert`` reads back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from db import repo
from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.entities import EVENT, POST_FIELDS, UNIT
from desktop_app.errors import ValidationError
from desktop_app.services import audit, gate, records, staff

CLOSED_STATUS = {"SAP_NHAP": "sap_nhap", "HOP_NHAT": "hop_nhat", "CHIA": "chia",
                 "GIAI_THE": "giai_the", "CHUYEN_DOI": "chuyen_doi"}
CONTINUING_CHANGES = {"DOI_TEN": "name", "CHUYEN_CQQL": "managing_body"}


@dataclass
class Plan:
    kind: str
    effective_date: Any
    before: list[int] = field(default_factory=list)
    after: list[int | dict] = field(default_factory=list)  # unit ids, or values of new units
    decision: dict[str, Any] = field(default_factory=dict)  # decision_no, decision_date, decision_body
    new_value: str | None = None  # the new name (DOI_TEN) or managing body (CHUYEN_CQQL)
    moves: dict[int, int | str] = field(default_factory=dict)  # person id → unit id or new unit code
    leave_reason: str | None = None  # for staff not moved out of a closed unit (giải thể)
    grace_years: int | None = None
    note: str | None = None


def apply(ctx: Context, plan: Plan) -> int:
    """Apply ``plan`` in one transaction; returns the event id."""
    gate.authorise(ctx, gate.WRITE)
    kind = ctx.catalogues.item("loai_su_kien", plan.kind)
    if kind is None:
        raise ValidationError(f"Hình thức sắp xếp «{plan.kind}» không có trong danh mục.")
    event_values = records.prepare(ctx, EVENT, {"kind": plan.kind, "effective_date": plan.effective_date,
                                                "grace_years": plan.grace_years, "note": plan.note,
                                                **plan.decision})
    day = event_values["effective_date"]
    existing_after = [a for a in plan.after if isinstance(a, int)]
    _check_shape(ctx, kind, plan, day, existing_after)
    with ctx.db.atomic():
        event_id = repo.insert(ctx.db, "event", {**event_values, "applied": 1})
        action = f"su_kien:{event_id}"
        audit.record(ctx, "them", "event", event_id, {}, event_values)
        new_units = [_open_unit(ctx, values, day, action) for values in plan.after
                     if isinstance(values, dict)]
        after_ids = existing_after + [u["id"] for u in new_units]
        for role, ids in (("truoc", plan.before), ("sau", after_ids)):
            for unit_id in ids:
                repo.insert(ctx.db, "event_unit", {"event_id": event_id, "unit_id": unit_id, "role": role})
        closing = [u for u in plan.before if kind.get("closes_before") or u not in after_ids]
        moved = _move_staff(ctx, plan, event_id, day, closing, after_ids, new_units)
        for unit_id in closing:
            _change_unit(ctx, unit_id, {"valid_to": day, "status": CLOSED_STATUS.get(plan.kind, "giai_the")},
                         action)
        if plan.kind in CONTINUING_CHANGES:
            _change_unit(ctx, plan.before[0], {CONTINUING_CHANGES[plan.kind]: plan.new_value}, action)
        repo.update(ctx.db, "event", event_id, {"staff_moved": moved})
    return event_id


def _check_shape(ctx: Context, kind: Mapping, plan: Plan, day: str, existing_after: list[int]) -> None:
    label, problems = kind["label"], []
    n_before, n_after = len(plan.before), len(plan.after)
    if n_before < kind["before_min"] or (kind["before_max"] is not None and n_before > kind["before_max"]):
        problems.append(f"{label} cần {_range(kind['before_min'], kind['before_max'])} đơn vị trước "
                        f"sắp xếp (đang chọn {n_before}).")
    if n_after < kind["after_min"] or (kind["after_max"] is not None and n_after > kind["after_max"]):
        problems.append(f"{label} cần {_range(kind['after_min'], kind['after_max'])} đơn vị sau "
                        f"sắp xếp (đang chọn {n_after}).")
    continuing = [u for u in existing_after if u in plan.before]
    if kind.get("continuing_unit") and len(continuing) != 1:
        problems.append(f"{label}: phải có đúng một đơn vị vừa ở danh sách trước vừa ở danh sách sau.")
    if plan.kind in CONTINUING_CHANGES and not vntext.clean(plan.new_value):
        wanted = "tên mới" if plan.kind == "DOI_TEN" else "cơ quan quản lý mới"
        problems.append(f"{label}: cần nhập {wanted}.")
    for unit_id in plan.before + existing_after:
        unit = repo.get(ctx.db, "unit", unit_id)
        if unit is None:
            problems.append(f"Không có đơn vị mã số {unit_id}.")
        elif unit["valid_to"] and unit["valid_to"] <= day:
            problems.append(f"{unit['name']} đã ngừng hoạt động từ {vntext.format_date(unit['valid_to'])}.")
    if problems:
        raise ValidationError(problems)


def _range(low: int, high: int | None) -> str:
    if high is None:
        return f"từ {low} trở lên"
    return str(low) if low == high else f"từ {low} đến {high}"


def _open_unit(ctx: Context, raw: Mapping, day: str, action: str) -> dict:
    values = records.prepare(ctx, UNIT, {"valid_from": day, **raw})
    unit_id = repo.insert(ctx.db, "unit", values)
    audit.record(ctx, action, "unit", unit_id, {}, values)
    return {**values, "id": unit_id}


def _change_unit(ctx: Context, unit_id: int, values: Mapping, action: str) -> None:
    old = repo.get(ctx.db, "unit", unit_id) or {}
    values = dict(values)
    if "name" in values:
        values.update(records.derived_unit(ctx, values))
    repo.update(ctx.db, "unit", unit_id, values)
    audit.record(ctx, action, "unit", unit_id, old, values)


def _move_staff(ctx: Context, plan: Plan, event_id: int, day: str, closing: list[int],
                after_ids: list[int], new_units: list[dict]) -> int:
    codes = {u["code"]: u["id"] for u in new_units}
    targets = {pid: codes.get(t, t) if isinstance(t, str) else t for pid, t in plan.moves.items()}
    default = after_ids[0] if len(after_ids) == 1 else None
    moved = 0
    for person in _people_in(ctx, closing, day):
        target = targets.pop(person["id"], None) or default
        if target is None and plan.leave_reason:
            staff.leave(ctx, person["id"], day, plan.leave_reason)
            continue
        if target is None:
            raise ValidationError(f"Chưa chọn nơi chuyển đến cho {person['full_name']} "
                                  f"({person['unit_name']}).")
        staff.change_post(ctx, person["id"], day, "sap_xep", {"unit_id": target}, event_id=event_id,
                          decision_no=plan.decision.get("decision_no"))
        moved += 1
    for person_id, target in targets.items():  # people moved out of a continuing unit (tách)
        staff.change_post(ctx, person_id, day, "sap_xep", {"unit_id": target}, event_id=event_id,
                          decision_no=plan.decision.get("decision_no"))
        moved += 1
    return moved


def _people_in(ctx: Context, unit_ids: list[int], day: str) -> list[dict]:
    if not unit_ids:
        return []
    marks = ", ".join("?" for _ in unit_ids)
    return repo.query(ctx.db, f"""
        SELECT p.id, p.full_name, u.name AS unit_name FROM person p JOIN unit u ON u.id = p.unit_id
        WHERE p.unit_id IN ({marks}) AND (p.left_on IS NULL OR p.left_on > ?)
          AND (p.recruited_on IS NULL OR p.recruited_on <= ?) ORDER BY p.sort_key""",
                      [*unit_ids, day, day])


# ------------------------------------------------------------------ revert

def revert(ctx: Context, event_id: int) -> None:
    """Undo an applied event while nothing later depends on it."""
    gate.authorise(ctx, gate.WRITE)
    event = repo.get(ctx.db, "event", event_id)
    if event is None or not event["applied"]:
        raise ValidationError("Không tìm thấy sự kiện sắp xếp đã áp dụng.")
    _check_nothing_later(ctx, event)
    left = repo.scalar(ctx.db, """
        SELECT count(*) FROM person WHERE left_on = ? AND unit_id IN
          (SELECT unit_id FROM event_unit WHERE event_id = ? AND role = 'truoc')""",
                       [event["effective_date"], event_id])
    if left:
        raise ValidationError(f"Không hoàn tác tự động được: {left} người đã thôi việc theo sự kiện này; "
                              "hãy xử lý từng hồ sơ trước.")
    action = f"su_kien:{event_id}"
    with ctx.db.atomic():
        for a in repo.query(ctx.db, "SELECT * FROM assignment WHERE event_id = ? ORDER BY id DESC",
                            [event_id]):
            _undo_move(ctx, a)
        changes = repo.query(ctx.db, "SELECT * FROM audit WHERE action = ? AND entity = 'unit' "
                             "ORDER BY id DESC", [action])
        created = {c["entity_id"] for c in changes if c["field"] == "code" and c["old"] is None}
        ctx.db.execute("DELETE FROM event_unit WHERE event_id = ?", [event_id])
        for change in changes:
            if change["entity_id"] not in created and change["field"]:
                _restore_field(ctx, change)
        for unit_id in created:
            records.delete(ctx, "unit", unit_id)
        repo.update(ctx.db, "event", event_id, {"applied": 0})
        audit.record(ctx, "hoan_tac", "event", event_id, {"applied": 1}, {"applied": 0})


def _check_nothing_later(ctx: Context, event: Mapping) -> None:
    later = repo.scalar(ctx.db, """
        SELECT count(*) FROM event e JOIN event_unit eu ON eu.event_id = e.id
        WHERE e.applied = 1 AND e.id != ? AND e.effective_date >= ?
          AND eu.unit_id IN (SELECT unit_id FROM event_unit WHERE event_id = ?)""",
                        [event["id"], event["effective_date"], event["id"]])
    after_moves = repo.scalar(ctx.db, """
        SELECT count(*) FROM assignment a WHERE a.valid_from > ? AND a.person_id IN
          (SELECT person_id FROM assignment WHERE event_id = ?)""",
                              [event["effective_date"], event["id"]])
    if later or after_moves:
        raise ValidationError("Không hoàn tác được: đã có sự kiện hoặc thay đổi nhân sự sau sự kiện này "
                              "liên quan đến các đơn vị, người trong sự kiện.")


def _undo_move(ctx: Context, assignment: Mapping) -> None:
    person_id = assignment["person_id"]
    ctx.db.execute("DELETE FROM assignment WHERE id = ?", [assignment["id"]])
    previous = repo.query(ctx.db, "SELECT * FROM assignment WHERE person_id = ? ORDER BY valid_from DESC, "
                          "id DESC LIMIT 1", [person_id])[0]
    ctx.db.execute("UPDATE assignment SET valid_to = NULL WHERE id = ?", [previous["id"]])
    post = {k: previous[k] for k in POST_FIELDS}
    old = repo.get(ctx.db, "person", person_id) or {}
    repo.update(ctx.db, "person", person_id, post)
    audit.record(ctx, "hoan_tac", "person", person_id, old, post)


def _restore_field(ctx: Context, change: Mapping) -> None:
    name, old = change["field"], change["old"]
    column = UNIT.field(name) if name in UNIT.names else None
    textual = column and column.kind not in ("int", "number", "bool")
    value = old if old is None or textual else json.loads(old)
    _change_unit(ctx, change["entity_id"], {name: value}, "hoan_tac")
