"""Lương cơ sở as dated data (catalogue ``luong_co_so``: amount in đồng from a date, with its
decree; NĐ 24/2023/NĐ-CP, NĐ 73/2024/NĐ-CP) and the money a coefficient is worth on a date:
hệ số × lương cơ sở in force that day (NĐ 204/2004/NĐ-CP; the decree of each level)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.context import Context


@dataclass(frozen=True)
class Base:
    valid_from: dt.date
    amount: int
    decree: str
    verified: bool

    def text(self) -> str:
        mark = "" if self.verified else " — mức này chưa kiểm chứng"
        return (f"Lương cơ sở {self.amount:,} đồng/tháng".replace(",", ".") +
                f" ({self.decree}, áp dụng từ {self.valid_from:%d/%m/%Y}{mark})")


def levels(ctx: Context) -> list[Base]:
    out = [Base(dt.date.fromisoformat(i["valid_from"]), int(i["amount"]), str(i.get("decree") or ""),
                i.get("verified") is not False) for i in ctx.catalogues.items("luong_co_so")]
    return sorted(out, key=lambda b: b.valid_from)


def base_on(ctx: Context, day: dt.date) -> Base | None:
    """The level in force on ``day``: the last one starting on or before it (None before the first)."""
    found = None
    for level in levels(ctx):
        if level.valid_from <= day:
            found = level
    return found


def money(coefficient: float | None, base: Base | None) -> int | None:
    """Hệ số × lương cơ sở in đồng, rounded to the đồng."""
    if coefficient is None or base is None:
        return None
    return int(round(coefficient * base.amount))


def thousands(coefficient: float | None, base: Base | None) -> int | None:
    """The same in nghìn đồng, rounded to the thousand (as salary tables print it)."""
    amount = money(coefficient, base)
    return None if amount is None else int(round(amount / 1000))
