"""The staff list sorted by any of its columns (issue #18 §5), in the order a
Vietnamese reader expects: names by ``person.sort_key`` (given name first), words
by ``vntext.word_key`` (letters, then tones), choices by the label shown, the unit
by its name, numbers as numbers, dates as dates; empty cells last either way.

One query reads the column for every person; the ranks are kept until the data
changes, so each later sort or keystroke only reorders ids by a dict lookup.
"""

from __future__ import annotations

from typing import Any

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.entities import PERSON
from desktop_app.fields import CHOICE, DATE, INT, NUMBER, PDATE, REF, YEAR, Field

DEFAULT = "full_name"  # the order of the list when no header was clicked
_NUMERIC, _DATES = (INT, NUMBER, YEAR), (DATE, PDATE)


def _query(field: Field) -> str:
    if field.name == DEFAULT:
        return "SELECT p.id, p.sort_key FROM person p"
    if field.kind == REF and field.ref == "unit":
        return "SELECT p.id, u.name FROM person p LEFT JOIN unit u ON u.id = p.unit_id"
    return f"SELECT p.id, p.{field.name} FROM person p"  # a declared column name, never input


def _key_of(ctx: Context, field: Field):
    if field.name == DEFAULT or field.kind in _DATES:
        return lambda value: value
    if field.kind in _NUMERIC:
        return float
    if field.kind == CHOICE:
        return lambda value: vntext.word_key(field.display(value, ctx.catalogues))
    return lambda value: vntext.word_key(str(value))


def ranks(ctx: Context, column: str, descending: bool) -> dict[int, int]:
    """Every person id → its place in the list sorted by ``column``."""
    field = PERSON.field(column)
    key = _key_of(ctx, field)
    filled: list[tuple[Any, int]] = []
    empty: list[int] = []
    for person_id, value in ctx.db.execute(_query(field)):
        if value in (None, ""):
            empty.append(person_id)
        else:
            filled.append((key(value), person_id))
    filled.sort(reverse=descending)
    empty.sort()
    ordered = [person_id for _key, person_id in filled] + empty
    return {person_id: place for place, person_id in enumerate(ordered)}


def is_default(column: str, descending: bool) -> bool:
    return column == DEFAULT and not descending
