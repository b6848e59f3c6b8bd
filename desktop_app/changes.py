"""What kind of record changed (issue #18 §6): a tiny Qt-free observer so every
screen (and any script) learns, after a write is committed, which kinds of record
it touched — "person", "unit", "quota", … (entity names), "*" for everything.

Services mark kinds inside their transaction (``Context.note_change``; every
audited write is marked by ``services.audit.record``, bulk writes mark
themselves); the marks are emitted once the outermost transaction commits and
dropped if it rolls back. The GUI bridges ``Changes`` to a Qt signal (ui.changes).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

Listener = Callable[[frozenset[str]], None]
EVERYTHING = "*"


class Changes:
    """Listeners called with the kinds of record a committed write changed. A worker's
    Context may share its window's ``Changes``: listeners then run in the worker thread."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def listen(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def forget(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def emit(self, kinds: frozenset[str]) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(kinds)
