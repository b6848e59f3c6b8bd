"""Opening a data file: PRAGMAs, known-error translation, the integrity check, migrations.

Every connection has foreign keys on, WAL journaling with full sync (a power
cut loses at most the transaction in flight), and a busy timeout so that a
reader never fails because a writer is committing. Connections come wrapped
in our ``db.database.Database`` (sqlite-utils' table API on demand).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from db import integrity, migrations
from db.database import Database
from desktop_app.errors import DatabaseError

MigrateHook = Callable[[sqlite3.Connection, int], None]


def readonly_uri(path: str | Path) -> str:
    """The SQLite URI that opens ``path`` read-only.

    Percent-encoded (``Path.as_uri``): a folder named "Phòng #2" or "100%"
    would otherwise cut the URI short and open an empty database elsewhere;
    Windows paths become file:///C:/Users/Nguy%E1%BB%85n/..., which SQLite reads.
    """
    return Path(path).resolve().as_uri() + "?mode=ro"


def connect(path: str | Path, *, readonly: bool = False) -> Database:
    """Open ``path`` with our PRAGMAs; no migration. Raises DatabaseError."""
    path = Path(path)
    try:
        if readonly:
            conn = _connect_readonly(path)
        else:
            conn = sqlite3.connect(str(path), check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA foreign_keys = ON")
        # Statement journals (every row a trigger writes needs one: m0005's log) and sorts in
        # memory, not in temp files: halves the per-row cost of the triggers.
        conn.execute("PRAGMA temp_store = MEMORY")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise translate(exc, path) from exc
    try:
        return Database(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise translate(exc, path) from exc


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """mode=ro; a WAL file on a read-only disk cannot have its -shm created, so there it is
    opened immutable (no locks, no -shm), which is exact as long as no -wal holds pages."""
    conn = sqlite3.connect(readonly_uri(path), uri=True, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        wal = path.with_name(path.name + "-wal")
        if "unable to open" not in str(exc) or (wal.exists() and wal.stat().st_size > 0):
            raise
    return sqlite3.connect(readonly_uri(path) + "&immutable=1", uri=True, check_same_thread=False)


def open_database(path: str | Path, *, before_migrate: MigrateHook | None = None,
                  check: bool | str = True, after_check: Callable[[], None] | None = None) -> Database:
    """Open (creating if needed), check and migrate to the latest schema.

    ``check`` runs ``PRAGMA quick_check`` so damage is found on open, not in
    the middle of the user's work. ``check="background"`` returns at once with
    the check running in a thread (``db.integrity``, see db/integrity.py):
    reads go ahead, writes wait for its "ok". A file with migrations pending is
    always checked first, before anything is written to it.
    ``before_migrate(conn, version)`` is called when an existing file with data
    is about to be migrated (the caller makes a backup there; db/ knows nothing
    of where backups go). ``after_check`` runs in the check's thread after its
    "ok" (the open-time backup), before any write goes ahead.
    """
    path = Path(path)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    db = connect(path)
    try:
        if check == "background" and migrations.current_version(db.conn) == migrations.LATEST:
            db.integrity = integrity.BackgroundCheck(db.conn, path, lambda: connect_readonly_raw(path),
                                                     translate).start(after_check)
            return db
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


def connect_readonly_raw(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(readonly_uri(path), uri=True, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """Raise DatabaseError(kind="corrupt") unless ``PRAGMA quick_check`` says ok.

    If a background check of this very file is still running in this process
    (the GUI's, while a worker opens the file), its answer is awaited instead.
    """
    other = integrity.running(path)
    if other is not None:
        other.wait_check()
        return
    integrity.check_now(conn, path)


def schema_version(db: Database) -> int:
    return migrations.current_version(db.conn)


def translate(exc: sqlite3.DatabaseError, path: Path) -> DatabaseError:
    """Turn a sqlite3 error about the file into a Vietnamese DatabaseError."""
    if isinstance(exc, DatabaseError):  # already ours (db.database.FileProblem): keep its kind
        return exc
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
