"""Bulk writes for imports: many rows of one table through ``executemany``.

The caller holds the transaction (``with db.atomic():``). Ids are assigned
here, explicitly, from the table's current maximum, so that rows written
next (assignments, audit) can refer to them without a query per row; this
is safe because a data file has one writer at a time. Rows are grouped by
the set of columns they fill, so a column left out keeps its schema default.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlite_utils

from db.repo import _checked, _ident


def insert_many(db: sqlite_utils.Database, table: str, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Insert ``rows`` (dicts of column → value); return their new ids in order."""
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
