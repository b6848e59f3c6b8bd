"""Bulk writes for generated and imported data: many rows of one table
through one ``executemany``.

Column names are checked against the live schema (like repo.insert); values
are always bound parameters. The caller holds the transaction
(``with db.atomic():``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from db.database import Database

from db import queries_dashboard
from db.repo import _checked, _ident

CACHE_MB = 32  # page cache while many rows go in: a fixed ceiling inside the 400 MB import budget (#16)


def insert_rows(db: Database, table: str, columns: Sequence[str],
                rows: Iterable[Sequence], count: int | None = None) -> int:
    """Insert ``rows`` (sequences in ``columns`` order); return how many were given.

    With ``count`` (how many ``rows`` will yield) a generator is streamed into SQLite instead
    of being made a list first: 200,000 audit rows need not all exist at once."""
    names = _checked(db, table, columns)
    sql = (f"INSERT INTO {_ident(db, table)} ({', '.join(_ident(db, n) for n in names)}) "
           f"VALUES ({', '.join('?' for _ in names)})")
    if count is None:
        rows = rows if isinstance(rows, (list, tuple)) else list(rows)
        count = len(rows)  # type: ignore[arg-type]
    with queries_dashboard.unlogged(db, count):
        return db.conn.executemany(sql, rows).rowcount


def next_id(db: Database, table: str) -> int:
    """The id the next row of ``table`` gets when ids are assigned here (see insert_many)."""
    return db.execute(f"SELECT coalesce(max(id), 0) FROM {_ident(db, table)}").fetchone()[0] + 1


def insert_many(db: Database, table: str, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Insert ``rows`` (dicts of column → value); return their new ids in order.

    Ids are assigned here, explicitly, from the table's current maximum, so that
    rows written next (assignments, audit) can refer to them without a query per
    row; safe because a data file has one writer at a time. Rows are grouped by
    the set of columns they fill, so a column left out keeps its schema default.
    """
    if not rows:
        return []
    first = next_id(db, table)
    groups: dict[tuple[str, ...], list[int]] = {}
    for index, row in enumerate(rows):  # tuple(row): the keys, in order, without a Python loop
        groups.setdefault(tuple(row), []).append(index)
    with queries_dashboard.unlogged(db, len(rows)):  # many rows: one "everything changed" mark
        for keys, members in groups.items():
            names = tuple(k for k in keys if k != "id")
            _checked(db, table, names)
            sql = (f"INSERT INTO {_ident(db, table)} (id{''.join(', ' + _ident(db, n) for n in names)}) "
                   f"VALUES (?{', ?' * len(names)})")
            db.conn.executemany(sql, _params(first, rows, members, names))
    return list(range(first, first + len(rows)))


def _params(first: int, rows: Sequence[Mapping[str, Any]], members: list[int],
            names: tuple[str, ...]) -> Iterator[tuple]:
    """(id, values in ``names`` order) per member row, read by itemgetter, streamed into
    ``executemany`` a chunk at a time (not one list of every row: memory, issue #16)."""
    if not names:
        yield from ((first + i,) for i in members)
        return
    get = itemgetter(*names)
    for start in range(0, len(members), _STREAM_CHUNK):
        part = members[start:start + _STREAM_CHUNK]
        if len(names) == 1:
            yield from [(first + i, get(rows[i])) for i in part]
        else:
            yield from [(first + i, *get(rows[i])) for i in part]


_STREAM_CHUNK = 2000


@contextmanager
def large_cache(db: Database, mebibytes: int = CACHE_MB) -> Iterator[None]:
    """A bigger page cache while many rows stream in: index pages (names, CCCD, owners) stay
    in memory instead of being re-read as the tables grow; the size is a fixed ceiling."""
    before = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = {-int(mebibytes) * 1024}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(before)}")


def restamp_audit(db: Database, entity: str, at: str, os_user: str,
                  values: dict[str, str]) -> None:
    """Give an entity's audit rows a fixed time and OS user, and the fields in ``values`` their
    fixed new value (generated data that must be reproducible byte for byte)."""
    db.execute("UPDATE audit SET at = ?, os_user = ? WHERE entity = ?", [at, os_user, entity])
    for name, value in values.items():
        db.execute("UPDATE audit SET new = ? WHERE entity = ? AND field = ?", [value, entity, name])
