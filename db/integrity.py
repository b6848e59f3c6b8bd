"""``PRAGMA quick_check`` of a data file, on the caller's thread or in the background.

On a province file the check reads every page (≈ 0.3 s for 120 MB); the GUI
should not wait for it before showing its window. ``BackgroundCheck`` runs it
on a read-only connection of its own in a thread (SQLite releases the GIL)
while the window is built, and holds back every write on the main
connection until it has said "ok": an authorizer on that connection makes any
statement that would change the file wait for the result, and refuses it if
the file is damaged (``sqlite3.DatabaseError: not authorized``; the caller
then shows the same Vietnamese "tệp bị hỏng" explanation as a check on open).
Reads go ahead meanwhile. ``then`` (the open-time backup) runs in the same
thread after an "ok", and writes wait for it too, so the backup holds the
file as it was opened.

A check still running for a file is shared: a worker that opens the same file
meanwhile waits for that result instead of reading the whole file a second time.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from desktop_app.errors import DatabaseError

# Authorizer action codes that change the file (sqlite3.h): CREATE_* 1–8, DELETE 9,
# DROP_* 10–17, INSERT 18, UPDATE 23, ALTER_TABLE 26, REINDEX 27, ANALYZE 28, *_VTABLE 29–30.
_WRITES = frozenset({*range(1, 19), 23, 26, 27, 28, 29, 30})
_RUNNING: dict[tuple[int, int], BackgroundCheck] = {}
_RUNNING_LOCK = threading.Lock()


def damaged(path: Path, findings: list[str]) -> DatabaseError:
    error = DatabaseError(f"Tệp dữ liệu «{path.name}» bị hỏng: phép kiểm tra nhanh phát hiện lỗi "
                          "trong cấu trúc tệp.", kind="corrupt")
    error.detail = "; ".join(findings)  # SQLite's English findings, for "Sao chép chi tiết" only
    return error


def check_now(conn: sqlite3.Connection, path: Path) -> None:
    """Raise DatabaseError(kind="corrupt") unless ``PRAGMA quick_check`` says ok."""
    rows = [r[0] for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
    if rows != ["ok"]:
        raise damaged(path, rows)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino  # a restored file (os.replace) is a new inode: checked anew


def running(path: Path) -> BackgroundCheck | None:
    """The check of this very file still running in this process, if any."""
    key = _identity(path)
    with _RUNNING_LOCK:
        return _RUNNING.get(key) if key is not None else None


def _below_normal_priority() -> None:
    """Lower this thread's scheduling priority where the OS lets a thread do so (Linux, Windows)."""
    try:
        if sys.platform.startswith("linux"):  # a thread id is a pid there, and nowhere else
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        elif os.name == "nt":
            import ctypes

            kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel.SetThreadPriority(kernel.GetCurrentThread(), -1)  # THREAD_PRIORITY_BELOW_NORMAL
    except OSError:
        pass  # not allowed here: the check simply runs at normal priority


class BackgroundCheck:
    """quick_check (then ``then()``) in a thread; writes on ``conn`` wait for both."""

    def __init__(self, conn: sqlite3.Connection, path: Path, connect: Callable[[], sqlite3.Connection],
                 translate: Callable[[sqlite3.DatabaseError, Path], DatabaseError]):
        self.conn, self.path = conn, path
        self._connect, self._translate = connect, translate
        self.then: Callable[[], None] | None = None
        self.error: BaseException | None = None  # the check's finding, then ``then``'s failure
        self.check_error: BaseException | None = None  # the check's finding alone
        self.checked = threading.Event()  # quick_check has answered (``error`` says how)
        self.finished = threading.Event()  # and ``then`` has run
        self._key = _identity(path)
        conn.set_authorizer(self._authorize)
        self._thread = threading.Thread(target=self._run, name=f"quick_check {path.name}", daemon=True)

    def start(self, then: Callable[[], None] | None = None) -> BackgroundCheck:
        self.then = then
        if self._key is not None:
            with _RUNNING_LOCK:
                _RUNNING.setdefault(self._key, self)
        self._thread.start()
        return self

    def _run(self) -> None:
        _below_normal_priority()  # the window being built comes first on a busy machine
        try:
            conn = self._connect()
            try:
                check_now(conn, self.path)
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            self.error = self.check_error = self._translate(exc, self.path)
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits, never lost in the thread
            self.error = self.check_error = exc
        finally:
            self._forget()
            self.checked.set()
        try:
            if self.error is None and self.then is not None:
                self.then()
        except BaseException as exc:  # noqa: BLE001 - e.g. the backup folder is not writable
            self.error = exc
        finally:
            self.finished.set()

    def _forget(self) -> None:
        with _RUNNING_LOCK:
            if self._key is not None and _RUNNING.get(self._key) is self:
                del _RUNNING[self._key]

    def _authorize(self, action: int, *_args) -> int:
        if action not in _WRITES:
            return sqlite3.SQLITE_OK
        self.finished.wait()  # releases the GIL: the check's thread runs on
        return sqlite3.SQLITE_OK if self.error is None else sqlite3.SQLITE_DENY

    def wait_check(self) -> None:
        """Wait for the check alone (another connection opening the same file)."""
        self.checked.wait()
        if self.check_error is not None:
            raise self.check_error

    @property
    def done(self) -> bool:
        return self.finished.is_set()

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the check and ``then``; raise what they raised (the damage explanation)."""
        self.finished.wait(timeout)
        if self.error is not None:
            raise self.error

    def release(self) -> None:
        """After an "ok": drop the authorizer (call on the connection's own thread)."""
        if self.done and self.error is None:
            self.conn.set_authorizer(None)
