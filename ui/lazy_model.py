"""The one lazy table model mechanism (STYLE.md §8): a list of record ids plus a
row cache, handed to the view in batches through canFetchMore / fetchMore.

Subclasses say how to list the ids (``list_ids``), read rows (``read_rows``),
and show a cell (``cell_text``); everything about loading lives here. Nothing
sorts or filters rows in Python: the services return ids already in order.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

BATCH = 200
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# Plain ints: data() runs for every painted cell and role, enum comparisons cost.
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_ALIGN, _FOREGROUND = int(Qt.ItemDataRole.TextAlignmentRole), int(Qt.ItemDataRole.ForegroundRole)
_ROLES = frozenset({_DISPLAY, _TOOLTIP, _ALIGN, _FOREGROUND, ID_ROLE})
_HORIZONTAL, _VERTICAL = Qt.Orientation.Horizontal, Qt.Orientation.Vertical


class LazyIdModel(QAbstractTableModel):
    headers: list[str] = []
    numeric: frozenset[int] = frozenset()  # columns aligned right

    def __init__(self, parent=None):
        super().__init__(parent)
        self.ids: list[int] = []
        self.total = 0  # rows there are; may exceed len(ids) until complete_ids()
        self.cache: dict[int, dict[str, Any]] = {}
        self.loaded = 0
        self._changing = False

    # ------------------------------------------------------------ to override
    def list_ids(self) -> tuple[list[int], int]:
        """The ids in display order and how many rows there are in all."""
        raise TypeError(f"{type(self).__name__} must say how its ids are listed")

    def read_rows(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        raise TypeError(f"{type(self).__name__} must say how its rows are read")

    def cell_text(self, row: dict[str, Any], column: int) -> str:
        raise TypeError(f"{type(self).__name__} must say how its cells are shown")

    def complete_ids(self) -> None:
        """Read the rest of the ids when ``list_ids`` gave only a first screen."""

    def row_colour(self, row: dict[str, Any]) -> Any:
        return None

    # ------------------------------------------------------------ loading
    def reload(self) -> None:
        """List the ids again (filters, order) and show the first batch."""
        self.beginResetModel()
        self.ids, self.total = self.list_ids()
        self.cache.clear()
        self.loaded = 0
        self._load_rows(min(BATCH, len(self.ids)))
        # Views (and Qt's model tester) may ask for more rows from inside a reset
        # or insert notification; inserting rows then would nest two changes.
        self._changing = True
        try:
            self.endResetModel()
        finally:
            self._changing = False

    def _load_rows(self, count: int) -> None:
        wanted = self.ids[self.loaded:self.loaded + count]
        self.cache.update(self.read_rows(wanted))
        self.loaded += len(wanted)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008, N802 - Qt override
        return not parent.isValid() and not self._changing and self.loaded < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008, N802 - Qt override
        if parent.isValid() or self._changing:
            return
        self.complete_ids()
        count = min(BATCH, len(self.ids) - self.loaded)
        if count <= 0:
            return
        self._changing = True  # no nested fetch from inside the insert notifications
        try:
            self.beginInsertRows(QModelIndex(), self.loaded, self.loaded + count - 1)
            self._load_rows(count)
            self.endInsertRows()
        finally:
            self._changing = False

    def refresh_row(self, row_id: int) -> None:
        """Re-read one record after an edit without resetting the view."""
        if row_id not in self.cache:
            return
        fresh = self.read_rows([row_id]).get(row_id)
        if fresh is not None:
            self.cache[row_id] = fresh
            index = self.ids.index(row_id)
            self.dataChanged.emit(self.index(index, 0), self.index(index, self.columnCount() - 1))

    def row_of(self, row_id: int) -> int:
        """The visible row of a record, fetching batches until it is loaded; -1 if absent."""
        self.complete_ids()
        if row_id not in self.ids:
            return -1
        position = self.ids.index(row_id)
        while position >= self.loaded and self.canFetchMore():
            self.fetchMore()
        return position if position < self.loaded else -1

    def id_at(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < self.loaded else None

    # ------------------------------------------------------------ Qt model
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else self.loaded

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: QModelIndex, role: int = _DISPLAY) -> Any:
        # The view asks ~8 roles per painted cell; most are none of ours: answer those first,
        # before any QModelIndex call (a keystroke repaints ~300 cells).
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        if row >= self.loaded:
            return None
        if role == _DISPLAY or role == _TOOLTIP:
            return self.cell_text(self.cache.get(self.ids[row]) or {}, index.column())
        if role == _ALIGN:
            return RIGHT if index.column() in self.numeric else None
        if role == _FOREGROUND:
            return self.row_colour(self.cache.get(self.ids[row]) or {})
        return self.ids[row]  # ID_ROLE

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = _DISPLAY) -> Any:
        if role == _DISPLAY or role == _TOOLTIP:
            if orientation == _HORIZONTAL:
                if 0 <= section < len(self.headers):
                    return self.headers[section]
            elif role == _DISPLAY and orientation == _VERTICAL:
                return str(section + 1)
        return None
