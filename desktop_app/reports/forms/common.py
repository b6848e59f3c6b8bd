"""Pieces several forms share: the STT/name columns and rows grouped by the
field groups of the 19-NQ/TW report (catalogue ``nhom_linh_vuc``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

from db import repo
from desktop_app.context import Context
from desktop_app.entities import UNIT_STATUS
from desktop_app.reports.model import DEC, GROUP, ITEM, TEXT, TOTAL, Column, Row, col, leaves, sum_rows
from desktop_app.services import asof
from desktop_app.vntext import format_date


def stt(width: float = 5.5) -> Column:
    """Widen it where group rows run to Roman numerals like XXVII (one row per unit)."""
    return col("stt", "STT", TEXT, width)


def name(label: str = "Tên đơn vị", width: float = 30) -> Column:
    return col("label", label, TEXT, width)


def by_unit(rows: Iterable[dict]) -> dict[int, list[dict]]:
    """Rows grouped by ``unit_id``, each group in the order given: one pass, not a scan of
    every row per unit (2.275 units × 50.000 people took 35 s at province scale)."""
    groups: dict[int, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["unit_id"], []).append(r)
    return groups


def numeric_keys(columns: list[Column]) -> list[str]:
    return [c.key for c in leaves(columns) if c.kind != TEXT and c.key]


def by_field_group(ctx: Context, units: list[dict], values: Callable[[dict], dict],
                   columns: list[Column], total_label: str = "Tổng cộng", mark_ended: bool = False,
                   ) -> list[Row]:
    """Group rows (I, II… with the group's sums), one item per unit, a bold total;
    ``mark_ended`` adds an ended unit's status and date to its name."""
    keys = numeric_keys(columns)
    field_group = {i["code"]: i.get("group") for i in ctx.catalogues.items("linh_vuc")}
    rows: list[Row] = []
    items_all: list[Row] = []
    for g in ctx.catalogues.items("nhom_linh_vuc"):
        members = [u for u in units if field_group.get(u["field"]) == g["code"]]
        if not members:
            continue
        items = [Row(ITEM, f"{u['name']} ({u['ended']})" if mark_ended and u.get("ended") else u["name"],
                     values(u)) for u in members]
        rows.append(Row(GROUP, g["label"], sum_rows(items, keys)))
        rows += items
        items_all += items
    rows.append(Row(TOTAL, total_label, sum_rows(items_all, keys)))
    return rows


def round_money(columns: list[Column], rows: list[Row], places: int = 2) -> list[Row]:
    """Round the decimal columns once, after every sum and rate was taken from exact values:
    the same quantity then prints the same on every form (no sum of rounded parts)."""
    keys = [c.key for c in leaves(columns) if c.kind == DEC and c.key]
    for r in rows:
        for k in keys:
            if isinstance(r.values.get(k), int | float):
                r.values[k] = round(r.values[k], places)
    return rows


def units_listed(ctx: Context, as_of: dt.date, unit_code: str | None, since: dt.date) -> list[dict]:
    """The units active at ``as_of``, then those that ended in (``since``, ``as_of``]: a closed,
    merged or split unit keeps its row in every historical column. Each ended unit carries
    ``ended`` (its status and date, e.g. "Đã giải thể ngày 01/06/2025")."""
    active = asof.units_active(ctx, as_of, unit_code)
    sql = ("SELECT * FROM unit WHERE valid_to IS NOT NULL AND valid_to > ? AND valid_to <= ?"
           + (" AND code = ?" if unit_code else "") + " ORDER BY field, code")
    args: list = [since.isoformat(), as_of.isoformat()] + ([unit_code] if unit_code else [])
    statuses = dict(UNIT_STATUS)
    ended = [{**u, "ended": f"{statuses.get(u['status'], 'Đã ngừng hoạt động')} "
                            f"ngày {format_date(u['valid_to'])}"}
             for u in repo.query(ctx.db, sql, args)]
    return sorted(active + ended, key=lambda u: (u["field"] or "", bool(u.get("ended")), u["code"]))


def official_code(ctx: Context, code: str | None) -> str | None:
    """The official mã số of a title (CDNN or ngạch); titles without one (nhân viên nấu ăn,
    tuyên truyền viên văn hóa…) print nothing rather than our internal catalogue code."""
    item = ctx.catalogues.item("cdnn", code) if code else None
    if item:
        return item.get("ma_so")
    return None if code is None or INTERNAL_CODE.fullmatch(code) else code


INTERNAL_CODE = re.compile(r"[A-Z0-9]+_[A-Z0-9_]+")  # our catalogue codes (VH_TTV, BANG4_BAO_VE)
