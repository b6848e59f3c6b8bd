"""One writer per data file: an OS-level lock on the side file ``<db>.lock``.

The operating system releases the lock when the holder's process ends, even
after a crash or power cut, so a stale lock never blocks anyone. The side
file holds a one-line JSON description of the holder (program, OS user,
host, pid, since when) so that the refused process can say who to ask.

Linux/macOS use ``fcntl.flock`` on the whole file. Windows uses
``msvcrt.locking``, which is mandatory: locked bytes cannot be read by
others. We therefore lock one byte far past the description, which stays
readable.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from pathlib import Path
from typing import IO

from desktop_app.errors import DatabaseError

_WIN_LOCK_OFFSET = 1 << 30  # Windows lets a process lock bytes beyond the end of a file

PROGRAMS = {"GUI": "giao diện Biên chế", "CLI": "lệnh bienche"}

# Lock files this process holds: its own workers (the GUI's import thread) are not "elsewhere".
_HELD_HERE: set[Path] = set()


def lock_path(db_path: str | Path) -> Path:
    path = Path(db_path)
    return path.with_name(path.name + ".lock")


class WriterLock:
    """Held while a process may write ``db_path``; ``release()`` or process exit frees it."""

    def __init__(self, db_path: str | Path, program: str = "CLI"):
        self.db_path = Path(db_path)
        self.path = lock_path(db_path)
        self.program = program
        self._file: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self) -> WriterLock:
        """Take the lock or raise DatabaseError(kind="locked") naming the holder."""
        if self._file is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # "a+b": never truncate before we own the lock, the text is the holder's description
        try:
            handle = open(self.path, "a+b")  # noqa: SIM115 - kept open for the lock's lifetime
        except OSError as exc:
            raise DatabaseError(f"Không lưu được gì vào tệp «{self.db_path.name}»: thư mục chứa nó chỉ "
                                f"cho phép đọc (không tạo được tệp khóa «{self.path.name}»: "
                                f"{exc.strerror}). Các lệnh chỉ đọc (info, check, export, template) "
                                "vẫn mở được tệp; muốn sửa, hãy chép tệp sang thư mục khác.",
                                kind="readonly") from exc
        try:
            _lock(handle)
        except OSError:
            handle.seek(0)
            text = handle.read(4096)
            handle.close()
            raise DatabaseError(locked_message(self.db_path, _holder(text)), kind="locked") from None
        self._file = handle
        _HELD_HERE.add(self.path.resolve())
        self._write_description()
        return self

    def release(self) -> None:
        handle, self._file = self._file, None
        if handle is None:
            return
        _HELD_HERE.discard(self.path.resolve())
        try:
            handle.truncate(0)  # leave no description of a holder that has gone
            handle.flush()
            _unlock(handle)
        finally:
            handle.close()

    def __enter__(self) -> WriterLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()

    def _write_description(self) -> None:
        holder = {"program": self.program, "user": _os_user(), "host": _host(),
                  "pid": os.getpid(), "since": dt.datetime.now().isoformat(" ", "seconds")}
        handle = self._file
        assert handle is not None, "the lock file is open while the lock is held"
        handle.seek(0)
        handle.truncate(0)
        handle.write(json.dumps(holder, ensure_ascii=False).encode("utf-8"))
        handle.flush()  # other programs read it from here on; the lock itself is the OS's
        # No fsync: after a power cut no one holds the lock and the text is stale anyway,
        # while an fsync here cost up to 0.2 s of every start-up on a busy disk.


def held_elsewhere(db_path: str | Path) -> bool:
    """Does another process hold the writer lock right now (the GUI with the file open)?

    A shared-lock probe on the side file: it fails while a holder has its exclusive lock.
    Windows has no POSIX record locks to lose (see db/connection.py), so there it says False."""
    if os.name == "nt" or lock_path(db_path).resolve() in _HELD_HERE:
        return False
    try:
        handle = open(lock_path(db_path), "rb")  # noqa: SIM115 - closed below
    except OSError:
        return False
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        return False
    finally:
        handle.close()


def read_holder(db_path: str | Path) -> dict | None:
    """The description the current holder left, or None if there is none."""
    try:
        return _holder(lock_path(db_path).read_bytes()[:4096])
    except OSError:
        return None


def locked_message(db_path: Path, holder: dict | None) -> str:
    name = Path(db_path).name
    if not holder:
        who = "một chương trình khác"
    else:
        program = PROGRAMS.get(holder.get("program", ""), holder.get("program") or "chương trình khác")
        who = (f"{program} của người dùng «{holder.get('user') or '?'}» trên máy "
               f"«{holder.get('host') or '?'}» (tiến trình {holder.get('pid', '?')}"
               f"{_since(holder.get('since'))})")
    return (f"Tệp dữ liệu «{name}» đang được mở để ghi bởi {who}. Mỗi lúc chỉ một chương trình "
            "được ghi vào tệp: hãy đóng chương trình đó rồi thử lại.")


def _since(value: str | None) -> str:
    try:
        when = dt.datetime.fromisoformat(value or "")
    except ValueError:
        return ""
    return f", từ {when:%H:%M} ngày {when:%d/%m/%Y}"


def _holder(raw: bytes) -> dict | None:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _host() -> str:
    """This computer's name for the lock's description (without importing socket at start-up)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    return os.environ.get("COMPUTERNAME", "")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - an unknown user name still lets us lock
        return ""


if os.name == "nt":
    import msvcrt

    def _lock(handle) -> None:
        handle.seek(_WIN_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]

    def _unlock(handle) -> None:
        handle.seek(_WIN_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]

else:
    import fcntl

    def _lock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
