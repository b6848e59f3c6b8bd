"""Writing a file so that a reader never sees half of it (SPEC §7, STYLE practice 3).

``atomic_write(path)`` yields a temporary file in the target folder (same
volume, so the final rename is atomic); on success the data is flushed,
fsynced and ``os.replace``d over ``path``; on any error the temporary file
is removed and ``path`` is left as it was. A USB stick pulled out early
therefore holds either the old file or the new one, never a torn one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


def write_with(path: str | Path, writer) -> Path:
    """Atomically write ``path`` by calling ``writer(file_object)`` (openpyxl's
    ``Workbook.save``, a reportlab document builder…); returns the path."""
    with atomic_write(path) as handle:
        writer(handle)
    return Path(path)


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "wb", encoding: str | None = None,
                 newline: str | None = None) -> Iterator[IO]:
    """Yield an open temporary file; it replaces ``path`` when the block ends without error.

    ``mode`` is "wb" (default) or "w" (text, then ``encoding``/``newline`` apply).
    Writers that need a file name rather than a file object (openpyxl, reportlab,
    sqlite3) can use the yielded file's ``.name`` and ignore the object itself.
    """
    if mode not in ("wb", "w"):
        raise ValueError(f"atomic_write: mode must be 'wb' or 'w', not {mode!r}")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)  # reopened by name so that ``handle.name`` is the temporary path
    try:
        text: dict = {"encoding": encoding or "utf-8", "newline": newline} if mode == "w" else {}
        with open(tmp_name, mode, **text) as handle:  # type: ignore[call-overload]
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _fsync_by_name(tmp_name)  # content written through .name bypasses our handle's buffer
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(target.parent)


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
