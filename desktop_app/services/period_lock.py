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
from desktop_app.services import audit, gate

# Entities whose rows belong to one year (their ``year`` field) and freeze with it.
YEARLY = gate.YEARLY


def open_lock(ctx: Context, year: int) -> dict | None:
    rows = repo.query(ctx.db, "SELECT * FROM period_lock WHERE year = ? AND unlocked_at IS NULL",
                      [int(year)])
    return rows[0] if rows else None


def locked_years(ctx: Context) -> list[int]:
    return [r[0] for r in ctx.db.execute(
        "SELECT year FROM period_lock WHERE unlocked_at IS NULL ORDER BY year")]


def history(ctx: Context) -> list[dict]:
    """Every locking of a year, newest first, with its unlock if there was one."""
    return repo.query(ctx.db, "SELECT * FROM period_lock ORDER BY year DESC, id DESC")


@gate.requires(gate.WRITE)
def lock_year(ctx: Context, year: int, reason: str = "") -> int:
    if open_lock(ctx, year):
        raise ValidationError(f"Số liệu năm {year} đã được chốt.")
    values = {"year": int(year), "locked_at": _now(), "locked_by": ctx.user, "reason": reason or None}
    with ctx.db.atomic():
        lock_id = repo.insert(ctx.db, "period_lock", values)
        audit.record(ctx, "chot_so_lieu", "period_lock", lock_id, {}, values)
    return lock_id


@gate.requires(gate.ADMIN)
def unlock_year(ctx: Context, year: int, reason: str) -> None:
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
    """The gate's WRITE check for ``entity``'s rows (old and/or new values): refuses a
    read-only user, an unsigned one where sign-in is required, and a locked year."""
    gate.authorise(ctx, gate.WRITE, entity, *rows)


def check_years(ctx: Context, entity: str, *rows: Mapping[str, Any]) -> None:
    """Only the locked-year part of the gate: an import's dry run by a read-only
    account still learns that a year is locked."""
    gate.check_years(ctx, entity, *rows)


def _now() -> str:
    return dt.datetime.now().isoformat(" ", "seconds")
