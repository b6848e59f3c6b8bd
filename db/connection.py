"""Opening a data file: PRAGMAs, known-error translation, migrations.

Every connection has foreign keys on, WAL journaling with full sync (a power
cut loses at most the transaction in flight), and a busy timeout so that a
reader never fails because a writer is committing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from db import migrations
from desktop_app.errors import DatabaseError

MigrateHook = Callable[[sqlite3.Connection, int], None]


def readonly_uri(path: str | Path) -> str:
    """The SQLite URI that opens ``path`` read-only.

    Percent-encoded (``Path.as_uri``): a folder named "Phòng #2" or "100%"
    would otherwise cut the URI short and open an empty database elsewhere;
    Windows paths become file:///C:/Users/Nguy%E1%BB%85n/..., which SQLite reads.
    """
    return Path(path).resolve().as_uri() + "?mode=ro"


def connect(path: str | Path, *, readonly: bool = False) -> sqlite_utils.Database:
    """Open ``path`` with our PRAGMAs; no migration. Raises DatabaseError."""
    path = Path(path)
    try:
        if readonly:
            conn = sqlite3.connect(readonly_uri(path), uri=True,
                                   check_same_thread=False)
        else:
            conn = sqlite3.connect(str(path), check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise translate(exc, path) from exc
    return sqlite_utils.Database(conn)


def open_database(path: str | Path, *, before_migrate: MigrateHook | None = None,
                  check: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed), check and migrate to the latest schema.

    ``check`` runs ``PRAGMA quick_check`` so damage is found on open, not in
    the middle of the user's work. ``before_migrate(conn, version)`` is called
    when an existing file with data is about to be migrated (the caller makes a
    backup there; db/ knows nothing of where backups go).
    """
    path = Path(path)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    db = connect(path)
    try:
        if check:
            quick_check(db.conn, path)
        version = migrations.current_version(db.conn)
        if before_migrate is not None and version > 0 and migrations.pending(db.conn):
            before_migrate(db.conn, version)
        migrations.migrate(db.conn)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise translate(exc, path) from exc
    except BaseException:
        db.close()
        raise
    return db


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """Raise DatabaseError(kind="corrupt") unless ``PRAGMA quick_check`` says ok."""
    rows = [r[0] for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
    if rows != ["ok"]:
        error = DatabaseError(f"Tệp dữ liệu «{path.name}» bị hỏng: phép kiểm tra nhanh phát hiện lỗi "
                              "trong cấu trúc tệp.", kind="corrupt")
        error.detail = "; ".join(rows)  # SQLite's English findings, for "Sao chép chi tiết" only
        raise error


def schema_version(db: sqlite_utils.Database) -> int:
    return migrations.current_version(db.conn)


def translate(exc: sqlite3.DatabaseError, path: Path) -> DatabaseError:
    """Turn a sqlite3 error about the file into a Vietnamese DatabaseError."""
    text = str(exc).lower()
    name = path.name
    if "not a database" in text or "file is encrypted" in text:
        return DatabaseError(f"Tệp «{name}» không phải tệp dữ liệu Biên chế hoặc đã bị hỏng.",
                             kind="notadb")
    if "malformed" in text or "corrupt" in text:
        return DatabaseError(f"Tệp dữ liệu «{name}» bị hỏng. Hãy khôi phục từ bản sao lưu.",
                             kind="corrupt")
    if "locked" in text or "busy" in text:
        return DatabaseError(f"Tệp dữ liệu «{name}» đang được một chương trình khác sử dụng.",
                             kind="locked")
    if "readonly" in text or "read-only" in text:
        return DatabaseError(f"Không ghi được vào tệp «{name}»: tệp hoặc thư mục chỉ cho phép đọc.",
                             kind="readonly")
    if "disk is full" in text or "full" in text:
        return DatabaseError("Ổ đĩa đã đầy, không ghi được dữ liệu. Hãy giải phóng dung lượng.",
                             kind="full")
    if "unable to open" in text:
        return DatabaseError(f"Không mở được tệp dữ liệu «{path}».", kind="missing")
    return DatabaseError(f"Lỗi tệp dữ liệu «{name}»: {exc}", kind="other")
