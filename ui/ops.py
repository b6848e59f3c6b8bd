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
    """Runs ``work(ctx)`` with a Context of its own on the same data file."""

    def __init__(self, path: Path, today, work: Callable[[Context], Any]):
        super().__init__()
        self.path, self.today, self.work, self.signals = path, today, work, JobSignals()

    def run(self) -> None:
        try:
            ctx = open_context(self.path, today=self.today)
            try:
                result = self.work(ctx)
            finally:
                ctx.close()
        except BiencheError as exc:
            self.signals.failed.emit(str(exc))
            return
        self.signals.done.emit(result)
