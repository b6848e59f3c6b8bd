"""Financial autonomy group of a public service unit (ND 60/2021/NĐ-CP Điều 9–10).

level = A / B × 100 (A: revenue, B: recurrent expenditure).
nhóm 1: level ≥ 100 and investment self-funded; nhóm 2: level ≥ 100;
nhóm 3: 10 ≤ level < 100 (bands 70–100, 30–70, 10–30); nhóm 4: level < 10
or no revenue. A decision may override the computed group (finance.group_override); an
override without a decision number (override_decision) is not counted: the unit stays in
its computed group everywhere (reports, targets, checks) and paper says "chưa có quyết định".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Autonomy:
    level: float | None
    computed: int | None
    group: int | None
    overridden: bool
    undecided: bool = False  # an override entered without a decision number: not applied

    @property
    def autonomous(self) -> bool:
        """Nhóm 1–2: "tự bảo đảm chi thường xuyên trở lên" (19-NQ/TW target)."""
        return self.group in (1, 2)


def level(revenue: float | None, recurrent: float | None) -> float | None:
    if recurrent is None or recurrent <= 0:
        return None
    return round((revenue or 0) * 100.0 / recurrent, 2)


def group_of(level_pct: float | None, revenue: float | None, invest_self_funded: bool) -> int | None:
    if level_pct is None:
        return None
    if not revenue:
        return 4
    if level_pct >= 100:
        return 1 if invest_self_funded else 2
    if level_pct >= 10:
        return 3
    return 4


def band(level_pct: float | None) -> str:
    """The nhóm 3 band label ("70–100%", "30–70%", "10–30%"), else ""."""
    if level_pct is None or not 10 <= level_pct < 100:
        return ""
    if level_pct >= 70:
        return "70–100%"
    return "30–70%" if level_pct >= 30 else "10–30%"


def assess(row: Mapping | None) -> Autonomy:
    """One finance row (revenue, recurrent_spending, invest_self_funded, group_override)."""
    if not row:
        return Autonomy(None, None, None, False)
    lv = level(row.get("revenue"), row.get("recurrent_spending"))
    computed = group_of(lv, row.get("revenue"), bool(row.get("invest_self_funded")))
    override = row.get("group_override")
    if override and override != computed and not str(row.get("override_decision") or "").strip():
        return Autonomy(lv, computed, computed, False, undecided=True)
    return Autonomy(lv, computed, override or computed, bool(override) and override != computed)


UNDECIDED = "chưa có quyết định"


def override_text(row: Mapping | None) -> str | None:
    """What the "Theo quyết định" cell of a report says: the decision number of an applied
    override, "Nhóm k: chưa có quyết định" for one entered without a number, else nothing."""
    a = assess(row)
    if a.undecided and row:
        return f"Nhóm {row.get('group_override')}: {UNDECIDED}"
    return str(row.get("override_decision")) if a.overridden and row else None
