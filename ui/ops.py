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

from desktop_app.context import Context, open_context
from desktop_app.errors import BiencheError


class JobSignals(QObject):
    done = Signal(object)
    failed = Signal(str)


class ContextJob(QRunnable):
    """Runs ``work(ctx)`` with a Context of its own on the same data file, acting as
    ``who`` (the window's Context: the signed-in user, for the services' gate)."""

    def __init__(self, path: Path, today, work: Callable[[Context], Any], who: Context | None = None):
        super().__init__()
        self.path, self.work, self.signals = path, work, JobSignals()
        self.identity = {**(who.identity() if who is not None else {}), "today": today}

    def run(self) -> None:
        try:
            ctx = open_context(self.path, **self.identity)
            try:
                result = self.work(ctx)
            finally:
                ctx.close()
        except BiencheError as exc:
            self.signals.failed.emit(str(exc))
            return
        self.signals.done.emit(result)
