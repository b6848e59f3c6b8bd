"""Checked rows kept on disk between the check and the write (memory, issue #16).

A file is written only once every row is checked, so the checked rows of a
200,000-row sheet used to wait in memory, a dict each. They go instead, a chunk
at a time, to an anonymous temporary file (removed by the system when closed,
even after a kill) and come back a chunk at a time inside the write's one
transaction: the import's memory no longer grows with the number of rows.
Only this process writes and reads the file, so pickle is safe here.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from pathlib import Path

from desktop_app.atomic import WriteFailed, explain
from desktop_app.importing.validate import Checked


class Spool:
    """``add`` chunks of checked rows; iterate to get them back in order, chunk by chunk.
    With ``keep=False`` (a dry run) rows are only counted."""

    def __init__(self, keep: bool = True):
        self.count = 0
        self.missing_start = False  # a person without recruitment date (their history starts at as-of)
        self._chunks = 0
        self._file = tempfile.TemporaryFile(prefix="bienche-import-") if keep else None

    def __len__(self) -> int:
        return self.count

    def add(self, chunk: list[Checked]) -> None:
        self.count += len(chunk)
        self.missing_start = self.missing_start or any(not c.values.get("recruited_on") for c in chunk)
        if self._file is None or not chunk:
            return
        try:
            pickle.dump([(c.row, c.sheet, c.values) for c in chunk], self._file, pickle.HIGHEST_PROTOCOL)
        except OSError as exc:  # a full temporary folder: a message, nothing written to the data
            found = explain(exc, Path(tempfile.gettempdir()))
            raise (found if isinstance(found, WriteFailed) else WriteFailed(
                f"Không ghi được tệp tạm khi nhập ({exc.strerror or exc}).")) from None
        self._chunks += 1

    def __iter__(self) -> Iterator[list[Checked]]:
        if self._file is None:
            return
        self._file.seek(0)
        for _ in range(self._chunks):
            yield [Checked(row, sheet, values) for row, sheet, values in pickle.load(self._file)]

    def close(self) -> None:
        if self._file is not None:
            self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
