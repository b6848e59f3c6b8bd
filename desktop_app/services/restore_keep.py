"""What a restore keeps from the file it replaces (SPEC §7, issue #15 item 6).

A backup is the data as it was; who may work on the file and which years
are closed are the office's decisions as they are now. So after the
backup is put in place, from the copy of the replaced file made just
before (``safety``):

- the users, the "login required" setting and the period locks come back
  (unless the administrator chose the backup's own: ``keep_access=False``);
- the audit log is never replaced: the replaced file's log stays as it was
  (same ids), rows found only in the backup's log are appended after it,
  and one summary row records the restore on top — who, why, from which
  file, the counts before and after.

All of it is one transaction on the restored file.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

from desktop_app.context import Context
from desktop_app.services import audit, gate

ACCESS_TABLES = ("app_user", "period_lock")
COUNTED = {"don_vi": "unit", "nguoi": "person", "chi_tieu": "quota", "nguoi_dung": "app_user",
           "chot_so_lieu": "period_lock", "nhat_ky": "audit"}
_AUDIT = ("at", "app_user", "os_user", "action", "entity", "entity_id", "field", "old", "new")


def counts(ctx: Context, schema: str = "main") -> dict[str, int]:
    """Rows of the tables a restore summary names (0 for a table an old file lacks)."""
    out = {}
    for label, table in COUNTED.items():
        try:
            out[label] = ctx.db.execute(f"SELECT count(*) FROM {schema}.{table}").fetchone()[0]
        except sqlite3.OperationalError:
            out[label] = 0
    return out


def carry_over(ctx: Context, safety: Path | None, summary: dict[str, Any], keep_access: bool) -> None:
    """Bring back from ``safety`` what the restore keeps, then record ``summary`` on top."""
    attached = safety is not None and _attach(ctx, safety)
    try:
        with ctx.db.atomic():
            if attached:
                if keep_access:
                    summary["giu_quyen_truy_cap"] = _keep_access(ctx)
                summary["nhat_ky_chi_co_trong_ban_sao_luu"] = _keep_audit(ctx)
            else:
                summary["tep_cu_khong_doc_duoc"] = True
            summary["sau"] = counts(ctx)
            audit.record(ctx, "khoi_phuc", "tep_du_lieu", None, {}, {"tom_tat": summary})
    finally:
        if attached:
            ctx.db.execute("DETACH DATABASE cu")


def _attach(ctx: Context, safety: Path) -> bool:
    try:
        ctx.db.execute("ATTACH DATABASE ? AS cu", [str(safety)])  # our own copy; only read
    except sqlite3.DatabaseError:
        return False
    try:
        ctx.db.execute("SELECT count(*) FROM cu.audit").fetchone()
    except sqlite3.DatabaseError:  # a damaged copy ("hong"): nothing can be kept from it
        ctx.db.execute("DETACH DATABASE cu")
        return False
    return True


def _keep_access(ctx: Context) -> dict[str, int]:
    kept = {}
    for table in ACCESS_TABLES:
        columns = ", ".join(_shared_columns(ctx, table))
        ctx.db.execute(f"DELETE FROM main.{table}")
        if columns:
            ctx.db.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM cu.{table}")
        kept[table] = ctx.db.execute(f"SELECT count(*) FROM main.{table}").fetchone()[0]
    ctx.db.execute("DELETE FROM main.setting WHERE key = ?", [gate.LOGIN_KEY])
    ctx.db.execute("INSERT INTO main.setting (key, value) SELECT key, value FROM cu.setting WHERE key = ?",
                   [gate.LOGIN_KEY])
    kept["dang_nhap_bat_buoc"] = int(gate.login_required(ctx))
    return kept


def _shared_columns(ctx: Context, table: str) -> list[str]:
    """Columns both files have (an old replaced file may lack a table: then none)."""
    mine = [r[1] for r in ctx.db.execute(f"PRAGMA main.table_info({table})")]
    with contextlib.suppress(sqlite3.DatabaseError):
        theirs = {r[1] for r in ctx.db.execute(f"PRAGMA cu.table_info({table})")}
        return [c for c in mine if c in theirs]
    return []


def _keep_audit(ctx: Context) -> int:
    """The replaced file's log as it was, then the backup's rows it lacks; how many those were."""
    columns = ", ".join(_AUDIT)
    ctx.db.execute(f"CREATE TEMP TABLE restored_audit AS SELECT id, {columns} FROM main.audit")
    try:
        ctx.db.execute("DELETE FROM main.audit")
        ctx.db.execute(f"INSERT INTO main.audit (id, {columns}) SELECT id, {columns} FROM cu.audit")
        same = " AND ".join(f"a.{c} IS r.{c}" for c in _AUDIT)
        added = ctx.db.execute(
            f"INSERT INTO main.audit ({columns}) SELECT {columns} FROM temp.restored_audit r "
            f"WHERE NOT EXISTS (SELECT 1 FROM main.audit a WHERE a.id = r.id AND {same}) ORDER BY r.id")
        return added.rowcount
    finally:
        ctx.db.execute("DROP TABLE temp.restored_audit")
