"""Settling an approved tinh giản batch: each person leaves (reason TINH_GIAN) on the batch's
date, all in one confirmed, audited transaction, the batch becomes «đã giải quyết»; and the
undo of that step (each person back on the roll exactly as before, the batch approved again) —
refused when something was recorded over a person since."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from db import repo
from desktop_app.context import Context
from desktop_app.errors import ValidationError
from desktop_app.services import audit, gate, staff, tinh_gian, tinh_gian_rules


def settle(
    ctx: Context, batch_id: int, on_date: Any, *, confirmed: bool, decision_no: str | None = None
) -> int:
    """Write each person's leaving; returns how many people left."""
    gate.authorise(ctx, gate.WRITE)
    row = tinh_gian.batch(ctx, batch_id)
    if row["state"] != "duoc_duyet":
        raise ValidationError(
            f"Chỉ giải quyết được đợt đã được phê duyệt (đợt «{row['name']}» đang "
            f"«{tinh_gian.STATE_LABEL[row['state']]}»)."
        )
    if not confirmed:
        raise ValidationError("Cần xác nhận trước khi ghi thôi việc cho cả đợt.")
    day = tinh_gian._date(on_date, "on_date", "Ngày giải quyết")
    people = tinh_gian.members(ctx, batch_id)
    with ctx.db.atomic():
        for member in people:
            _leave(ctx, member, decision_no or row.get("decision_no"))
        tinh_gian.set_state(ctx, row, "da_giai_quyet", day, f"Giải quyết {len(people)} người", decision_no)
    return len(people)


def _leave(ctx: Context, member: dict, decision_no: str | None) -> None:
    person = repo.get(ctx.db, "person", member["person_id"]) or {}
    tinh_gian_rules.check_exclusions(
        person, dt.date.fromisoformat(member["leave_on"]), bool(member["voluntary"])
    )
    tinh_gian.check_no_later_change(ctx, person, member["leave_on"])
    open_row = ctx.db.execute(
        "SELECT id, decision_no FROM assignment WHERE person_id = ? AND valid_to IS NULL",
        [member["person_id"]],
    ).fetchone()
    before = {
        "left_on": person.get("left_on"),
        "leave_reason": person.get("leave_reason"),
        "assignment_id": open_row[0] if open_row else None,
        "decision_no": open_row[1] if open_row else None,
    }
    staff.leave(ctx, member["person_id"], member["leave_on"], "TINH_GIAN", decision_no=decision_no)
    repo.update(ctx.db, "tg_member", member["id"], {"settled_before": json.dumps(before)})


def undo(ctx: Context, batch_id: int) -> int:
    """Take the settling back: everyone on the roll again, the batch «được phê duyệt»."""
    gate.authorise(ctx, gate.WRITE)
    row = tinh_gian.batch(ctx, batch_id)
    if row["state"] != "da_giai_quyet":
        raise ValidationError(f"Đợt «{row['name']}» chưa giải quyết: không có gì để hoàn tác.")
    people = tinh_gian.members(ctx, batch_id)
    with ctx.db.atomic():
        for member in reversed(people):
            _come_back(ctx, member)
        tinh_gian.set_state(ctx, row, "duoc_duyet", ctx.today, "Hoàn tác giải quyết")
    return len(people)


def _come_back(ctx: Context, member: dict) -> None:
    person = repo.get(ctx.db, "person", member["person_id"]) or {}
    before = json.loads(member["settled_before"] or "{}")
    later = ctx.db.execute(
        "SELECT count(*) FROM assignment WHERE person_id = ? AND valid_from >= ?",
        [member["person_id"], member["leave_on"]],
    ).fetchone()[0]
    if person.get("left_on") != member["leave_on"] or person.get("leave_reason") != "TINH_GIAN" or later:
        raise ValidationError(
            f"«{person.get('full_name')}» đã có thay đổi sau khi giải quyết tinh giản; "
            "hãy hoàn tác thay đổi đó trước."
        )
    if before.get("assignment_id"):
        ctx.db.execute(
            "UPDATE assignment SET valid_to = NULL, decision_no = ? WHERE id = ?",
            [before.get("decision_no"), before["assignment_id"]],
        )
    back = {"left_on": before.get("left_on"), "leave_reason": before.get("leave_reason")}
    repo.update(ctx.db, "person", member["person_id"], back)
    repo.update(ctx.db, "tg_member", member["id"], {"settled_before": None})
    audit.record(ctx, "hoan_tac", "person", member["person_id"], person, back)
