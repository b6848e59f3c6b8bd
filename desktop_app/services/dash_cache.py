"""The dashboard's fast path: ``compute`` gives exactly ``dashboard.compute``'s result but
recomputes only what was written since its previous call (issue 6: ≤ 200 ms after an edit
on the province demo).

Per unit (persisted in the ``dash_cache`` table of m0005, JSON): the roll today per
(pay source, kind, title), the roll counts by category at every past year-end, the
retirement forecast rows and the rows of the per-person rules (``rules.UNIT_RULES``).
The m0005 triggers log every write as (table, unit) with a growing sequence number; a
recompute re-reads only the units written since the sequence it last saw and merges
every unit's part (sums and sorts in Python). A write to anything global — settings,
office, catalogues, events — or another ``today`` rebuilds every unit (cold).

Per process (memory only): the last result (returned as is when nothing was written),
the parsed parts, so a recompute in the same process does not parse the cache again, and
the results that depend on whole tables (units, quotas, finance, positions, trends and
the rules over them), kept until a write to one of their tables. The rest (targets, the
rules over the whole roll) is computed each time. Callers must not mutate the result.

Safe against writes during a recompute: the sequence is read first, so a write landing
meanwhile is after it and redone next time. The cache is written in one transaction;
when the file is locked or read-only it is not written (the next recompute does more).
"""

from __future__ import annotations

import json
import secrets
import threading
from collections import defaultdict
from typing import Any

from db import queries_dashboard
from desktop_app.context import Context
from desktop_app.services import asof, dashboard, forecast, rules, rules_org, rules_staffing
from desktop_app.services.facts import Facts

VERSION = 2  # bump when what a part holds changes: older caches are then rebuilt
PERSON, ASSIGNMENT, EVALUATION, UNIT, QUOTA, FINANCE, POSITION, DIVISION, GLOBAL = range(1, 10)
PER_UNIT = {PERSON, ASSIGNMENT, EVALUATION, UNIT, QUOTA}  # writes that change a unit's part

# Facts results and rules that read whole tables, by the m0005 table codes they read.
_FACTS_TABLES = {"all_units": {UNIT}, "units_by_id": {UNIT}, "units_active": {UNIT}, "quotas": {QUOTA},
                 "quota_totals": {UNIT, QUOTA}, "nsnn_spending": {FINANCE}, "positions_at": {POSITION},
                 "finance": {FINANCE}, "autonomy_groups": {UNIT, FINANCE}, "trends": {UNIT, QUOTA, FINANCE},
                 "school_norms": {UNIT}}
_RULE_TABLES = {rules.small_divisions: {UNIT, DIVISION}, rules.small_schools: {UNIT},
                rules_staffing.professional_share_low: {UNIT, POSITION},
                rules_org.autonomy_inconsistent: {UNIT, FINANCE},
                rules_org.reorganisation_lowers_autonomy: {UNIT, FINANCE}}

_LOCK = threading.Lock()
_MEMORY: dict[str, dict[str, Any]] = {}  # per data file: the last cache state this process saw


def compute(ctx: Context) -> dashboard.Dashboard:
    with _LOCK:  # one recompute per process at a time: they share _MEMORY
        return _compute(ctx)


def forget(ctx: Context) -> None:
    """Drops this process's copy (benches time the reopen-the-file case with it)."""
    _MEMORY.pop(str(ctx.path), None)


