"""Settings declared once with their defaults; stored in the ``setting`` table.

Thresholds and targets (Settings → Chỉ tiêu) default to the ``nguong``
catalogue and can be overridden per office: the law changes, the code does not.
"""

from __future__ import annotations

import json
from typing import Any

from desktop_app.catalogues import user_text
from desktop_app.context import Context
from desktop_app.services import gate


def get(ctx: Context, key: str, default: Any = None) -> Any:
    row = ctx.db.execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row else default


def put(ctx: Context, key: str, value: Any) -> None:
    gate.authorise(ctx, gate.WRITE)
    with ctx.db.atomic():
        ctx.note_change("setting")
        ctx.db.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                       [key, json.dumps(value, ensure_ascii=False)])


def threshold(ctx: Context, code: str) -> float:
    """A threshold or target from Settings → Chỉ tiêu, defaulting to the catalogue."""
    override = get(ctx, f"nguong.{code}")
    if override is not None:
        return float(override)
    item = ctx.catalogues.item("nguong", code)
    if item is None:
        raise KeyError(f"nguong.{code}")
    return float(item["value"])


def threshold_unverified(ctx: Context, code: str) -> bool:
    """The value in force is the catalogue's default and that default was not read in its text
    (a value the office set in Settings → Chỉ tiêu is its own, given by the province)."""
    item = ctx.catalogues.item("nguong", code) or {}
    return get(ctx, f"nguong.{code}") is None and not item.get("verified")


def threshold_source(ctx: Context, code: str) -> str:
    item = ctx.catalogues.item("nguong", code) or {}
    return user_text(str(item.get("source", "")))


def delete(ctx: Context, key: str) -> None:
    """Forget an override: the declared default applies again."""
    gate.authorise(ctx, gate.WRITE)
    with ctx.db.atomic():
        ctx.note_change("setting")
        ctx.db.execute("DELETE FROM setting WHERE key = ?", [key])
