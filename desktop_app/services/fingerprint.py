"""The data fingerprint (SPEC §4, §8): one short hash of the office's data.

Printed in every PDF footer, stored in every xlsx's document properties and
in the package manifest, so the level above can check that a signed paper
and a file on USB show the same data. Computed over the domain tables in a
canonical order (rows by primary key, values as canonical JSON); the audit
log and user settings are not data and are left out.
"""

from __future__ import annotations

import hashlib
import json

from desktop_app.context import Context

DATA_TABLES = ("office", "unit", "division", "event", "event_unit", "finance", "position", "quota",
               "person", "assignment", "evaluation", "catalogue_version")
SHORT = 12


def data_fingerprint(ctx: Context, short: bool = True) -> str:
    """SHA-256 over the data tables; the first 12 hex digits unless ``short`` is False."""
    digest = hashlib.sha256()
    for table in DATA_TABLES:
        digest.update(f"\x00{table}\x00".encode())
        cursor = ctx.db.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
        digest.update(json.dumps([d[0] for d in cursor.description]).encode())
        for row in cursor:
            digest.update(json.dumps(row, ensure_ascii=False, separators=(",", ":"), default=str).encode())
            digest.update(b"\n")
    text = digest.hexdigest().upper()
    return text[:SHORT] if short else text
