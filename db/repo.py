"""Generic record access with names checked against the live schema.

Services call these with a table name and a dict of values; every name is
checked against ``PRAGMA table_info`` so no caller-supplied identifier ever
reaches SQL unchecked, and every value is a bound parameter.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from db.database import Database

Row = dict[str, Any]


# Per open database (dropped with it), then per schema version and table.
_COLUMNS: weakref.WeakKeyDictionary[Database, dict[tuple[int, str], frozenset[str]]] = (
    weakref.WeakKeyDictionary())


def columns(db: Database, table: str) -> frozenset[str]:
    """Column names of ``table``, cached per open database and schema version."""
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    known = _COLUMNS.setdefault(db, {})
    if (version, table) not in known:
        cols = frozenset(r[1] for r in db.execute(f"PRAGMA table_info({_ident(db, table)})"))
        if not cols:
            raise KeyError(table)
        known[(version, table)] = cols
    return known[(version, table)]


def _ident(db: Database, name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise KeyError(name)
    return '"' + name + '"'


def _checked(db: Database, table: str, names: Iterable[str]) -> list[str]:
    known = columns(db, table)
    names = list(names)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise KeyError(f"{table}: {unknown}")
    return names


def insert(db: Database, table: str, values: Mapping[str, Any]) -> int:
    names = _checked(db, table, values)
    sql = (f"INSERT INTO {_ident(db, table)} ({', '.join(_ident(db, n) for n in names)}) "
           f"VALUES ({', '.join('?' for _ in names)})")
    row_id = db.execute(sql, [values[n] for n in names]).lastrowid
    assert row_id is not None
    return row_id


def update(db: Database, table: str, row_id: int, values: Mapping[str, Any]) -> None:
    names = _checked(db, table, values)
    if not names:
        return
    sql = (f"UPDATE {_ident(db, table)} SET {', '.join(_ident(db, n) + ' = ?' for n in names)} "
           "WHERE id = ?")
    db.execute(sql, [values[n] for n in names] + [row_id])


def delete(db: Database, table: str, row_id: int) -> None:
    db.execute(f"DELETE FROM {_ident(db, table)} WHERE id = ?", [row_id])


def get(db: Database, table: str, row_id: int) -> Row | None:
    cur = db.execute(f"SELECT * FROM {_ident(db, table)} WHERE id = ?", [row_id])
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def find(db: Database, table: str, **where: Any) -> list[Row]:
    names = _checked(db, table, where)
    clause = " AND ".join(f"{_ident(db, n)} IS ?" for n in names) or "1"
    cur = db.execute(f"SELECT * FROM {_ident(db, table)} WHERE {clause} ORDER BY id",
                     [where[n] for n in names])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def count(db: Database, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {_ident(db, table)}").fetchone()[0]


def query(db: Database, sql: str,
          params: Iterable[Any] | Mapping[str, Any] = ()) -> list[Row]:
    """Rows as dicts; ``params`` positional (?) or named (:name)."""
    cur = db.execute(sql, dict(params) if isinstance(params, Mapping) else list(params))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def scalar(db: Database, sql: str, params: Iterable[Any] = ()) -> Any:
    row = db.execute(sql, list(params)).fetchone()
    return row[0] if row else None
