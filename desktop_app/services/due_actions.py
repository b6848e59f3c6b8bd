"""Turn a due list into the dated actions it implies, in one step the clerk confirms:
raise the step (a dated «nâng lương» post change with its new step date), start or raise
thâm niên vượt khung, end a contract on its end date. The whole step is one transaction,
audited row by row, and recorded in ``due_batch`` / ``due_action`` so that it can be
undone as one — as long as nothing later has been recorded over it for the same person.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from db import repo
from desktop_app.context import Context
from desktop_app.errors import ValidationError
from desktop_app.services import audit, due, records, staff, users
from desktop_app.services.due import Due

_PERSON_FIELDS = ("salary_step", "coefficient", "step_since", "seniority_since", "allowance_seniority_pct")


@dataclass
class Applied:
    batch_id: int
    actions: int


def apply_raises(ctx: Context, items: list[Due], period: str) -> Applied:
    """The actions of a ``nang-luong`` list; returns the batch to undo it by."""
    users.require_writer(ctx)
    if not items:
        raise ValidationError("Danh sách không có ai đến hạn: không có gì để ghi.")
    with ctx.db.atomic():
        batch = _batch(ctx, "nang-luong", period)
        for item in items:
            _one_raise(ctx, batch, item)
    return Applied(batch, len(items))


def _one_raise(ctx: Context, batch: int, item: Due) -> None:
    person = repo.get(ctx.db, "person", item.person_id) or {}
    before = {k: person.get(k) for k in _PERSON_FIELDS}
    day = item.due_on.isoformat()
    if item.kind == due.RAISE:
        post = {"salary_step": item.new_step, "coefficient": item.new_coefficient, "step_since": day}
    elif item.kind == due.TNVK_START:
        post = {"seniority_since": day}
    else:
        post = {}
    assignment = staff.change_post(ctx, item.person_id, day, "nang_luong", post) if post else None
    if item.kind != due.RAISE:
        records.update(ctx, "person", item.person_id, {"allowance_seniority_pct": item.new_pct})
    repo.insert(ctx.db, "due_action", {"batch_id": batch, "person_id": item.person_id, "kind": item.kind,
                                       "assignment_id": assignment, "before": json.dumps(before)})


def end_contracts(ctx: Context, contract_ids: list[int], period: str) -> Applied:
    """Each contract ends on its own end date (``ended_on`` = ``to_date``)."""
    users.require_writer(ctx)
    if not contract_ids:
        raise ValidationError("Danh sách không có hợp đồng nào hết hạn: không có gì để ghi.")
    with ctx.db.atomic():
        batch = _batch(ctx, "hop-dong", period)
        for cid in contract_ids:
            row = repo.get(ctx.db, "contract", cid)
            if row is None or not row["to_date"] or row["ended_on"]:
                raise ValidationError(f"Hợp đồng mã {cid} không còn hiệu lực hoặc không có ngày hết hạn.")
            records.update(ctx, "contract", cid, {"ended_on": row["to_date"]})
            repo.insert(ctx.db, "due_action", {"batch_id": batch, "person_id": row["person_id"],
                                               "kind": "ket_thuc_hop_dong", "contract_id": cid,
                                               "before": json.dumps({"ended_on": None})})
    return Applied(batch, len(contract_ids))


def _batch(ctx: Context, form: str, period: str) -> int:
    return repo.insert(ctx.db, "due_batch", {"at": dt.datetime.now().isoformat(" ", "seconds"),
                                             "form": form, "period": period})


def undo(ctx: Context, batch_id: int) -> int:
    """Take a batch back, newest action first; returns how many actions were undone."""
    users.require_writer(ctx)
    batch = repo.get(ctx.db, "due_batch", batch_id)
    if batch is None or batch["undone"]:
        raise ValidationError(f"Không có lần ghi mã {batch_id} chưa hoàn tác.")
    actions = repo.query(ctx.db, "SELECT * FROM due_action WHERE batch_id = ? ORDER BY id DESC", [batch_id])
    with ctx.db.atomic():
        for action in actions:
            _undo_one(ctx, action)
        repo.update(ctx.db, "due_batch", batch_id, {"undone": 1})
    return len(actions)


def _undo_one(ctx: Context, action: dict) -> None:
    before = json.loads(action["before"])
    if action["contract_id"]:
        records.update(ctx, "contract", action["contract_id"], before)
        return
    person = repo.get(ctx.db, "person", action["person_id"]) or {}
    if action["assignment_id"]:
        _drop_assignment(ctx, action["assignment_id"], person)
    changed = {k: v for k, v in before.items() if person.get(k) != v}
    if changed:
        repo.update(ctx.db, "person", action["person_id"], changed)
        audit.record(ctx, "hoan_tac", "person", action["person_id"], person, changed)


def _drop_assignment(ctx: Context, assignment_id: int, person: dict) -> None:
    row = repo.get(ctx.db, "assignment", assignment_id)
    if row is None or row["valid_to"] is not None:
        raise ValidationError(f"«{person.get('full_name')}» đã có thay đổi sau lần nâng lương này; "
                              "hãy hoàn tác thay đổi đó trước.")
    ctx.db.execute("DELETE FROM assignment WHERE id = ?", [assignment_id])
    ctx.db.execute("UPDATE assignment SET valid_to = NULL WHERE id = (SELECT max(id) FROM assignment "
                   "WHERE person_id = ? AND valid_to = ?)", [row["person_id"], row["valid_from"]])
    audit.record(ctx, "hoan_tac", "assignment", assignment_id, row, {k: None for k in row if k != "id"})
