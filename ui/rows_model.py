"""A small read-only table model over rows a service already returned (a
person's history, evaluations, backups, locks, users, thresholds): a few
dozen or hundred rows, held in memory. Database-wide tables have their own
lazy models.

Columns are either plain headers (each row is then a sequence of values in
column order) or ``(header, function of the row → shown text)`` pairs (each
row is then whatever the functions read, usually a dict). Full text is also
the tooltip, for cells cut off by their column width.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Column = str | tuple[str, Callable[[Any], Any]]
_Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], right: Sequence[int] = (), parent=None):
        super().__init__(parent)
        self.headers = [c if isinstance(c, str) else c[0] for c in columns]
        self._cells = [_by_position(i) if isinstance(c, str) else c[1] for i, c in enumerate(columns)]
        self.right = set(right)  # columns of numbers, aligned right
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def text(self, row: int, column: int) -> str:
        value = self._cells[column](self.rows[row])
        return "" if value is None else str(value)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return str(section + 1)


def _by_position(i: int) -> Callable[[Sequence[Any]], Any]:
    return lambda row: row[i]
