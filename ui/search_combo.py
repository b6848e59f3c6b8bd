"""A searchable picker for lists longer than a screen (issue #18 §4): an editable
combo box whose typed text filters the list as it is typed — without accents or
case («truong th phuc» finds «Trường Tiểu học Phúc Đồng»), each typed word
matching the start of any word of the entry or of its code. Up/Down move in the
shortened list, Enter takes the highlighted entry (the first one by default),
Escape or leaving the box puts back the entry chosen before. The value is the
entry's data, as for any combo box (``currentData``)."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QComboBox, QListView, QWidget

from desktop_app import vntext

ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 7  # the row of the combo's own model
MAX_SHOWN = 12  # matches shown at once
SEARCHABLE_FROM = 11  # entries (besides the empty one) from which a picker is searchable


_SEPARATORS = re.compile(r"[\s—–()\[\],;:/]+")


def words(text: str) -> list[str]:
    """The search words of a text: accents and case folded, split at spaces and punctuation
    (a code's dots stay: «V.07.03.29»)."""
    return [w for w in _SEPARATORS.split(vntext.fold(text)) if w]


class _FoldFilter(QSortFilterProxyModel):
    """The combo's entries whose words start with every typed word (accents folded)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.words: list[str] = []
        self._keys: dict[int, tuple[str, ...]] = {}

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self.words = words(text)
        self.endFilterChange()

    def setSourceModel(self, model) -> None:  # noqa: N802 - Qt override
        self._keys.clear()
        super().setSourceModel(model)

    def _key(self, row: int) -> tuple[str, ...]:
        key = self._keys.get(row)
        if key is None:
            index = self.sourceModel().index(row, 0)
            label, data = index.data(Qt.ItemDataRole.DisplayRole), index.data(Qt.ItemDataRole.UserRole)
            text = f"{label or ''} {data if isinstance(data, str) else ''}"
            key = self._keys[row] = tuple(words(text))
        return key

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802 - Qt override
        if self.sourceModel().index(row, 0, parent).data(Qt.ItemDataRole.UserRole) is None:
            return False  # the empty entry is chosen by clearing the text
        key = self._key(row)
        return all(any(word.startswith(typed) for word in key) for typed in self.words)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == ROW_ROLE:
            return self.mapToSource(index).row()
        return super().data(index, role)


class SearchCombo(QComboBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setCompleter(None)  # Qt's own completer would complete the first letters in place
        self.lineEdit().setPlaceholderText("gõ vài chữ để tìm…")
        self.filter = _FoldFilter(self)
        self.filter.setSourceModel(self.model())
        # The matches are a child of the window, not a popup window: popups are native
        # windows that some platforms leave active after they close.
        self.matches = QListView()
        self.matches.setModel(self.filter)
        self.matches.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches.setAccessibleName("Danh sách tìm được")
        self.matches.clicked.connect(self._chosen)
        self.matches.hide()
        self.lineEdit().textEdited.connect(self._typed)
        self.lineEdit().returnPressed.connect(self.commit)

    def setModel(self, model) -> None:  # noqa: N802 - Qt override
        super().setModel(model)
        self.filter.setSourceModel(model)

    def listing(self) -> bool:
        """True while the list of matches is shown."""
        return self.matches.isVisible()

    def _typed(self, text: str) -> None:
        self.filter.set_query(text)
        if not text.strip() or not self.filter.rowCount():
            self.matches.hide()
            return
        self._place()
        self.matches.setCurrentIndex(self.filter.index(0, 0))  # Enter takes the first

    def _place(self) -> None:
        """Show the matches under the box (above it when the window ends first)."""
        window = self.window()
        if self.matches.parentWidget() is not window:
            self.matches.setParent(window)
        rows = min(self.filter.rowCount(), MAX_SHOWN)
        height = rows * max(self.matches.sizeHintForRow(0), 1) + 2 * self.matches.frameWidth() + 2
        width = max(self.width(), 360)
        below = self.mapTo(window, QPoint(0, self.height()))
        fits = below.y() + height <= window.height()
        top = below.y() if fits else max(below.y() - self.height() - height, 0)
        self.matches.setGeometry(min(below.x(), max(window.width() - width, 0)), top, width, height)
        self.matches.show()
        self.matches.raise_()

    def _chosen(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self._choose(int(row))

    def commit(self) -> None:
        """Leaving the box: the typed text becomes an entry — the highlighted match (the
        first one unless the clerk moved), the empty entry for no text, else the entry
        chosen before — never a half-typed word."""
        highlighted = self.matches.currentIndex() if self.listing() else None
        self.matches.hide()
        text = self.lineEdit().text()
        if text == self.itemText(self.currentIndex()):
            return
        if not text.strip() and self.itemData(0) is None:
            self._choose(0)
            return
        if highlighted is not None and highlighted.isValid():
            self._choose(int(highlighted.data(ROW_ROLE)))
            return
        self.filter.set_query(text)
        first = self.filter.index(0, 0)
        self._choose(int(first.data(ROW_ROLE)) if first.isValid() else self.currentIndex())

    def _choose(self, row: int) -> None:
        self.matches.hide()
        changed = row != self.currentIndex()
        self.setCurrentIndex(row)
        self.lineEdit().setText(self.itemText(row))
        if changed or row == 0:
            self.activated.emit(row)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if self.listing() and key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: MAX_SHOWN,
                    Qt.Key.Key_PageUp: -MAX_SHOWN}[key]
            row = min(max(self.matches.currentIndex().row() + step, 0), self.filter.rowCount() - 1)
            self.matches.setCurrentIndex(self.filter.index(row, 0))
            return
        if key == Qt.Key.Key_Escape and (self.listing() or self.lineEdit().text() != self.currentText()):
            self.matches.hide()
            self.lineEdit().setText(self.itemText(self.currentIndex()))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.listing():
            self.commit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.commit()
        super().focusOutEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.matches.hide()
        super().hideEvent(event)
