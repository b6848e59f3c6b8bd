"""Temporary files a killed run left behind, cleaned on the next start.

``atomic_write`` writes ``.<name>.<random>.tmp`` beside its target and renames it at the end;
a backup's copy is opened by SQLite there, which adds ``….tmp-journal``. A power cut or a
kill leaves them in the data folder and in ``backups/``. While a write is under way its
temporary file is held with an OS lock (``hold``); the cleaner deletes only files nobody
holds, so a backup another program is writing at that moment is left alone. A journal goes
with its temporary file. (Windows refuses to delete an open file, which protects it there.)
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def hold(fd: int) -> int:
    """Keep the temporary file ``fd`` open and locked while it is written; returns the fd to
    ``release`` later, or -1 where it was closed at once (Windows cannot rename an open file)."""
    if os.name != "posix":
        os.close(fd)
        return -1
    import fcntl

    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def release(fd: int) -> None:
    if fd >= 0:
        with contextlib.suppress(OSError):
            os.close(fd)


def clean(stem: str, *folders: Path) -> list[Path]:
    """Delete the leftovers of files named ``stem…`` (the data file, its backups) in
    ``folders`` that no running write holds; return them. Other programs' files are never
    touched: only our own ``.<stem>….tmp`` names match."""
    patterns = [f".{glob_escape(stem)}{tail}" for tail in ("*.tmp", "*.tmp-journal")]
    removed = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted({p for pattern in patterns for p in folder.glob(pattern)}):
            if _abandoned(path) and _remove(path):
                removed.append(path)
    return removed


def glob_escape(text: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in text)


def _abandoned(path: Path) -> bool:
    if path.name.endswith("-journal"):  # its temporary file is gone or abandoned too
        base = path.with_name(path.name[: -len("-journal")])
        return not base.exists() or _abandoned(base)
    if os.name != "posix":
        return True
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _remove(path: Path) -> bool:
    try:
        path.unlink()
        return True
    except OSError:
        return False
