"""Update mode (``--update``; issue #17 point 6): a row that matches a stored record
changes only the fields that differ; everything else in the file is new.

A person matches by CCCD, else by name + birth date + unit; other records by their
natural key (unit code; unit + year; person + year; unit + position name). Post fields
of a person (unit, title, grade, step, coefficient …) change as dated history from the
effective date (``services.staff.change_post``, change «cap_nhat_tep»), never by
rewriting the past; the other fields by ``services.records.update``. Both audit
every change. The preview shows old → new per field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from db import repo
from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.entities import POST_FIELDS
from desktop_app.errors import Problem, ValidationError
from desktop_app.fields import REF, Entity
from desktop_app.importing.refs import Refs
from desktop_app.services import records, staff

CHANGE = "cap_nhat_tep"
_DERIVED = ("name_key", "retire_on")  # computed by prepare from the fields the row gives


@dataclass
class Update:
    """One stored record a row changes: (field label, old, new) as the clerk reads them."""

    sheet: str
    row: int
    record_id: int
    title: str
    values: dict[str, Any]                       # field → new stored value
    shown: list[tuple[str, str, str]] = field(default_factory=list)


def match(ctx: Context, refs: Refs, entity: Entity, values: dict) -> int | None:
    """The stored record a row's (resolved) values name, if any."""
    if entity.name == "person":
        cccd = values.get("cccd")
        if cccd and str(cccd).strip() in refs.person_by_cccd:
            return refs.person_by_cccd[str(cccd).strip()]
        try:
            birth = entity.field("birth_date").convert(values.get("birth_date"))
        except ValueError:
            return None
        key = (vntext.fold(str(values.get("full_name") or "")), birth, values.get("unit_id"))
        return refs.person_same.get(key)
    if entity.name == "position":
        found = refs.position_by_key.get((values.get("unit_id"), vntext.fold(str(values.get("name") or ""))))
        return found[0] if found and len(found) == 1 else None
    where = _KEY_SQL.get(entity.name)
    if where is None:
        return None
    try:
        args = [_key_value(entity, name, values.get(name)) for name in where[1]]
    except ValueError:
        return None
    found = ctx.db.execute(f"SELECT id FROM {entity.table} WHERE {where[0]}", args).fetchone()  # noqa: S608
    return found[0] if found else None


def _key_value(entity: Entity, name: str, value: Any) -> Any:
    f = entity.field(name)
    return value if f.kind == REF else f.convert(value)


_KEY_SQL = {
    "unit": ("code = ?", ("code",)),
    "quota": ("unit_id = ? AND year = ?", ("unit_id", "year")),
    "finance": ("unit_id = ? AND year = ?", ("unit_id", "year")),
    "evaluation": ("person_id = ? AND year = ?", ("person_id", "year")),
}


def plan(ctx: Context, batch, entity: Entity, record_id: int, values: dict, sheet: str, row: int,
         effective: dt.date) -> tuple[Update | None, list[Problem]]:
    """What the row changes in the stored record (None when nothing), or its problems."""
    old = repo.get(ctx.db, entity.table, record_id) or {}
    try:
        prepared = records.prepare_with(batch, entity, values, existing=old)
    except ValidationError as exc:
        return None, exc.problems
    given = set(values) | set(_DERIVED)
    changed = {k: v for k, v in prepared.items() if k in given and old.get(k) != v}
    if not changed:
        return None, []
    if entity.name == "person" and changed.keys() & set(POST_FIELDS):
        start = ctx.db.execute("SELECT max(valid_from) FROM assignment WHERE person_id = ?",
                               [record_id]).fetchone()[0]
        if start and start > effective.isoformat():
            return None, [Problem(f"vị trí hiện tại bắt đầu ngày {vntext.format_date(start)}, sau ngày "
                                  f"hiệu lực {effective:%d/%m/%Y}: không sửa lùi quá khứ; hãy chọn "
                                  "ngày hiệu lực (--effective) muộn hơn.", "unit_id")]
    update = Update(sheet, row, record_id, _title(old), changed)
    update.shown = [(entity.field(k).label, _display(ctx, entity, k, old.get(k)),
                     _display(ctx, entity, k, v)) for k, v in changed.items() if k in entity.names
                    and not entity.field(k).readonly]
    return update, []


def _title(old: dict) -> str:
    return str(old.get("full_name") or old.get("name") or old.get("code") or old.get("id"))


def _display(ctx: Context, entity: Entity, name: str, value: Any) -> str:
    f = entity.field(name)
    if f.kind == REF and value is not None:
        table = {"unit": "unit", "person": "person", "position": "position"}[f.ref or "unit"]
        column = "full_name" if table == "person" else ("code" if table == "unit" else "name")
        found = ctx.db.execute(f"SELECT {column} FROM {table} WHERE id = ?", [value]).fetchone()  # noqa: S608
        return str(found[0]) if found else str(value)
    return f.display(value, ctx.catalogues)


def apply(ctx: Context, entity: Entity, updates: list[Update], effective: dt.date) -> None:
    """Write the changes (inside the import's transaction), each one audited."""
    for u in updates:
        post = {k: v for k, v in u.values.items() if entity.name == "person" and k in POST_FIELDS}
        rest = {k: v for k, v in u.values.items() if k not in post and k not in _DERIVED}
        if rest:
            records.update(ctx, entity.name, u.record_id, rest)
        if post:
            staff.change_post(ctx, u.record_id, effective.isoformat(), CHANGE, post)
