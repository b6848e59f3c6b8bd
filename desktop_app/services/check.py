"""``bienche check``: the integrity of the file, then the rule findings (SPEC §3).

Rules register themselves in ``RULES`` (a list of callables returning
findings); the targets issue adds them. Integrity failures make the CLI exit 1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from desktop_app.context import Context


@dataclass
class Finding:
    rule: str
    severity: str  # "loi" | "canh_bao" | "thong_tin"
    message: str
    unit: str | None = None
    person: str | None = None
    source: str | None = None


RULES: list[Callable[[Context], list[Finding]]] = []


def integrity(ctx: Context) -> str:
    """'ok', or the problems SQLite and the foreign keys report, joined."""
    problems = [r[0] for r in ctx.db.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        return "; ".join(problems)
    fk = ctx.db.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        return f"{len(fk)} dòng tham chiếu tới dữ liệu không tồn tại (bảng {fk[0][0]})"
    return "ok"


def check(ctx: Context) -> dict[str, Any]:
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule(ctx))
    return {"integrity": integrity(ctx), "findings": [asdict(f) for f in findings]}
