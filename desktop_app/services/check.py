"""``bienche check``: the integrity of the file, then the rule findings (SPEC §3).

The rules live in ``desktop_app.services.rules``; each returns ``Finding``s.
Integrity failures make the CLI exit 1; findings never do.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from desktop_app.context import Context

JSON_KEYS = ("rule", "severity", "message", "unit", "person", "source")
LOI, CANH_BAO, THONG_TIN = "loi", "canh_bao", "thong_tin"  # severities, most serious first


@dataclass
class Finding:
    rule: str
    severity: str  # "loi" | "canh_bao" | "thong_tin"
    message: str
    unit: str | None = None  # unit code
    person: str | None = None  # person's full name
    source: str | None = None  # legal source
    unit_id: int | None = None  # for the GUI to open the record; not in the JSON contract
    person_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        return {k: data[k] for k in JSON_KEYS}


def integrity(ctx: Context) -> str:
    """'ok', or the problems SQLite and the foreign keys report, joined."""
    problems = [r[0] for r in ctx.db.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        return "; ".join(problems)
    fk = ctx.db.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        return f"{len(fk)} dòng tham chiếu tới dữ liệu không tồn tại (bảng {fk[0][0]})"
    return "ok"


def findings(ctx: Context, facts: Any = None, known: dict[str, list[Finding]] | None = None) -> list[Finding]:
    """Every rule's findings, in rule order; ``facts`` (a ``services.facts.Facts``)
    shares the as-of reads between rules and with the dashboard's targets; ``known``
    gives some rules' findings by rule name (the dashboard cache's merged ones)."""
    from desktop_app.services.facts import Facts
    from desktop_app.services.rules import RULES

    facts = facts or Facts(ctx)
    found: list[Finding] = []
    for rule in RULES:
        name = getattr(rule, "__name__", "")
        found.extend(known[name] if known and name in known else rule(ctx, facts))
    return found


def check(ctx: Context) -> dict[str, Any]:
    status = integrity(ctx)
    found = findings(ctx) if status == "ok" else []
    return {"integrity": status, "findings": [f.as_json() for f in found]}
