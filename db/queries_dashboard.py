"""The dashboard cache's own tables (m0005): the log of units written since a
sequence number, and the cached partial results. Nothing here is data: the
fingerprint, packages and the audit log never read these tables.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.database import Database


def last_seq(db: Database) -> int:
    """The newest write the dashboard depends on (0 on an empty log)."""
    return db.execute("SELECT coalesce(max(seq), 0) FROM dash_dirty").fetchone()[0]


def written_since(db: Database, seq: int) -> list[tuple[int, int]]:
    """(table code, unit id) of every write after ``seq`` (index on the primary key)."""
    return [tuple(r) for r in db.execute("SELECT tbl, unit_id FROM dash_dirty WHERE seq > ?", [seq])]


def read_meta(db: Database) -> str | None:
    row = db.execute("SELECT value FROM dash_cache WHERE key = 'meta'").fetchone()
    return row[0] if row else None


def read_parts(db: Database) -> dict[str, str]:
    """Every cached per-unit part (keys 'u<unit id>')."""
    return dict(db.execute("SELECT key, value FROM dash_cache WHERE key <> 'meta'").fetchall())


def write_cache(db: Database, rows: dict[str, str], *, drop: Sequence[str] = (),
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


def clear_cache(db: Database) -> None:
    """Empties the cache (benches time the cold recompute this way)."""
    with db.atomic():
        db.execute("DELETE FROM dash_cache")


# From this many rows in one bulk call, dropping the per-row log for the call and marking
# everything changed (one cold dashboard recompute, ≈ 1–2 s on a province) is cheaper than
# the triggers (≈ 20–35 µs a row: each row's statement then needs a statement journal).
BULK_ROWS = 5000


@contextlib.contextmanager
def unlogged(db: Database, rows: int) -> Iterator[None]:
    """Bulk writes of ``rows`` rows without the m0005 per-row log: inside the caller's
    transaction the dash_* triggers are dropped, then re-created (also after an error the
    caller catches) and the log says "everything changed". Other connections never see the
    file without its triggers: the drop commits or rolls back with the caller's writes,
    and while it is pending this connection holds the write lock. Outside a transaction,
    or for fewer than BULK_ROWS rows, the triggers simply log each row."""
    saved = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                       "AND name LIKE 'dash^_%' ESCAPE '^'").fetchall() if rows >= BULK_ROWS else []
    if not saved or not db.conn.in_transaction:
        yield
        return
    for name, _ in saved:
        db.execute(f'DROP TRIGGER "{name}"')  # names read from sqlite_master just above
    try:
        yield
    finally:
        present = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        for name, sql in saved:
            if name not in present:
                db.execute(sql)
        db.execute("DELETE FROM dash_dirty WHERE tbl = 9 AND unit_id = 0")
        db.execute("INSERT INTO dash_dirty (tbl, unit_id) VALUES (9, 0)")
