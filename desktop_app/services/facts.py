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
        return self._get(("units_active", asof._iso(day)), lambda: asof.units_active(self.ctx, day))

    def units_by_id(self) -> dict[int, dict]:
        return self._get(("units_by_id",), lambda: {
            u["id"]: u for u in repo.query(self.ctx.db, "SELECT id, code, name FROM unit")})

    def today_groups(self) -> list[dict]:
        """The roll today counted per (unit, pay source, employment kind, title): one
        scan of ``assignment`` that every today-count below is summed from."""
        d = self.ctx.today.isoformat()
        return self._get(("today_groups",), lambda: repo.query(self.ctx.db, """
            SELECT unit_id, pay_source, employment_kind, title_code, count(*) AS n FROM assignment
            WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)
            GROUP BY unit_id, pay_source, employment_kind, title_code""", [d, d]))

    def roll_counts(self, day: dt.date | str) -> dict[int, asof.Counts]:
        if asof._iso(day) != self.ctx.today.isoformat():
            return self._get(("roll_counts", asof._iso(day)), lambda: asof.roll_counts(self.ctx, day))
        return self._get(("roll_counts_today",), self._today_counts)

    def _today_counts(self) -> dict[int, asof.Counts]:
        tally: dict[int, Counter] = defaultdict(Counter)
        for r in self.today_groups():
            tally[r["unit_id"]][asof.category(self.ctx, r)] += r["n"]
        return {uid: asof.Counts(**dict(c)) for uid, c in tally.items()}

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

    def memo(self, key: tuple, compute):
        """Any other per-call result (forecast, autonomy groups) keyed by the caller."""
        return self._get(key, compute)
