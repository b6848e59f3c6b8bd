"""Slow work off the GUI thread (STYLE.md §7): ``ContextJob`` runs ``work(ctx)`` in a
QThreadPool worker with a Context of its own on the same data file (SQLite
connections stay in their thread) and reports back through Qt signals, which
arrive on the GUI thread. Known errors come back as a Vietnamese message.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal
from shiboken6 import isValid

from desktop_app.changes import Changes
from desktop_app.context import Context, open_context
from desktop_app.errors import BiencheError


class JobSignals(QObject):
    done = Signal(object)
    failed = Signal(str)


_RUNNING: set[ContextJob] = set()  # a job outlives the page that started it until it ends


class ContextJob(QRunnable):
    """Runs ``work(ctx)`` with a Context of its own on the same data file, acting as
    ``who`` (the window's Context: the signed-in user, for the services' gate); ``changes``
    (by default ``who``'s) hears what the work writes."""

    def __init__(self, path: Path, today, work: Callable[[Context], Any], who: Context | None = None,
                 changes: Changes | None = None):
        super().__init__()
        self.path, self.work, self.signals = path, work, JobSignals()
        self.identity = {**(who.identity() if who is not None else {}), "today": today}
        self.changes = changes if changes is not None or who is None else who.changes
        _RUNNING.add(self)

    def run(self) -> None:
        try:
            self._report(*self._work())
        finally:
            _RUNNING.discard(self)

    def _work(self) -> tuple[str, Any]:
        extra = {"changes": self.changes} if self.changes is not None else {}
        try:
            ctx = open_context(self.path, **self.identity, **extra)
            try:
                return "done", self.work(ctx)
            finally:
                ctx.close()
        except BiencheError as exc:
            return "failed", str(exc)

    def _report(self, outcome: str, value: Any) -> None:
        """Tell the page, unless it (and with it the signals' receivers) is gone: a window
        closed while the work ran ends cleanly."""
        if isValid(self.signals):
            getattr(self.signals, outcome).emit(value)
