"""The context every service receives: the open database, who acts, and today.

Passing it explicitly (no globals) lets a test fix ``today`` and the user,
and lets a worker thread open its own connection to the same file.
``open_context`` is also where the data-safety rules of SPEC §7 meet: the
writer lock, the backup before a migration and on open, and the Vietnamese
explanation of a damaged file naming the newest good backup. The GUI opens
with ``check="background"``: the integrity check and the open-time backup run
in a thread while the window is built, every write waits for them, and
``Context.opening_done`` tells the GUI their answer.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from db import migrations, queries_packages
from db.connection import connect, open_database, quick_check
from db.database import Database
from db.lock import WriterLock, held_elsewhere
from desktop_app import catalogues, leftovers
from desktop_app.changes import Changes
from desktop_app.errors import DatabaseError
from desktop_app.services import backup


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is not an error worth failing on
        return ""


@dataclass
class Context:
    db: Database
    path: Path | None = None
    user: str = "quantri"
    role: str = "quan_tri"  # the built-in administrator unless someone signs in (services/users)
    os_user: str = field(default_factory=_os_user)
    today: dt.date = field(default_factory=dt.date.today)
    writer_lock: WriterLock | None = None
    signed_in: bool = False  # a password was proved (users.login); services/gate.py asks

    def identity(self) -> dict:
        """Who acts, for a worker's own Context on the same file (``open_context(path, **…)``):
        a worker thread acts as the signed-in user, never as the built-in administrator."""
        return {"user": self.user, "role": self.role, "os_user": self.os_user,
                "signed_in": self.signed_in, "today": self.today}
    changes: Changes = field(default_factory=Changes)  # told what a committed write changed
    _pending: set[str] = field(default_factory=set, repr=False)

    def __post_init__(self) -> None:
        self.db.settled_hooks.append(self._settled)

    def note_change(self, *kinds: str) -> None:
        """Mark kinds of record the current write changes; told to listeners on commit."""
        if self.db.conn.in_transaction:
            self._pending.update(kinds)
        else:
            self.changes.emit(frozenset(kinds))

    def _settled(self, committed: bool) -> None:
        kinds, self._pending = frozenset(self._pending), set()
        if committed and kinds:
            self.changes.emit(kinds)
    readonly: bool = False  # opened from a read-only file or folder: nothing can be saved

    @cached_property
    def catalogues(self) -> catalogues.Catalogues:
        return catalogues.Catalogues(self.db)

    def opening_done(self) -> bool:
        """False while the background check of the open (and its backup) still runs;
        True once they said "ok" (writes are then free); raises what they found —
        for a damaged file the same explanation as a check on open."""
        check = self.db.integrity
        if check is None:
            return True
        if not check.done:
            return False
        try:
            check.wait()
        except DatabaseError as exc:
            if self.path is None or exc.kind not in ("corrupt", "notadb"):
                raise
            raise damaged_error(self.path, exc) from exc
        check.release()
        self.db.integrity = None
        return True

    def wait_opening(self) -> None:
        """Block until the background check of the open has answered; raise what it found."""
        if self.db.integrity is not None:
            self.db.integrity.finished.wait()
        self.opening_done()

    def close(self) -> None:
        try:
            if self.db.integrity is not None:
                self.db.integrity.finished.wait()  # the open-time backup still holds the lock's promise
            self.db.close()
        finally:
            if self.writer_lock is not None:
                self.writer_lock.release()


def open_context(path: str | Path, *, lock: bool = False, program: str = "CLI",
                 check: bool | str = True, **kwargs) -> Context:
    """Open (create, check, migrate) the data file and make sure catalogues are installed.

    ``lock=True`` takes the one-writer lock first (GUI and writing commands);
    it then also makes the open-time backup. Read-only commands pass False.
    ``check="background"``: see the module docstring (a new file, or one with
    migrations pending, is still checked before anything else).
    """
    path = Path(path)
    if not lock and path.is_file() and (not writable(path) or held_elsewhere(path)):
        # Beside a running writer (the GUI) a reading command opens the file read-only, never
        # as a writer: on Linux the GUI's POSIX locks on the file vanish whenever anything in
        # its process opens and closes the file (Qt's file dialog sniffing the folder), and a
        # read-write connection closing last would then checkpoint and delete the GUI's -wal
        # and -shm under it. A read-only connection cannot take the exclusive lock that the
        # clean-up needs, so it never deletes them.
        return _open_readonly(path, **kwargs)
    writer = WriterLock(path, program).acquire() if lock else None
    if writer is not None:  # what a killed run left: temporary files, a backup's journal
        leftovers.clean(path.stem, path.parent, backup.backups_dir(path))
    try:
        existed = path.exists() and path.stat().st_size > 0
        after = (lambda: backup.backup_on_open(path)) if lock and existed else None
        db = _open(path, check if existed else True, after)
        catalogues.install(db)
        if db.integrity is None:  # while a background check runs, writes wait: the key comes lazily
            queries_packages.ensure_office_key(db)  # signed packages (m0006)
        ctx = Context(db=db, path=path, writer_lock=writer, **kwargs)
    except BaseException:
        if writer is not None:
            writer.release()
        raise
    if lock and existed and db.integrity is None:
        try:
            backup.backup_on_open(ctx)
        except BaseException:
            ctx.close()
            raise
    return ctx


def _open(path: Path, check: bool | str, after_check) -> Database:
    try:
        return open_database(path, before_migrate=backup.migration_hook(path), check=check,
                             after_check=after_check)
    except DatabaseError as exc:
        if exc.kind not in ("corrupt", "notadb"):
            raise
        raise damaged_error(path, exc) from exc


def writable(path: Path) -> bool:
    """Can this file and its folder (for SQLite's -wal/-shm and our lock) be written?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _open_readonly(path: Path, **kwargs) -> Context:
    """A file on a read-only disk, folder or file: opened for reading only, checked, never
    migrated (an older file there is refused with the way out: copy it somewhere writable)."""
    db = connect(path, readonly=True)
    try:
        quick_check(db.conn, path)
        if migrations.pending(db.conn):
            raise DatabaseError(f"Tệp dữ liệu «{path.name}» là của phiên bản cũ và cần nâng cấp, nhưng "
                                "tệp hoặc thư mục chứa nó chỉ cho phép đọc. Hãy chép tệp sang thư mục "
                                "khác rồi mở lại.", kind="readonly")
    except DatabaseError as exc:
        db.close()
        if exc.kind in ("corrupt", "notadb"):
            raise damaged_error(path, exc) from exc
        raise
    except BaseException:
        db.close()
        raise
    return Context(db=db, path=path, readonly=True, **kwargs)


READONLY_NOTE = ("Lưu ý: tệp dữ liệu «{name}» nằm ở nơi chỉ cho phép đọc; chỉ xem được, không lưu được gì "
                 "vào đó. Muốn sửa, hãy chép tệp sang thư mục khác.")


def damaged_error(path: Path, exc: DatabaseError) -> DatabaseError:
    """The damage message plus the way out: the newest good backup and how to restore it."""
    good = backup.newest_good_backup(path)
    if good is None:
        hint = " Không tìm thấy bản sao lưu nào còn tốt trong thư mục «backups» bên cạnh tệp."
    else:
        hint = (f" Bản sao lưu tốt gần nhất: {good.label}. Khôi phục bằng lệnh: "
                f"bienche restore \"{good.path}\" --reason \"Tệp dữ liệu bị hỏng\" --db \"{path}\"")
    error = DatabaseError(str(exc) + hint, kind=exc.kind)
    error.backup = good.path if good else None  # the GUI offers "Khôi phục" from this
    error.detail = getattr(exc, "detail", None)
    return error
