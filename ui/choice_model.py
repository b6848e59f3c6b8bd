"""A list model of (value, label) pairs for combo boxes with thousands of
entries (a province's 2,500 units): ``QComboBox.setModel`` is instant where
2,500 ``addItem`` calls are not, and the rows are only read when shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

_DISPLAY, _USER = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.UserRole)
# An editable (searchable) combo box reads its entries' text in the edit role.
_TEXT_ROLES = frozenset({_DISPLAY, int(Qt.ItemDataRole.EditRole), int(Qt.ItemDataRole.ToolTipRole)})


class ChoiceModel(QAbstractListModel):
    def __init__(self, items: list[tuple[Any, str]], first: str = "", parent=None):
        super().__init__(parent)
        self.items: list[tuple[Any, str]] = [(None, first), *items]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: QModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        if role in _TEXT_ROLES:
            return self.items[index.row()][1]
        if role == _USER:
            return self.items[index.row()][0]
        return None