def _compute(ctx: Context) -> dashboard.Dashboard:
    db = ctx.db
    seq = queries_dashboard.last_seq(db)  # first: a write after this is redone next time
    key = {"version": VERSION, "today": ctx.today.isoformat()}
    meta = json.loads(queries_dashboard.read_meta(db) or "{}")
    mine = _MEMORY.get(str(ctx.path))
    if mine is None or mine["token"] != meta.get("token"):
        mine = None  # another process (or a restored file) wrote the cache since
    written = queries_dashboard.written_since(db, meta["seq"]) if meta.get("key") == key else None
    if mine is not None and written == []:
        return mine["result"]  # nothing the dashboard reads was written: the same figures
    facts = Facts(ctx)
    if written is None or any(table == GLOBAL for table, _ in written):
        fresh = _parts(ctx, facts, None)
        parts = {u: _live(u, p) for u, p in fresh.items()}
        gone: list[int] = []
        shared: dict[tuple, tuple[set[int], Any]] = {}
    else:
        parts = mine["parts"] if mine else {int(k[1:]): _live(int(k[1:]), json.loads(v))
                                            for k, v in queries_dashboard.read_parts(db).items()}
        dirty = sorted({unit for table, unit in written if table in PER_UNIT})
        fresh = _parts(ctx, facts, dirty) if dirty else {}
        gone = [u for u in dirty if u not in fresh]  # a unit left with no rows has no part
        parts = {u: p for u, p in parts.items() if u not in gone} | {u: _live(u, p) for u, p in fresh.items()}
        tables = {table for table, _ in written}
        shared = {k: v for k, v in (mine["shared"] if mine else {}).items() if not v[0] & tables}
    token = meta.get("token")
    if written is None or written:
        token = secrets.token_hex(8)
        rows = {f"u{unit}": json.dumps(part, ensure_ascii=False) for unit, part in fresh.items()}
        rows["meta"] = json.dumps({"key": key, "seq": seq, "token": token})
        if not queries_dashboard.write_cache(db, rows, drop=[f"u{u}" for u in gone],
                                             replace_all=written is None or len(fresh) == len(parts)):
            _MEMORY.pop(str(ctx.path), None)
            return _merge(ctx, facts, parts, shared)
    result = _merge(ctx, facts, parts, shared)
    _MEMORY[str(ctx.path)] = {"token": token, "parts": parts, "shared": shared, "result": result}
    return result


def _parts(ctx: Context, facts: Facts, scope: list[int] | None) -> dict[int, dict]:
    """Per unit (0: rows without one): roll today, roll counts at the past year-ends,
    forecast rows and the unit rules' rows — all JSON-friendly."""
    parts: dict[int, dict] = defaultdict(lambda: {"today": [], "counts": {}, "forecast": [], "rules": {}})
    today, counts = facts.fold_roll(facts.roll_rows(scope))
    for g in today:
        parts[g["unit_id"] or 0]["today"].append([g[k] for k in _GROUP])
    for day, by_unit in counts.items():
        for unit, c in by_unit.items():
            parts[unit or 0]["counts"][day] = [c.nsnn, c.revenue_paid, c.contract, c.other]
    for f in forecast.rows(ctx, dashboard.FORECAST_UNTIL, scope):
        parts[f["unit_id"]]["forecast"].append(f)
    for rule in rules.UNIT_RULES:
        for row in rule.rows(ctx, scope):
            parts[row["_unit"]]["rules"].setdefault(rule.name, []).append(row)
    return dict(parts)


_GROUP = ("pay_source", "employment_kind", "title_code", "n")


def _live(unit: int, part: dict) -> dict:
    """A part as the merge uses it: roll groups as ``Facts.today_groups`` rows, counts as
    ``asof.Counts`` (built once, not on every merge)."""
    return {"today": [{"unit_id": unit or None, **dict(zip(_GROUP, g, strict=True))} for g in part["today"]],
            "counts": {day: asof.Counts(*c) for day, c in part["counts"].items()},
            "forecast": part["forecast"], "rules": part["rules"]}


def _merge(ctx: Context, facts: Facts, parts: dict[int, dict],
           shared: dict[tuple, tuple[set[int], Any]]) -> dashboard.Dashboard:
    units = sorted(parts)  # unit order = the roll index order, so the groups come out as in one pass
    today = [g for u in units for g in parts[u]["today"]]
    counts: dict[str, dict] = {d: {} for d in facts.roll_dates()}
    for u in units:
        for day, c in parts[u]["counts"].items():
            counts[day][u or None] = c
    facts.seed(("roll_groups",), (today, counts))
    facts.seed(("forecast", dashboard.FORECAST_UNTIL),
               forecast.fold(ctx, [f for u in units for f in parts[u]["forecast"]], dashboard.FORECAST_UNTIL))
    for memo_key, (_, value) in shared.items():
        facts.seed(memo_key, value)
    known = {rule.name: rule.findings(ctx, [r for u in units for r in parts[u]["rules"].get(rule.name, [])])
             for rule in rules.UNIT_RULES}
    for rule, tables in _RULE_TABLES.items():
        found = shared.get(("rule", rule.__name__))
        known[rule.__name__] = found[1] if found else rule(ctx, facts)
        shared[("rule", rule.__name__)] = (tables, known[rule.__name__])
    result = dashboard.assemble(ctx, facts, known)
    for memo_key, value in facts.memos().items():
        if memo_key[0] in _FACTS_TABLES:
            shared[memo_key] = (_FACTS_TABLES[memo_key[0]], value)
    return result
