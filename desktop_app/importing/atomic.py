"""Saving a workbook atomically: temp file in the target folder, fsync, rename
(USB sticks are pulled out early; a half-written file must never be left)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def save_workbook(book, target: str | Path) -> Path:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            book.save(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
