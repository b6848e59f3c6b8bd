"""``bienche info``: the office, schema version and counts (SPEC §9, a stable contract)."""

from __future__ import annotations

from typing import Any

from db import repo
from db.connection import schema_version
from desktop_app.context import Context
from desktop_app.packages.keys import own_fingerprint

OFFICE_KEYS = ("uid", "name", "level", "parent", "province", "place")


def info(ctx: Context) -> dict[str, Any]:
    today = ctx.today.isoformat()
    office = repo.get(ctx.db, "office", 1) or {}
    q = lambda sql, *p: repo.scalar(ctx.db, sql, p)  # noqa: E731
    return {
        "office": {**{k: office.get(k) for k in OFFICE_KEYS}, "key": own_fingerprint(ctx)},
        "schema_version": schema_version(ctx.db),
        "counts": {
            "units_total": q("SELECT count(*) FROM unit"),
            "units_active": q("SELECT count(*) FROM unit WHERE (valid_from IS NULL OR valid_from <= ?)"
                              " AND (valid_to IS NULL OR valid_to > ?)", today, today),
            "positions": q("SELECT count(*) FROM position"),
            "staff_total": q("SELECT count(*) FROM person"),
            "staff_active": q("SELECT count(*) FROM person WHERE (recruited_on IS NULL OR "
                              "recruited_on <= ?) AND (left_on IS NULL OR left_on > ?)", today, today),
            "events": q("SELECT count(*) FROM event"),
            "quota_years": [r[0] for r in ctx.db.execute(
                "SELECT DISTINCT year FROM quota ORDER BY year")],
        },
    }
