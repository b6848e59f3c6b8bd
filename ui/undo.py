"""The window-wide undo stack as Qt actions: «Hoàn tác: sửa đơn vị …» (Ctrl+Z)
and «Làm lại: …» (Ctrl+Y, also Ctrl+Shift+Z) over ``services.history.History``.

After a step is undone or redone ``applied(entity, id)`` tells the pages to
re-read what they show. A step the services refuse (a period lock, a row that
others now refer to) is reported in Vietnamese and stays on the stack.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop_app.context import Context
from desktop_app.errors import ValidationError
from desktop_app.services.history import History
from ui import vi


class UndoActions(QObject):
    applied = Signal(str, int)  # entity, current row id
    changed = Signal()  # the stack moved (texts and enabled states follow)

    def __init__(self, ctx: Context, window: QWidget, history: History | None = None):
        super().__init__(window)
        self.history = history or History(ctx)
        self.window = window
        self.undo_action = QAction("Hoàn tác", window)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction("Làm lại", window)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.redo_action.triggered.connect(self.redo)
        window.addAction(self.undo_action)
        window.addAction(self.redo_action)
        self.refresh()

    def refresh(self) -> None:
        """Action texts and states from the stack; call after every recorded save."""
        self.undo_action.setText(self.history.undo_text())
        self.undo_action.setEnabled(self.history.can_undo())
        self.redo_action.setText(self.history.redo_text())
        self.redo_action.setEnabled(self.history.can_redo())
        self.changed.emit()

    def undo(self) -> None:
        self._step(self.history.undo)

    def redo(self) -> None:
        self._step(self.history.redo)

    def _step(self, move) -> None:
        try:
            edit = move()
        except ValidationError as exc:
            self.report(str(exc))
            return
        self.refresh()
        if edit is not None:
            self.applied.emit(edit.entity, self.history.current_id(edit))

    def report(self, text: str) -> None:
        """Tell the clerk why a step was refused; tests replace this method."""
        vi.error(self.window, "Không hoàn tác được", text)
