"""The office's own identity (SPEC §1): configured, not assumed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from db import repo
from desktop_app.context import Context
from desktop_app.entities import OFFICE
from desktop_app.errors import ValidationError
from desktop_app.services import audit, gate, records

# The office's identity: changing it on an existing file (e.g. ``init`` again) is Quản trị's.
IDENTITY = ("name", "level")


def get(ctx: Context) -> dict[str, Any] | None:
    return repo.get(ctx.db, "office", 1)


def save(ctx: Context, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Create the office on first use, or update it; returns the stored row."""
    gate.authorise(ctx, gate.WRITE)
    old = get(ctx)
    values = records.prepare(ctx, OFFICE, raw, existing=old)
    if old is not None and any(k in values and old.get(k) != values[k] for k in IDENTITY):
        gate.authorise(ctx, gate.ADMIN)
    with ctx.db.atomic():
        if old is None:
            if not values.get("name") or not values.get("level"):
                raise ValidationError("Cần nhập tên cơ quan và cấp.")
            import uuid  # only the first save of the office (uuid loads platform)

            values.update(id=1, uid=uuid.uuid4().hex,
                          created_at=dt.datetime.now().isoformat(" ", "seconds"))
            repo.insert(ctx.db, "office", values)
            audit.record(ctx, "them", "office", 1, {}, values)
        else:
            changed = {k: v for k, v in values.items() if old.get(k) != v}
            repo.update(ctx.db, "office", 1, changed)
            audit.record(ctx, "sua", "office", 1, old, changed)
    return get(ctx) or {}
