"""SQL for packages and consolidation (SPEC §8): streaming a table out,
inserting an office's rows with shifted ids, deleting one office's data,
the ``source_office`` register and the per-office read scope for reports.

Ids from different offices collide, so an imported row gets ``id + offset``
where the offset is the table's largest id before the package is read:
references shift by their parent table's offset, nothing is kept in memory
per row and an office's relative order is preserved.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from db.database import Database

from db import repo
from db.bulk import large_cache  # noqa: F401 - consolidate uses q.large_cache; one definition

# Tables in dependency order (parents first); the package has one CSV each.
DATA_TABLES = ("unit", "division", "event", "event_unit", "finance", "position", "quota", "person",
               "assignment", "evaluation", "training", "award", "discipline", "family_member",
               "prior_work", "contract", "tg_batch", "tg_state", "tg_member")
# Tables added after format 1 was first released: a package from an older version lacks them.
LATER_TABLES = ("training", "award", "discipline", "family_member", "prior_work", "contract",
                "tg_batch", "tg_state", "tg_member")
# Columns holding ids: which table's offset shifts them.
ID_COLUMNS: dict[str, dict[str, str]] = {
    "unit": {"id": "unit"},
    "division": {"id": "division", "unit_id": "unit"},
    "event": {"id": "event"},
    "event_unit": {"event_id": "event", "unit_id": "unit"},
    "finance": {"id": "finance", "unit_id": "unit"},
    "position": {"id": "position", "unit_id": "unit"},
    "quota": {"id": "quota", "unit_id": "unit"},
    "person": {"id": "person", "unit_id": "unit", "position_id": "position"},
    "assignment": {"id": "assignment", "person_id": "person", "unit_id": "unit",
                   "position_id": "position", "event_id": "event"},
    "evaluation": {"id": "evaluation", "person_id": "person"},
    **{t: {"id": t, "person_id": "person"} for t in LATER_TABLES[:6]},
    # tinh giản batches (m0008)
    "tg_batch": {"id": "tg_batch"},
    "tg_state": {"id": "tg_state", "batch_id": "tg_batch"},
    "tg_member": {"id": "tg_member", "batch_id": "tg_batch", "person_id": "person"},
}
OWNER = "office_uid"
BATCH = 2000


def _q(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise KeyError(name)
    return f'"{name}"'


def export_columns(db: Database, table: str) -> list[str]:
    """Columns a package carries: all but the owner column, in schema order."""
    return [r[1] for r in db.execute(f"PRAGMA main.table_info({_q(table)})") if r[1] != OWNER]


def iter_own_rows(db: Database, table: str, columns: Sequence[str]) -> Iterator[tuple]:
    """The installation's own rows of ``table``, streamed from a cursor in rowid order."""
    owner = f"WHERE {OWNER} IS NULL" if OWNER in repo.columns(db, table) else ""
    cursor = db.conn.execute(f"SELECT {', '.join(_q(c) for c in columns)} FROM main.{_q(table)} "
                             f"{owner} ORDER BY rowid")
    while batch := cursor.fetchmany(BATCH):
        yield from batch


def own_values(db: Database, table: str, column: str) -> set[Any]:
    """The distinct non-empty values of ``column`` in the installation's own rows of ``table``."""
    owner = f"AND {OWNER} IS NULL" if OWNER in repo.columns(db, table) else ""
    return {r[0] for r in db.execute(f"SELECT DISTINCT {_q(column)} FROM main.{_q(table)} "
                                     f"WHERE {_q(column)} IS NOT NULL {owner}")}


def id_offsets(db: Database) -> dict[str, int]:
    out = {}
    for table in DATA_TABLES:
        if "id" in repo.columns(db, table):
            out[table] = db.execute(f"SELECT coalesce(max(id), 0) FROM main.{_q(table)}").fetchone()[0]
    return out


def insert_rows(db: Database, table: str, columns: Sequence[str],
                rows: Iterable[Sequence[Any]]) -> int:
    """One executemany streaming ``rows`` (they already hold the owner as their last value):
    sqlite3 pulls them from the iterator one at a time, so nothing is batched in memory."""
    names = repo.columns(db, table)
    unknown = [c for c in columns if c not in names]
    if unknown:
        raise KeyError(f"{table}: {unknown}")
    sql = (f"INSERT INTO main.{_q(table)} ({', '.join(_q(c) for c in columns)}, {OWNER}) "
           f"VALUES ({', '.join('?' for _ in range(len(columns) + 1))})")
    return max(db.conn.executemany(sql, rows).rowcount, 0)  # -1 would mean "no statement ran"


