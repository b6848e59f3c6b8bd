"""The dashboard cache's own tables (m0005): the log of units written since a
sequence number, and the cached partial results. Nothing here is data: the
fingerprint, packages and the audit log never read these tables.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import sqlite_utils


def last_seq(db: sqlite_utils.Database) -> int:
    """The newest write the dashboard depends on (0 on an empty log)."""
    return db.execute("SELECT coalesce(max(seq), 0) FROM dash_dirty").fetchone()[0]


def written_since(db: sqlite_utils.Database, seq: int) -> list[tuple[int, int]]:
    """(table code, unit id) of every write after ``seq`` (index on the primary key)."""
    return [tuple(r) for r in db.execute("SELECT tbl, unit_id FROM dash_dirty WHERE seq > ?", [seq])]


def read_meta(db: sqlite_utils.Database) -> str | None:
    row = db.execute("SELECT value FROM dash_cache WHERE key = 'meta'").fetchone()
    return row[0] if row else None


def read_parts(db: sqlite_utils.Database) -> dict[str, str]:
    """Every cached per-unit part (keys 'u<unit id>')."""
    return dict(db.execute("SELECT key, value FROM dash_cache WHERE key <> 'meta'").fetchall())


def write_cache(db: sqlite_utils.Database, rows: dict[str, str], *, drop: Sequence[str] = (),
                replace_all: bool = False) -> bool:
    """Stores ``rows`` and removes ``drop`` (or every other row when ``replace_all``) in one
    transaction. False when
    the file cannot be written now (locked by another writer, read-only): the cache is only
    a shortcut, the next recompute simply does more work."""
    try:
        with db.atomic():
            if replace_all:
                db.execute("DELETE FROM dash_cache")
            db.conn.executemany("DELETE FROM dash_cache WHERE key = ?", [[k] for k in drop])
            db.conn.executemany("INSERT OR REPLACE INTO dash_cache (key, value) VALUES (?, ?)",
                                list(rows.items()))
        return True
    except sqlite3.OperationalError:
        return False


def clear_cache(db: sqlite_utils.Database) -> None:
    """Empties the cache (benches time the cold recompute this way)."""
    with db.atomic():
        db.execute("DELETE FROM dash_cache")
