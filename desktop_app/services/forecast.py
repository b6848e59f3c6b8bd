"""Retirement forecast: people on the roll today who reach their expected
retirement date (``person.retire_on``, computed under the NĐ 135/2020 roadmap)
in each year up to a horizon, by unit and by roll category (SPEC §1 targets).

People already past their date and still working are counted in the first
year: they leave the roll as soon as their retirement is settled.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from db import repo
from desktop_app.context import Context
from desktop_app.services import asof


@dataclass
class UnitForecast:
    unit_id: int
    code: str
    name: str
    by_year: dict[int, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_year.values())


@dataclass
class Forecast:
    years: list[int]
    units: list[UnitForecast]
    by_year: dict[int, int]  # everyone on the roll
    nsnn_by_year: dict[int, int]  # budget-paid viên chức only (the staffing target)

    def nsnn_until(self, year: int) -> int:
        return sum(n for y, n in self.nsnn_by_year.items() if y <= year)


def forecast(ctx: Context, last: int = 2030, first: int | None = None) -> Forecast:
    """People retiring per year ``first``..``last`` (``first`` defaults to this year)."""
    return fold(ctx, rows(ctx, last, None), last, first)


def rows(ctx: Context, last: int, scope: list[int] | None) -> list[dict]:
    """People on the roll today retiring by ``last``, per (unit, year, pay source, kind);
    ``scope`` limits them to those units (the dashboard cache)."""
    only, params = "", {"d": ctx.today.isoformat(), "end": f"{last}-12-31"}
    if scope is not None:
        only, params["scope"] = "AND a.unit_id IN (SELECT value FROM json_each(:scope))", json.dumps(scope)
    return repo.query(ctx.db, f"""
        SELECT a.unit_id, u.code, u.name, CAST(substr(p.retire_on, 1, 4) AS INTEGER) AS year,
               a.pay_source, a.employment_kind, count(*) AS n
        FROM assignment a JOIN person p ON p.id = a.person_id JOIN unit u ON u.id = a.unit_id
        WHERE a.valid_from <= :d AND (a.valid_to IS NULL OR a.valid_to > :d)
          AND p.retire_on IS NOT NULL AND p.retire_on <= :end {only}
        GROUP BY a.unit_id, year, a.pay_source, a.employment_kind
        ORDER BY u.code""", params)


def fold(ctx: Context, found: list[dict], last: int = 2030, first: int | None = None) -> Forecast:
    """The forecast from ``rows``, units in code order (then id, should two share a code)."""
    first = first or ctx.today.year
    years = list(range(first, last + 1))
    units: dict[int, UnitForecast] = {}
    by_year: dict[int, int] = defaultdict(int)
    nsnn: dict[int, int] = defaultdict(int)
    kinds: dict[tuple, str] = {}
    for r in sorted(found, key=lambda r: (r["code"], r["unit_id"])):
        year = max(first, r["year"])
        unit = units.setdefault(r["unit_id"], UnitForecast(r["unit_id"], r["code"], r["name"]))
        unit.by_year[year] = unit.by_year.get(year, 0) + r["n"]
        by_year[year] += r["n"]
        pair = (r["pay_source"], r["employment_kind"])  # the category depends on these only
        if pair not in kinds:
            kinds[pair] = asof.category(ctx, r)
        if kinds[pair] == asof.NSNN:
            nsnn[year] += r["n"]
    return Forecast(years, list(units.values()), {y: by_year.get(y, 0) for y in years},
                    {y: nsnn.get(y, 0) for y in years})
