"""One recompute's shared reads: the as-of views the targets, trends, rules
and forecast all ask for (units active at a date, the roll at a date, quotas
and finance of a year…), each read once per ``Facts`` object.

A ``Facts`` lives for one call of ``dashboard.compute`` or ``check.findings``
and is passed down explicitly; it is never global, so a later call after an
edit reads the database afresh. Each method returns exactly what the
``asof`` function of the same name returns; callers must not mutate results.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from typing import Any

from db import repo
from desktop_app.context import Context
from desktop_app.services import asof


class Facts:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self._memo: dict[tuple, Any] = {}

    def _get(self, key: tuple, compute):
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def units_active(self, day: dt.date | str) -> list[dict]:
        """``asof.units_active(day)``, filtered in Python from one read of every unit
        (the dashboard asks for several dates of the same 2.000-unit table)."""
        d = asof._iso(day)
        return self._get(("units_active", d), lambda: [
            u for u in self._all_units()
            if (u["valid_from"] is None or u["valid_from"] <= d)
            and (u["valid_to"] is None or u["valid_to"] > d)
            and (u["valid_to"] is not None or u["status"] == "hoat_dong")])

    def _all_units(self) -> list[dict]:
        # Same order as asof.units_active: text compared code point by code point, as SQLite's BINARY.
        return self._get(("all_units",),
                         lambda: repo.query(self.ctx.db, "SELECT * FROM unit ORDER BY field, code"))

    def units_by_id(self) -> dict[int, dict]:
        return self._get(("units_by_id",), lambda: {
            u["id"]: u for u in repo.query(self.ctx.db, "SELECT id, code, name FROM unit")})

    # Past year-ends the roll is counted at in the same pass as today (the targets'
    # baseline year onwards: the past-years quota rule asks for each of them).
    FIRST_YEAR_END = 2021

    def roll_dates(self) -> list[str]:
        """Today, then 31/12 of each year from FIRST_YEAR_END to last year."""
        today = self.ctx.today
        return [today.isoformat()] + [asof.year_end(y).isoformat()
                                      for y in range(self.FIRST_YEAR_END, today.year)]

    def roll_groups(self) -> tuple[list[dict], dict[str, dict[int, asof.Counts]]]:
        """Today's roll per (unit, pay source, employment kind, title), and per date of
        ``roll_dates`` the roll counts per unit by category. ONE pass over the covering index
        ``assignment_roll`` (already in group order) counts every date at once, instead of
        one scan per date."""
        return self._get(("roll_groups",), self._roll_groups)

    def _roll_groups(self) -> tuple[list[dict], dict[str, dict[int, asof.Counts]]]:
        return self.fold_roll(self.roll_rows(None))

    def roll_rows(self, scope: list[int] | None) -> list[tuple]:
        """(unit, pay source, kind, title, count at each of ``roll_dates``…) per group, in
        group order; ``scope`` limits them to those units (the dashboard cache)."""
        dates = self.roll_dates()
        cols = ", ".join(f"sum(CASE WHEN valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) "
                         f"THEN 1 ELSE 0 END) AS n{i}" for i in range(len(dates)))
        # Rows outside [earliest date, latest date] are dropped before the per-date sums (cheaper).
        params: list = [x for d in dates for x in (d, d)] + [max(dates), min(dates)]
        only = ""
        if scope is not None:
            only = "AND (unit_id IN (SELECT value FROM json_each(?))" + (" OR unit_id IS NULL)" if 0 in scope
                                                                          else ")")
            params.append(json.dumps(scope))
        return [tuple(r) for r in self.ctx.db.execute(f"""
            SELECT unit_id, pay_source, employment_kind, title_code, {cols} FROM assignment
            WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) {only}
            GROUP BY unit_id, pay_source, employment_kind, title_code""", params)]

    def fold_roll(self, rows) -> tuple[list[dict], dict[str, dict[int, asof.Counts]]]:
        """``roll_groups`` from ``roll_rows``."""
        dates = self.roll_dates()
        today: list[dict] = []
        tallies: list[dict[int, Counter]] = [defaultdict(Counter) for _ in dates]
        kinds: dict[tuple, str] = {}  # the category depends on (pay source, kind) only: a few pairs
        for r in rows:
            pair = (r[1], r[2])
            if pair not in kinds:
                kinds[pair] = asof.category(self.ctx, {"pay_source": r[1], "employment_kind": r[2]})
            if r[4]:
                today.append({"unit_id": r[0], "pay_source": r[1], "employment_kind": r[2],
                              "title_code": r[3], "n": r[4]})
            for tally, n in zip(tallies, r[4:], strict=True):
                if n:  # a unit with nobody at a date is absent at that date, as in asof.roll_counts
                    tally[r[0]][kinds[pair]] += n
        return today, {d: {uid: asof.Counts(**dict(c)) for uid, c in tally.items()}
                       for d, tally in zip(dates, tallies, strict=True)}

    def today_groups(self) -> list[dict]:
        """The roll today counted per (unit, pay source, employment kind, title): every
        today-count below is summed from these."""
        return self.roll_groups()[0]

    def roll_counts(self, day: dt.date | str) -> dict[int, asof.Counts]:
        d = asof._iso(day)
        if d not in self.roll_dates():
            return self._get(("roll_counts", d), lambda: asof.roll_counts(self.ctx, day))
        return self.roll_groups()[1][d]

    def roll_total(self, day: dt.date | str) -> asof.Counts:
        total = asof.Counts()
        for c in self.roll_counts(day).values():
            for name in ("nsnn", "revenue_paid", "contract", "other"):
                setattr(total, name, getattr(total, name) + getattr(c, name))
        return total

    def roll_by_unit_kind(self) -> dict[tuple[int, str], int]:
        """Today: people per (unit, employment kind)."""
        counts: Counter = Counter()
        for r in self.today_groups():
            counts[(r["unit_id"], r["employment_kind"])] += r["n"]
        return dict(counts)

    def quotas(self, year: int) -> dict[int, dict]:
        return self._get(("quotas", year), lambda: asof.quotas(self.ctx, year))

    def actual_counts(self, year: int, day: dt.date | str) -> dict[int, asof.Counts]:
        counted = dict(self.roll_counts(day))
        for uid, q in self.quotas(year).items():
            if uid not in counted and q.get("actual_nsnn") is not None:
                counted[uid] = asof.Counts(
                    q["actual_nsnn"] or 0, q.get("actual_revenue_paid") or 0, q.get("actual_contract") or 0)
        return counted

    def positions_at(self, day: dt.date | str) -> list[dict]:
        return self._get(("positions_at", asof._iso(day)), lambda: asof.positions_at(self.ctx, day))

    def finance(self, year: int) -> dict[int, dict]:
        return self._get(("finance", year), lambda: asof.finance(self.ctx, year))

    def memos(self) -> dict[tuple, Any]:
        """Every result computed so far, by key (the dashboard cache keeps some)."""
        return dict(self._memo)

    def seed(self, key: tuple, value) -> None:
        """Gives a result computed elsewhere (the dashboard cache merges per-unit parts)."""
        self._memo[key] = value

    def memo(self, key: tuple, compute):
        """Any other per-call result (forecast, autonomy groups) keyed by the caller."""
        return self._get(key, compute)
