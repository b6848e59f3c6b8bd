"""Read queries behind the unit list (Đơn vị page): which unit ids match a
search and filters, in which order, and their rows for display.

Qt-free so the CLI, tests and the GUI share it. Search is accent-insensitive
on the folded ``name_key`` column and on the code; sorting happens here (SQL
ORDER BY for codes, numbers and dates; a precomputed Vietnamese collation key
for names and for choice columns shown by label), never in a Qt proxy model.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from db import repo
from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.entities import UNIT
from desktop_app.fields import CHOICE, TEXT

ACTIVE = "hoat_dong"
# Collation keys are pure functions of the text; caching them keeps as-you-type
# sorting of a province's 2,500 names well under a keystroke's time.
_collate = lru_cache(maxsize=50_000)(vntext.word_key)
_BATCH = 500  # ids per IN (...) query, below SQLite's parameter limit


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(ctx: Context, text: str, field: str | None, include_closed: bool) -> tuple[str, list]:
    clauses, params = ["1"], []
    key = vntext.fold(text).strip()
    if key:
        clauses.append("(name_key LIKE ? ESCAPE '\\' OR lower(code) LIKE ? ESCAPE '\\')")
        params += [_like(key), _like(key)]
    if field:
        clauses.append("field = ?")
        params.append(field)
    if not include_closed:
        clauses.append("status = ? AND (valid_to IS NULL OR valid_to > ?)")
        params += [ACTIVE, ctx.today.isoformat()]
    return " AND ".join(clauses), params


def search_ids(ctx: Context, text: str = "", order: str = "name", descending: bool = False,
               include_closed: bool = False, field: str | None = None) -> list[int]:
    """Ids of the units matching ``text`` (folded name or code) and the filters,
    sorted by the column ``order`` (a UNIT field name); empty values last."""
    declared = UNIT.field(order)  # KeyError for an unknown column: never reaches SQL
    where, params = _where(ctx, text, field, include_closed)
    if declared.kind == CHOICE:
        labels = {code: _collate(label) for code, label in declared.options(ctx.catalogues)}
        return _sorted_by_key(ctx, declared.name, where, params, descending,
                              lambda value: labels.get(value, value))
    if declared.kind == TEXT and declared.name != "code":
        # Vietnamese alphabet order (a ă â … đ …), which neither SQLite nor folding gives.
        return _sorted_by_key(ctx, declared.name, where, params, descending, _collate)
    direction = "DESC" if descending else "ASC"
    sql = (f"SELECT id FROM unit WHERE {where} "  # column and direction come from declarations
           f"ORDER BY {order} IS NULL, {order} {direction}, name_key, id")
    return [r["id"] for r in repo.query(ctx.db, sql, params)]


def _sorted_by_key(ctx: Context, column: str, where: str, params: list, descending: bool,
                   key: Callable[[Any], str]) -> list[int]:
    """Sort by a precomputed key of the shown text; ties by name, empty values last."""
    found = repo.query(ctx.db, f"SELECT id, {column} AS value, name FROM unit WHERE {where}", params)
    for row in found:
        row["key"] = key(row["value"]) if row["value"] not in (None, "") else ""
    found.sort(key=lambda r: (_collate(r["name"]), r["id"]))
    found.sort(key=lambda r: r["key"], reverse=descending)
    found.sort(key=lambda r: r["key"] == "")
    return [r["id"] for r in found]


def rows(ctx: Context, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The full rows of ``ids`` keyed by id (missing ids are simply absent)."""
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start:start + _BATCH]
        marks = ", ".join("?" for _ in chunk)
        for row in repo.query(ctx.db, f"SELECT * FROM unit WHERE id IN ({marks})", chunk):
            found[row["id"]] = row
    return found


def get(ctx: Context, unit_id: int) -> dict[str, Any] | None:
    return repo.get(ctx.db, "unit", unit_id)


def is_closed(ctx: Context, row: dict[str, Any]) -> bool:
    """Dissolved, merged… or past its end date as of today."""
    ended = row.get("valid_to") and row["valid_to"] <= ctx.today.isoformat()
    return row.get("status") != ACTIVE or bool(ended)
