"""Read queries for the records that hang under one unit (phòng/khoa/tổ, job
positions, yearly finance): which ids, in which order, and their rows — the
lists behind the small tables on the Đơn vị, Vị trí việc làm and Tự chủ &
kinh phí pages. Writes go through ``services.records`` / ``services.history``.
"""

from __future__ import annotations

from typing import Any

from db import repo
from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.entities import ENTITIES

# Entities listed per unit, and the order a clerk expects to read them in.
_ORDER = {"division": "name", "position": "group", "finance": "year", "quota": "year"}
_BATCH = 500  # ids per IN (...) query, below SQLite's parameter limit


def ids(ctx: Context, entity: str, unit_id: int | None) -> list[int]:
    """Ids of ``entity`` rows of the unit: divisions by name, positions by group
    (I, II, III…) then name, finance and quotas newest year first."""
    if unit_id is None or entity not in _ORDER:
        return []
    table = ENTITIES[entity].table  # from the declarations, never from input
    found = repo.query(ctx.db, f"SELECT * FROM {table} WHERE unit_id = ?", [unit_id])  # noqa: S608
    order = _ORDER[entity]
    if order == "year":
        found.sort(key=lambda r: (-r["year"], r["id"]))
    elif order == "group":
        roman = {i["code"]: (i.get("regime", ""), i.get("roman", "")) for i in
                 ctx.catalogues.items("nhom_vtvl")}
        found.sort(key=lambda r: (roman.get(r["group_code"], ("", "Z")), vntext.word_key(r["name"]), r["id"]))
    else:
        found.sort(key=lambda r: (vntext.word_key(r["name"]), r["id"]))
    return [r["id"] for r in found]


def rows(ctx: Context, entity: str, wanted: list[int]) -> dict[int, dict[str, Any]]:
    """The stored rows of ``wanted`` keyed by id (missing ids are absent)."""
    table = ENTITIES[entity].table
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(wanted), _BATCH):
        chunk = wanted[start:start + _BATCH]
        marks = ", ".join("?" for _ in chunk)
        for row in repo.query(ctx.db, f"SELECT * FROM {table} WHERE id IN ({marks})", chunk):  # noqa: S608
            found[row["id"]] = row
    return found
