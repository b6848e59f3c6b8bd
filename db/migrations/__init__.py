"""Numbered schema migrations, applied in order and never edited once released.

Each migration is a module ``mNNNN_<name>.py`` with a ``SQL`` script. The
runner applies pending ones inside one transaction each and stamps
``PRAGMA user_version``. A file stamped with a newer version than the
app knows is refused.
"""

from __future__ import annotations

import importlib
import pkgutil
import sqlite3

from desktop_app.errors import DatabaseError


def _load() -> list[tuple[int, str]]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("m") and info.name[1:5].isdigit():
            module = importlib.import_module(f"{__name__}.{info.name}")
            found.append((int(info.name[1:5]), module.SQL))
    found.sort()
    numbers = [n for n, _ in found]
    assert numbers == list(range(1, len(found) + 1)), f"migration numbers not contiguous: {numbers}"
    return found


MIGRATIONS = _load()
LATEST = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def pending(conn: sqlite3.Connection) -> list[int]:
    version = current_version(conn)
    if version > LATEST:
        raise DatabaseError(
            f"Tệp dữ liệu được tạo bởi phiên bản Biên chế mới hơn (lược đồ {version}, "
            f"phiên bản này chỉ hiểu đến {LATEST}). Hãy cập nhật phần mềm trước khi mở tệp này.",
            kind="newer",
        )
    return [n for n, _ in MIGRATIONS if n > version]


def migrate(conn: sqlite3.Connection, upto: int | None = None) -> list[int]:
    """Apply pending migrations (up to ``upto``); return the numbers applied."""
    applied = []
    for number, sql in MIGRATIONS:
        if number not in pending(conn) or (upto is not None and number > upto):
            continue
        _apply(conn, number, sql)
        applied.append(number)
    return applied


def _apply(conn: sqlite3.Connection, number: int, sql: str) -> None:
    """One migration in one transaction, foreign keys off while it runs.

    SQLite's documented way to change a table beyond ALTER TABLE (rebuild it
    under a new name, drop the old, rename) needs ``foreign_keys`` OFF, which
    can only be switched outside a transaction; ``foreign_key_check`` then
    proves before COMMIT that the migration left every reference valid.
    """
    enforced = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN")
        for statement in _statements(sql):
            conn.execute(statement)
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise DatabaseError(f"Nâng cấp lược đồ {number} làm hỏng liên kết dữ liệu; đã hủy.",
                                kind="other")
        conn.execute(f"PRAGMA user_version = {int(number)}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute(f"PRAGMA foreign_keys = {int(enforced)}")


def _statements(sql: str) -> list[str]:
    """Split a script into complete statements (sqlite3.complete_statement aware)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
