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
               "person", "assignment", "evaluation", "catalogue_version",
               # the personnel file (m0007): a lý lịch on paper names the data it came from
               "training", "award", "discipline", "family_member", "prior_work", "contract",
               # tinh giản batches (m0008): the danh sách names the data it came from
               "tg_batch", "tg_state", "tg_member")
SHORT = 12


def data_fingerprint(ctx: Context, short: bool = True, own_only: bool = False) -> str:
    """SHA-256 over the data tables; the first 12 hex digits unless ``short`` is False.
    ``own_only``: the office's own rows (``office_uid`` NULL), what its package carries;
    the same code as without it for a file that holds no other office's data."""
    digest = hashlib.sha256()
    # One encoder for every row (json.dumps with options builds one per call) and one update
    # per batch: SHA-256 of the concatenation is the same digest, a third of the time.
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str).encode
    for table in DATA_TABLES:
        digest.update(f"\x00{table}\x00".encode())
        owned = own_only and table not in ("office", "catalogue_version")
        owner = "WHERE office_uid IS NULL" if owned else ""
        cursor = ctx.db.execute(f'SELECT * FROM "{table}" {owner} ORDER BY rowid')
        digest.update(json.dumps([d[0] for d in cursor.description]).encode())
        while rows := cursor.fetchmany(4096):
            digest.update("".join([encode(row) + "\n" for row in rows]).encode())
    text = digest.hexdigest().upper()
    return text[:SHORT] if short else text
