"""Số lượng người làm việc được giao per unit per year (ND 106/2020, ND 111/2022)
beside có mặt: the year grid of the Biên chế page, and copying last year's
quotas to units that have none yet — one transaction, every row audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from db import repo
from desktop_app.context import Context
from desktop_app.services import asof, gate, records

KINDS = ("nsnn", "revenue_paid", "contract")  # the three quota kinds, QUOTA field names
COPIED = (*KINDS, "decision_no", "decision_date")


@dataclass
class GridRow:
    unit: dict[str, Any]
    quota: dict[str, Any] | None
    actual: asof.Counts | None

    def given(self, kind: str) -> int | None:
        return self.quota.get(kind) if self.quota else None

    def present(self, kind: str) -> int | None:
        return getattr(self.actual, kind) if self.actual is not None else None

    def over(self, kind: str) -> bool:
        """Có mặt above giao (a unit without a quota is not flagged here)."""
        given, present = self.given(kind), self.present(kind)
        return given is not None and present is not None and present > given


def units_in_year(ctx: Context, year: int) -> list[dict]:
    """Units in operation at some time during ``year``, plus any unit that has a
    quota that year (so no stored figure is hidden), by field and code."""
    first, last = f"{year}-01-01", f"{year}-12-31"
    return repo.query(ctx.db, (
        "SELECT * FROM unit WHERE ((valid_from IS NULL OR valid_from <= ?) "
        "AND (valid_to IS NULL OR valid_to > ?) AND (valid_to IS NOT NULL OR status = 'hoat_dong')) "
        "OR id IN (SELECT unit_id FROM quota WHERE year = ?) ORDER BY field, code"), [last, first, year])


def grid(ctx: Context, year: int) -> list[GridRow]:
    """One row per unit of the year: its quota row and có mặt at 31/12."""
    quotas = asof.quotas(ctx, year)
    actual = asof.actual_counts(ctx, year, asof.year_end(year))
    return [GridRow(u, quotas.get(u["id"]), actual.get(u["id"], asof.Counts()))
            for u in units_in_year(ctx, year)]


def copy_from_previous(ctx: Context, year: int) -> list[int]:
    """Give every unit of ``year`` without a quota the one it had in year − 1.
    Returns the new quota ids; nothing is written if any row fails."""
    gate.authorise(ctx, gate.WRITE)
    previous = asof.quotas(ctx, year - 1)
    current = asof.quotas(ctx, year)
    created = []
    with ctx.db.atomic():
        for unit in units_in_year(ctx, year):
            old = previous.get(unit["id"])
            if old is None or unit["id"] in current:
                continue
            values = {k: old[k] for k in COPIED if old.get(k) is not None}
            created.append(records.create(ctx, "quota", {"unit_id": unit["id"], "year": year, **values}))
    return created
