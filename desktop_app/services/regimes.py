"""Which text applies on a date (catalogue ``che_do``): one entry per topic and period, from
``valid_from`` (included) to ``valid_to`` (excluded, null = still in force). Rules and reports ask
here by the report date; an evaluation of year N is judged under the text in force on 31/12/N.
Topics: VTVL (NĐ 106/2020 → NĐ 232/2026), DANH_GIA (NĐ 90/2020 → NĐ 233/2026), TUYEN_DUNG, TU_CHU."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop_app import vntext
from desktop_app.context import Context


def periods(ctx: Context, topic: str) -> list[dict[str, Any]]:
    """The topic's periods, oldest first."""
    found = [i for i in ctx.catalogues.items("che_do") if i.get("topic") == topic]
    return sorted(found, key=lambda i: i["valid_from"])


def in_force(ctx: Context, topic: str, day: dt.date) -> dict[str, Any] | None:
    """The period of ``topic`` in force on ``day``, or None when no text applies that day."""
    for period in periods(ctx, topic):
        if _start(period) <= day and (period.get("valid_to") is None or day < _end(period)):
            return period
    return None


def for_evaluation_year(ctx: Context, year: int) -> dict[str, Any] | None:
    """The evaluation rules of year ``year`` (the text in force at the year-end evaluation)."""
    return in_force(ctx, "DANH_GIA", dt.date(year, 12, 31))


def dates_text(period: dict[str, Any]) -> str:
    """«từ 01/07/2026» or «từ 20/08/2020 đến trước 01/07/2026», for the screen."""
    text = f"từ {vntext.format_date(period['valid_from'])}"
    if period.get("valid_to"):
        text += f" đến trước {vntext.format_date(period['valid_to'])}"
    return text


def _start(period: dict[str, Any]) -> dt.date:
    return dt.date.fromisoformat(period["valid_from"])


def _end(period: dict[str, Any]) -> dt.date:
    return dt.date.fromisoformat(period["valid_to"])
