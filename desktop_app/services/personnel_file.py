"""The personnel file (hồ sơ) of one person: the quá trình records of each kind, in date
order, read for the «Hồ sơ» tabs, the lý lịch and the completeness report. Writes go through
``services.records`` like every declared entity (validation, audit, undo)."""

from __future__ import annotations

from db import repo
from desktop_app.context import Context
from desktop_app.entities import ENTITIES
from desktop_app.fields import Entity

# Record kinds in the order of the «Hồ sơ» tabs, each with its sort order.
KINDS: dict[str, str] = {
    "training": "coalesce(from_date, ''), id",
    "prior_work": "coalesce(from_date, ''), id",
    "contract": "from_date, id",
    "award": "year, id",
    "discipline": "from_date, id",
    "family_member": "side, id",
}


def entity(kind: str) -> Entity:
    if kind not in KINDS:
        raise KeyError(kind)
    return ENTITIES[kind]


def for_person(ctx: Context, kind: str, person_id: int) -> list[dict]:
    """The person's records of ``kind``, oldest first (family: own side first, as entered)."""
    table = entity(kind).table
    return repo.query(ctx.db, f"SELECT * FROM {table} WHERE person_id = ? "  # noqa: S608 - names from KINDS
                              f"ORDER BY {KINDS[kind]}", [person_id])


def person(ctx: Context, person_id: int) -> dict:
    """The person row with the name of their unit (``unit_name``)."""
    rows = repo.query(ctx.db, "SELECT p.*, u.name AS unit_name FROM person p "
                              "LEFT JOIN unit u ON u.id = p.unit_id WHERE p.id = ?", [person_id])
    return rows[0]


def whole_file(ctx: Context, person_id: int) -> dict[str, list[dict]]:
    return {kind: for_person(ctx, kind, person_id) for kind in KINDS}
