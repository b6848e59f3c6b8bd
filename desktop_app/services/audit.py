"""The audit log: who (app user and OS user), when, what (entity, field, old → new)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from desktop_app.context import Context

_SKIP = {"id", "name_key", "sort_key"}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def record(ctx: Context, action: str, entity: str, entity_id: int | None,
           old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    """One audit row per changed field (call inside the action's transaction); the
    kind of record is told to the change listeners once the transaction commits."""
    ctx.note_change(entity)
    now = dt.datetime.now().isoformat(" ", "seconds")
    who = (now, ctx.user, ctx.os_user, action, entity, entity_id)
    rows: list[tuple[Any, ...]] = [(*who, name, _text(old.get(name)), _text(value))
                                   for name, value in new.items()
                                   if name not in _SKIP and old.get(name) != value]
    if not rows:
        rows = [(*who, None, None, None)]
    ctx.db.conn.executemany(
        "INSERT INTO audit (at, app_user, os_user, action, entity, entity_id, field, old, new) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
