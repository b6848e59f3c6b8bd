"""The services' change notification (desktop_app.changes) as a Qt signal: the
kinds of record changed by committed writes — of this window's Context or of a
worker sharing its ``Changes`` — arrive on the GUI thread, gathered over one turn
of the event loop, as ``changed(frozenset[str])``."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from shiboken6 import isValid

from desktop_app.changes import Changes


class ChangeRelay(QObject):
    changed = Signal(object)
    _heard = Signal(object)  # from any thread; queued to the relay's thread

    def __init__(self, changes: Changes, parent: QObject | None = None):
        super().__init__(parent)
        self._pending: set[str] = set()
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._tell)
        self._heard.connect(self._gather, Qt.ConnectionType.QueuedConnection)
        changes_ref = changes

        def listener(kinds: frozenset[str]) -> None:
            if isValid(self):
                self._heard.emit(kinds)
            else:  # the window is gone: stop listening
                changes_ref.forget(listener)

        changes.listen(listener)
        self.destroyed.connect(lambda *_a: changes_ref.forget(listener))

    def _gather(self, kinds: frozenset[str]) -> None:
        self._pending |= kinds
        self._timer.start()

    def _tell(self) -> None:
        kinds, self._pending = frozenset(self._pending), set()
        if kinds:
            self.changed.emit(kinds)
