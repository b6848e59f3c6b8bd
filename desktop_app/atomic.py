"""Writing a file so that a reader never sees half of it (SPEC §7, STYLE practice 3).

``atomic_write(path)`` yields a temporary file in the target folder (same
volume, so the final rename is atomic); on success the data is flushed,
fsynced and ``os.replace``d over ``path``; on any error the temporary file
is removed and ``path`` is left as it was. A USB stick pulled out early
therefore holds either the old file or the new one, never a torn one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO

from desktop_app import leftovers
from desktop_app.errors import BiencheError


def write_with(path: str | Path, writer) -> Path:
    """Atomically write ``path`` by calling ``writer(file_object)`` (openpyxl's
    ``Workbook.save``, a reportlab document builder…); returns the path."""
    with atomic_write(path) as handle:
        sink = _Sink(handle)
        try:
            writer(sink)
        except BaseException:
            with contextlib.suppress(Exception):
                sink.tell()
            sink.failed = True  # see _Sink
            raise
    return Path(path)


def write_together(jobs: Sequence[tuple[Path, Callable[[Path], object]]]) -> list[Path]:
    """Write files that belong together (a report's .xlsx and .pdf): each ``write(path)`` goes
    to a hidden staging name beside its target; only when every one is written are they
    renamed to their final names, so a failure (full disk, cancel) never leaves a new .xlsx
    beside an old .pdf of other data. Returns the final paths."""
    for target, _ in jobs:
        refuse_database(Path(target))
    staged: list[tuple[Path, Path]] = []
    try:
        for target, write in jobs:
            stage = Path(target).with_name(f".{Path(target).name}.{os.getpid()}.staged.tmp")
            staged.append((stage, Path(target)))
            try:
                write(stage)
            except WriteFailed as exc:  # name the file the user chose, not the staging one
                raise WriteFailed(str(exc).replace(str(stage), str(target))) from exc
        for stage, target in staged:
            _replace(stage, target)
    except BaseException:
        for stage, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(stage)
        raise
    return [target for _, target in staged]


class _Sink:
    """The temporary file as a writer sees it. A writer that fails half-way (a full disk)
    may leave a ZipFile over it that tries to finish itself when garbage-collected, after
    the file is gone; once ``failed``, writes and seeks are quietly ignored instead of
    printing a traceback about a closed file."""

    def __init__(self, handle: IO):
        self.handle, self.failed, self.pos = handle, False, 0

    def write(self, data) -> int:
        if self.failed:
            self.pos += len(data)
            return len(data)
        return self.handle.write(data)

    def seek(self, offset: int, whence: int = 0) -> int:
        if self.failed:
            self.pos = offset if whence == 0 else self.pos + offset
            return self.pos
        return self.handle.seek(offset, whence)

    def tell(self) -> int:
        if not self.failed:
            self.pos = self.handle.tell()
        return self.pos

    def flush(self) -> None:
        if not self.failed:
            self.handle.flush()

    def __getattr__(self, name: str):
        return getattr(self.handle, name)


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "wb", encoding: str | None = None,
                 newline: str | None = None, *, replaces_database: bool = False) -> Iterator[IO]:
    """Yield an open temporary file; it replaces ``path`` when the block ends without error.

    ``mode`` is "wb" (default) or "w" (text, then ``encoding``/``newline`` apply).
    Writers that need a file name rather than a file object (openpyxl, reportlab,
    sqlite3) can use the yielded file's ``.name`` and ignore the object itself.
    An existing SQLite file is never replaced (an export or an error copy given the data
    file's name by mistake) unless ``replaces_database`` (a restore) says so.
    """
    if mode not in ("wb", "w"):
        raise ValueError(f"atomic_write: mode must be 'wb' or 'w', not {mode!r}")
    target = Path(path)
    if not replaces_database:
        refuse_database(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise explain(exc, target) from exc
    fd = leftovers.hold(fd)  # kept open while we write (POSIX): a cleaner at start-up leaves it alone
    try:
        text: dict = {"encoding": encoding or "utf-8", "newline": newline} if mode == "w" else {}
        with open(tmp_name, mode, **text) as handle:  # type: ignore[call-overload]
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _fsync_by_name(tmp_name)  # content written through .name bypasses our handle's buffer
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        leftovers.release(fd)
        if isinstance(exc, OSError) and exc.errno in _REASONS:
            raise explain(exc, target) from exc
        raise
    leftovers.release(fd)
    _fsync_dir(target.parent)


def _replace(stage: Path, target: Path) -> None:
    try:
        os.replace(stage, target)
    except OSError as exc:
        raise explain(exc, target) from exc


SQLITE_HEADER = b"SQLite format 3\x00"  # the first bytes of every SQLite database file


def refuse_database(target: Path) -> None:
    """A file about to be replaced must not be a database: the data file itself (``--out``,
    ``--errors`` naming it by mistake) or a backup would be lost without a trace."""
    try:
        if not target.is_file():  # nothing there, a folder (the write says why it fails), a device
            return
        with open(target, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError:
        return
    if head == SQLITE_HEADER:
        raise WriteFailed(f"Không ghi vào «{target}»: đó là một tệp dữ liệu (SQLite), ghi đè sẽ mất "
                          "dữ liệu trong đó. Hãy chọn tên tệp khác.")


class WriteFailed(BiencheError, OSError):
    """A file could not be written (disk full, read-only folder…); the old file is untouched.
    Still an OSError for the callers that already caught those."""


_NOSPACE = "ổ đĩa đã đầy; hãy giải phóng dung lượng hoặc chọn ổ khác"
_NOT_A_FOLDER = "một phần của đường dẫn là tệp chứ không phải thư mục; hãy chọn thư mục khác"
_READONLY = "thư mục chỉ cho phép đọc hoặc bạn không có quyền ghi vào đó; hãy chọn thư mục khác"
_REASONS = {errno.ENOSPC: _NOSPACE, getattr(errno, "EDQUOT", errno.ENOSPC): _NOSPACE,
            errno.EFBIG: "tệp quá lớn cho ổ đĩa này",
            errno.EACCES: _READONLY, errno.EPERM: _READONLY, errno.EROFS: _READONLY,
            errno.EISDIR: "đó là một thư mục; hãy ghi tên tệp",
            errno.EEXIST: _NOT_A_FOLDER, errno.ENOTDIR: _NOT_A_FOLDER,
            errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài; hãy chọn tên ngắn hơn",
            errno.EINVAL: "tên tệp có ký tự không được phép (như < > : \" | ? *); hãy đặt tên khác"}


def explain(exc: OSError, target: Path) -> BiencheError | OSError:
    """A Vietnamese error for a known reason a write fails; other OS errors unchanged."""
    reason = _REASONS.get(exc.errno or 0)
    if reason is None:
        return exc
    return WriteFailed(f"Không ghi được tệp «{target}»: {reason}. Tệp cũ (nếu có) vẫn giữ nguyên.")


def _fsync_by_name(name: str) -> None:
    with open(name, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (e.g. FAT on a USB stick) refuse; the data itself is synced
    finally:
        os.close(fd)
