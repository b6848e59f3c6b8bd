"""Job positions (vị trí việc làm) of a unit: which regime a date falls under,
the position groups of a regime (catalogue ``nhom_vtvl``), and the live summary
a clerk sees beside the list — cần thiết vs có mặt per position and the share
of professional positions (catalogue flag ``professional``).

Có mặt counts the people on the roll at the date (``services.asof``) whose post
names the position; a person without a position counts under the unit's first
position with the same professional title code.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from desktop_app.context import Context
from desktop_app.services import asof, unit_records

# When each regime starts: ND 106/2020 for everything before ND 232/2026, which
# applies from 01/07/2026 (legal-notes §1b). A new decree is one more line here.
REGIME_STARTS = (("ND106-2020", dt.date.min), ("ND232-2026", dt.date(2026, 7, 1)))


def regime_for(day: dt.date | None) -> str:
    """The regime in force on ``day`` (the earliest one for dates before all)."""
    chosen = REGIME_STARTS[0][0]
    for regime, start in REGIME_STARTS:
        if day is not None and day >= start:
            chosen = regime
    return chosen


def groups(ctx: Context, regime: str) -> list[dict]:
    """Position groups of a regime in catalogue order."""
    return [g for g in ctx.catalogues.items("nhom_vtvl") if g.get("regime") in (None, regime)]


@dataclass
class Line:
    position_id: int
    name: str
    group: str
    required: int
    present: int
    professional: bool


@dataclass
class Summary:
    lines: list[Line]

    @property
    def required(self) -> int:
        return sum(line.required for line in self.lines)

    @property
    def present(self) -> int:
        return sum(line.present for line in self.lines)

    @property
    def professional_share(self) -> float | None:
        """Professional positions' required headcount / all required, in %."""
        if not self.required:
            return None
        return round(100.0 * sum(x.required for x in self.lines if x.professional) / self.required, 1)


def summary(ctx: Context, unit_id: int, day: dt.date) -> Summary:
    """Cần thiết vs có mặt per position of the unit at ``day``."""
    wanted = unit_records.ids(ctx, "position", unit_id)
    stored = unit_records.rows(ctx, "position", wanted)
    positions = [stored[i] for i in wanted if i in stored]
    catalogue = {g["code"]: g for g in ctx.catalogues.items("nhom_vtvl")}
    by_code: dict[str, int] = {}
    for p in positions:
        if p["title_code"]:
            by_code.setdefault(p["title_code"], p["id"])
    present: Counter = Counter()
    for person in asof.roll(ctx, day, [unit_id]):
        target = person["position_id"] or by_code.get(person["title_code"] or "")
        if target:
            present[target] += 1
    return Summary([Line(p["id"], p["name"], p["group_code"], p["required_count"] or 0,
                         present[p["id"]], bool(catalogue.get(p["group_code"], {}).get("professional")))
                    for p in positions])


def choices(ctx: Context, unit_id: int | None, day: dt.date | None,
            keep: int | None = None) -> list[tuple[int, str]]:
    """The positions a person of ``unit_id`` may hold on ``day``: the unit's positions
    under the regime in force then, in the unit's order, labelled «I. Tên (mã CDNN)».
    ``keep`` (the position stored now) is listed even under another regime."""
    wanted = unit_records.ids(ctx, "position", unit_id)
    stored = unit_records.rows(ctx, "position", wanted)
    regime = regime_for(day)
    roman = {g["code"]: g.get("roman", "") for g in ctx.catalogues.items("nhom_vtvl")}
    shown = [stored[i] for i in wanted if i in stored and (stored[i]["regime"] == regime or i == keep)]
    return [(p["id"], _label(p, roman.get(p["group_code"], ""), regime)) for p in shown]


def _label(position: dict, roman: str, regime: str) -> str:
    text = f"{roman}. {position['name']}" if roman else position["name"]
    if position["title_code"]:
        text += f" ({position['title_code']})"
    if position["regime"] != regime:
        text += " — không thuộc danh mục hiện hành"
    return text
