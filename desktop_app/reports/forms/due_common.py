"""What the due lists share (nang-luong, nang-luong-truoc-han, nghi-huu, hop-dong): the
period (default: the month of the report date), the unit chosen by code, rows grouped by unit."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from desktop_app.context import Context
from desktop_app.reports.engine import Params
from desktop_app.reports.model import GROUP, ITEM, TOTAL, Row
from desktop_app.vntext import format_date


def period(params: Params) -> tuple[dt.date, dt.date]:
    day = params.as_of
    first = params.date_from or day.replace(day=1)
    last = params.date_to or (first.replace(day=calendar.monthrange(first.year, first.month)[1])
                              if params.date_from is None else first)
    return first, last


def subject(params: Params) -> str:
    first, last = period(params)
    return f"Từ ngày {format_date(first.isoformat())} đến ngày {format_date(last.isoformat())}"


def unit_id(ctx: Context, params: Params) -> int | None:
    if not params.unit_code:
        return None
    row = ctx.db.execute("SELECT id FROM unit WHERE code = ?", [params.unit_code]).fetchone()
    return row[0] if row else -1


def grouped(ctx: Context, items: Sequence[Any], unit_of: Callable[[Any], int | None],
            row: Callable[[Any], Row], extra: Callable[[int], Row | None] | None = None,
            ) -> list[Row]:
    """A group row per unit (in unit code order), its people, a count at the end."""
    names = {r[0]: r[1] for r in ctx.db.execute("SELECT id, name FROM unit ORDER BY code")}
    out: list[Row] = []
    for uid, name in names.items():
        mine = [i for i in items if unit_of(i) == uid]
        if not mine:
            continue
        out.append(Row(GROUP, name, {}))
        if extra is not None and (note := extra(uid)) is not None:
            out.append(note)
        out += [row(i) for i in mine]
    loose = [i for i in items if unit_of(i) not in names]
    if loose:
        out.append(Row(GROUP, "Chưa ghi đơn vị", {}))
        out += [row(i) for i in loose]
    out.append(Row(TOTAL, f"Tổng cộng: {len(items)} người", {}))
    return out


def salary_class(ctx: Context, code: str | None) -> str | None:
    """Loại ngạch as a salary sheet prints it: A1, B, … or «Bảng 4» for the service-staff
    classes (internal codes BANG4_… never reach paper), as bm02-vc does."""
    item = ctx.catalogues.item("ngach_luong", code) if code else None
    return (item.get("table") or code) if item and "_" in (code or "") else code


def date_text(day: dt.date | str | None) -> str | None:
    if day is None:
        return None
    return format_date(day if isinstance(day, str) else day.isoformat())


__all__ = ["ITEM", "date_text", "grouped", "period", "salary_class", "subject", "unit_id"]