def delete_office_data(db: Database, uid: str) -> None:
    """Remove every row owned by ``uid``, children first (foreign keys stay on)."""
    for table in reversed(DATA_TABLES):
        db.execute(f"DELETE FROM main.{_q(table)} WHERE {OWNER} = ?", [uid])


def source_office(db: Database, uid: str) -> dict | None:
    rows = repo.query(db, "SELECT * FROM source_office WHERE uid = ?", [uid])
    return rows[0] if rows else None


def save_source_office(db: Database, values: dict[str, Any]) -> None:
    names = sorted(values)
    repo._checked(db, "source_office", names)
    updates = ", ".join(f"{_q(n)} = excluded.{_q(n)}" for n in names if n != "uid")
    db.execute(f"INSERT INTO source_office ({', '.join(_q(n) for n in names)}) "
               f"VALUES ({', '.join('?' for _ in names)}) ON CONFLICT(uid) DO UPDATE SET {updates}",
               [values[n] for n in names])


def owners(db: Database) -> list[dict]:
    """Offices that own units: the installation itself (uid None) first, then by name."""
    own = db.execute("SELECT EXISTS(SELECT 1 FROM unit WHERE office_uid IS NULL)").fetchone()[0]
    name = db.execute("SELECT name FROM office WHERE id = 1").fetchone()
    out = [{"uid": None, "name": name[0] if name else ""}] if own else []
    return out + repo.query(db, """
        SELECT s.uid, s.name FROM source_office s
        WHERE EXISTS (SELECT 1 FROM unit u WHERE u.office_uid = s.uid) ORDER BY s.name, s.uid""")


def duplicate_cccd_across_offices(db: Database) -> list[dict]:
    """People whose CCCD appears under more than one owner office (ghost-worker check)."""
    return repo.query(db, """
        SELECT p.cccd, p.full_name, p.birth_date, p.office_uid,
               coalesce(s.name, (SELECT name FROM office WHERE id = 1)) AS office_name,
               u.id AS unit_id, u.code AS unit_code, u.name AS unit_name, p.id AS person_id
        FROM person p LEFT JOIN unit u ON u.id = p.unit_id
        LEFT JOIN source_office s ON s.uid = p.office_uid
        WHERE p.cccd IN (SELECT cccd FROM person WHERE cccd IS NOT NULL AND cccd <> ''
                         GROUP BY cccd HAVING count(DISTINCT coalesce(office_uid, '')) > 1)
        ORDER BY p.cccd, office_name""")


def open_scope(conn: sqlite3.Connection, uid: str | None) -> None:
    """Shadow every data table with a TEMP view holding only ``uid``'s rows.

    Unqualified names resolve to the temp schema first, so every existing
    read query (reports, as-of views) sees one office without being changed.
    """
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS scope_office (uid TEXT)")
    conn.execute("DELETE FROM temp.scope_office")
    conn.execute("INSERT INTO temp.scope_office VALUES (?)", [uid])
    for table in DATA_TABLES:
        conn.execute(f"CREATE TEMP VIEW IF NOT EXISTS {_q(table)} AS SELECT * FROM main.{_q(table)} "
                     f"WHERE {OWNER} IS (SELECT uid FROM temp.scope_office)")


def close_scope(conn: sqlite3.Connection) -> None:
    for table in DATA_TABLES:
        conn.execute(f"DROP VIEW IF EXISTS temp.{_q(table)}")
    conn.execute("DROP TABLE IF EXISTS temp.scope_office")


def ensure_office_key(db: Database) -> None:
    """Give the file its signing key if it has none: a new file, or the first open after m0006.
    An Ed25519 private key is any 32 random bytes (RFC 8032 §5.1.5), taken from the OS."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "office_key" not in tables or db.execute("SELECT 1 FROM office_key WHERE id = 1").fetchone():
        return
    try:
        with db.atomic():
            db.execute("INSERT OR IGNORE INTO office_key (id, private_key, created_at) "
                       "VALUES (1, ?, datetime('now', 'localtime'))", [secrets.token_bytes(32)])
    except sqlite3.OperationalError as exc:
        if "readonly" not in str(exc):
            raise  # a file opened read-only gets its key at its next writable open


def office_private_key(db: Database) -> bytes | None:
    row = db.execute("SELECT private_key FROM office_key WHERE id = 1").fetchone()
    return bytes(row[0]) if row else None


def insert_plain(db: Database, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Rows exactly as given (no owner, no shift): rebuilding a package's own file in memory."""
    repo._checked(db, table, columns)
    sql = (f"INSERT INTO main.{_q(table)} ({', '.join(_q(c) for c in columns)}) "
           f"VALUES ({', '.join('?' for _ in columns)})")
    db.conn.executemany(sql, rows)
