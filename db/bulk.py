"""Bulk inserts for generated or imported data: one executemany per table.

Column names are checked against the live schema (like repo.insert); values
are always bound parameters. Call inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sqlite_utils

from db import repo


def insert_rows(db: sqlite_utils.Database, table: str, columns: Sequence[str],
                rows: Iterable[Sequence]) -> int:
    """Insert ``rows`` (sequences in ``columns`` order); return how many were given."""
    names = repo._checked(db, table, columns)  # noqa: SLF001 - same module family, same check
    sql = (f"INSERT INTO {repo._ident(db, table)} ({', '.join(repo._ident(db, n) for n in names)}) "  # noqa: SLF001, S608
           f"VALUES ({', '.join('?' for _ in names)})")
    cursor = db.conn.executemany(sql, rows)
    return cursor.rowcount


def restamp_audit(db: sqlite_utils.Database, entity: str, at: str, os_user: str,
                  values: dict[str, str]) -> None:
    """Give an entity's audit rows a fixed time and OS user, and the fields in ``values`` their
    fixed new value (generated data that must be reproducible byte for byte)."""
    db.execute("UPDATE audit SET at = ?, os_user = ? WHERE entity = ?", [at, os_user, entity])
    for name, value in values.items():
        db.execute("UPDATE audit SET new = ? WHERE entity = ? AND field = ?", [value, entity, name])
