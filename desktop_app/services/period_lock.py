"""Period lock (chốt số liệu, SPEC §7): once a year's report is sent upward, its
quota, finance and evaluation rows are frozen. Locking needs a writer role;
unlocking needs Quản trị and a reason, and both are in the audit log. The
history stays in ``period_lock`` (an unlock fills its ``unlocked_*`` columns).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from db import repo
from desktop_app.context import Context
from desktop_app.errors import ValidationError
from desktop_app.services import audit, users

# Entities whose rows belong to one year (their ``year`` field) and freeze with it.
YEARLY = ("quota", "finance", "evaluation")


def open_lock(ctx: Context, year: int) -> dict | None:
    rows = repo.query(ctx.db, "SELECT * FROM period_lock WHERE year = ? AND unlocked_at IS NULL",
                      [int(year)])
    return rows[0] if rows else None


def locked_years(ctx: Context) -> list[int]:
    return [r[0] for r in ctx.db.execute(
        "SELECT year FROM period_lock WHERE unlocked_at IS NULL ORDER BY year")]


def lock_year(ctx: Context, year: int, reason: str = "") -> int:
    users.require_writer(ctx)
    if open_lock(ctx, year):
        raise ValidationError(f"Số liệu năm {year} đã được chốt.")
    values = {"year": int(year), "locked_at": _now(), "locked_by": ctx.user, "reason": reason or None}
    with ctx.db.atomic():
        lock_id = repo.insert(ctx.db, "period_lock", values)
        audit.record(ctx, "chot_so_lieu", "period_lock", lock_id, {}, values)
    return lock_id


def unlock_year(ctx: Context, year: int, reason: str) -> None:
    users.require_admin(ctx)
    if not (reason or "").strip():
        raise ValidationError("Cần ghi lý do mở khóa số liệu đã chốt.")
    current = open_lock(ctx, year)
    if current is None:
        raise ValidationError(f"Số liệu năm {year} chưa được chốt.")
    values = {"unlocked_at": _now(), "unlocked_by": ctx.user, "unlock_reason": reason.strip()}
    with ctx.db.atomic():
        repo.update(ctx.db, "period_lock", current["id"], values)
        audit.record(ctx, "mo_chot_so_lieu", "period_lock", current["id"], current, values)


def check_write(ctx: Context, entity: str, *rows: Mapping[str, Any]) -> None:
    """Refuse a write by a read-only user, or one touching a locked year's rows.

    ``rows`` are the old and/or new values of the row being written; both
    years count, so a row can be neither moved into nor out of a locked year.
    """
    users.require_writer(ctx)
    if entity not in YEARLY:
        return
    for year in {int(r["year"]) for r in rows if r.get("year") is not None}:
        lock = open_lock(ctx, year)
        if lock:
            when = dt.datetime.fromisoformat(lock["locked_at"])
            raise ValidationError(
                f"Số liệu năm {year} đã được chốt ngày {when:%d/%m/%Y} (người chốt: "
                f"{lock['locked_by']}); không sửa được. Muốn sửa, tài khoản Quản trị phải mở khóa "
                "và ghi lý do.")


def _now() -> str:
    return dt.datetime.now().isoformat(" ", "seconds")
