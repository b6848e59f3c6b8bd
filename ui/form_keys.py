"""The keyboard of a record form (issue #18 §4). Enter in a one-line editor moves
on like Tab; Tab and Shift+Tab walk the whole record in declared order across
its tabs (the next tab is shown when its first field is reached); a tab chosen
with Ctrl+Tab or a click puts the cursor in its first field, so the focus is
never left on a hidden page; Space never opens a closed short list (typing a
name into it once changed another field). Ctrl+Z/Ctrl+Y in an editor undo
typing while something is typed; once the record is saved (nothing pending)
they go to the window and undo or redo the saved edit.

Also ``WrappedLabel``: a word-wrapped label that is never cut off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QWidget

from ui.search_combo import SearchCombo

if TYPE_CHECKING:
    from ui.record_form import RecordForm

_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
_REDO_Y = QKeySequence("Ctrl+Y")
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_CTRL = Qt.KeyboardModifier.ControlModifier


class FormKeys(QObject):
    def __init__(self, form: RecordForm):
        super().__init__(form)
        self.form = form

    def watch_tabs(self) -> None:
        if self.form.tabs is not None:
            self.form.tabs.currentChanged.connect(self._tab_shown)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and self._is_undo(event) and not self.form.is_dirty():
            event.ignore()  # not taken by the editor: the window's shortcut fires
            return True
        if kind != QEvent.Type.KeyPress:
            return False
        key, modifiers = event.key(), event.modifiers()
        if isinstance(obj, SearchCombo) and key in (*_ENTER, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            listed = obj.listing()
            obj.commit()  # the highlighted entry is taken before anything moves
            if listed and key in _ENTER:
                return True  # Enter took the entry; the next Enter moves on
        if key in _ENTER and not modifiers & _CTRL and not isinstance(obj, QPlainTextEdit):
            if not self.step(obj, forward=True):
                self.form.submitted.emit()  # Enter on the last field: a dialog saves
                obj.focusNextChild()
            return True
        if key == Qt.Key.Key_Tab and not modifiers & (_CTRL | Qt.KeyboardModifier.ShiftModifier):
            return self.step(obj, forward=True)
        if key == Qt.Key.Key_Backtab:
            return self.step(obj, forward=False)
        if key == Qt.Key.Key_Space and isinstance(obj, QComboBox) and not obj.isEditable():
            return True  # F4 or Alt+Down opens the list
        return False

    def step(self, obj: QWidget, forward: bool) -> bool:
        """Focus the next (previous) field of the record, showing its tab; False at the end."""
        order = [name for name in self.form.editors if self._reachable(name)]
        here = next((n for n in order if self.form.editors[n] is obj), None)
        if here is None:
            return False
        position = order.index(here) + (1 if forward else -1)
        if not 0 <= position < len(order):
            return False
        self.form.show_field(order[position])
        return True

    def _reachable(self, name: str) -> bool:
        editor = self.form.editors[name]
        return editor.isEnabled() and not self.form.rows[name][0].isHidden()

    def _tab_shown(self, index: int) -> None:
        """Focus left on the page just hidden (Ctrl+Tab) moves to the shown page's first field."""
        focused = self.form.focusWidget()
        tabs = self.form.tabs
        if tabs is None or focused is None or not tabs.isAncestorOf(focused) or focused.isVisible():
            return
        first = next((n for n, i in self.form.tab_of.items() if i == index and self._reachable(n)), None)
        if first is not None:
            self.form.editors[first].setFocus()
        else:
            tabs.tabBar().setFocus()

    @staticmethod
    def _is_undo(event) -> bool:
        combined = QKeySequence(event.keyCombination())
        return any(event.matches(key) for key in _UNDO_KEYS) or combined == _REDO_Y


class WrappedLabel(QLabel):
    """A word-wrapped label that is never cut off: it asks for the height its text
    needs at the width it got (Qt's form and tab layouts do not always ask it)."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self._fit()

    def _fit(self) -> None:
        needed = self.heightForWidth(self.width()) if self.text() else 0
        if needed != self.minimumHeight():
            self.setMinimumHeight(max(needed, 0))
