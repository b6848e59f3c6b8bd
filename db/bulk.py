"""Bulk writes for generated and imported data: many rows of one table
through one ``executemany``.

Column names are checked against the live schema (like repo.insert); values
are always bound parameters. The caller holds the transaction
(``with db.atomic():``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from db.database import Database

from db.repo import _checked, _ident


def insert_rows(db: Database, table: str, columns: Sequence[str],
                rows: Iterable[Sequence]) -> int:
    """Insert ``rows`` (sequences in ``columns`` order); return how many were given."""
    names = _checked(db, table, columns)
    sql = (f"INSERT INTO {_ident(db, table)} ({', '.join(_ident(db, n) for n in names)}) "
           f"VALUES ({', '.join('?' for _ in names)})")
    return db.conn.executemany(sql, rows).rowcount


def insert_many(db: Database, table: str, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Insert ``rows`` (dicts of column → value); return their new ids in order.

    Ids are assigned here, explicitly, from the table's current maximum, so that
    rows written next (assignments, audit) can refer to them without a query per
    row; safe because a data file has one writer at a time. Rows are grouped by
    the set of columns they fill, so a column left out keeps its schema default.
    """
    if not rows:
        return []
    first = db.execute(f"SELECT coalesce(max(id), 0) FROM {_ident(db, table)}").fetchone()[0] + 1
    ids = list(range(first, first + len(rows)))
    groups: dict[tuple[str, ...], list[list[Any]]] = {}
    for row_id, row in zip(ids, rows, strict=True):
        names = tuple(k for k in row if k != "id")
        groups.setdefault(names, []).append([row_id, *(row[n] for n in names)])
    for names, params in groups.items():
        _checked(db, table, names)
        sql = (f"INSERT INTO {_ident(db, table)} (id{''.join(', ' + _ident(db, n) for n in names)}) "
               f"VALUES (?{', ?' * len(names)})")
        db.conn.executemany(sql, params)
    return ids


def restamp_audit(db: Database, entity: str, at: str, os_user: str,
                  values: dict[str, str]) -> None:
    """Give an entity's audit rows a fixed time and OS user, and the fields in ``values`` their
    fixed new value (generated data that must be reproducible byte for byte)."""
    db.execute("UPDATE audit SET at = ?, os_user = ? WHERE entity = ?", [at, os_user, entity])
    for name, value in values.items():
        db.execute("UPDATE audit SET new = ? WHERE entity = ? AND field = ?", [value, entity, name])
