"""The unit table model (STYLE.md §8): unit ids from ``services.units`` plus a
row cache, exposed to the view in batches through canFetchMore/fetchMore.

Columns derive from ``UNIT.table_fields()``; cells show ``Field.display`` (so
choice codes appear as their catalogue labels). Sorting asks the service for
a new id order; nothing is sorted here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from desktop_app.context import Context
from desktop_app.entities import UNIT
from desktop_app.fields import INT, NUMBER, YEAR, Field
from desktop_app.services import units

COLUMNS: list[Field] = UNIT.table_fields()
BATCH = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_NUMERIC = (INT, NUMBER, YEAR)


class UnitTableModel(QAbstractTableModel):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.ids: list[int] = []
        self.cache: dict[int, dict[str, Any]] = {}
        self.loaded = 0
        self.text, self.field_filter, self.include_closed = "", None, False
        self.order, self.descending = "name", False
        self._changing = False
        self.reload()

    # ------------------------------------------------------------ loading
    def reload(self) -> None:
        """Run the search again (filters, order) and show the first batch."""
        self.beginResetModel()
        self.ids = units.search_ids(self.ctx, self.text, self.order, self.descending,
                                    self.include_closed, self.field_filter)
        self.cache.clear()
        self.loaded = 0
        self._load_rows(min(BATCH, len(self.ids)))
        # Views (and Qt's model tester) may ask for more rows from inside a
        # reset or insert notification; inserting rows then would nest two changes.
        self._changing = True
        try:
            self.endResetModel()
        finally:
            self._changing = False

    def set_search(self, text: str, field: str | None, include_closed: bool) -> None:
        self.text, self.field_filter, self.include_closed = text, field, include_closed
        self.reload()

    def _load_rows(self, count: int) -> None:
        wanted = self.ids[self.loaded:self.loaded + count]
        self.cache.update(units.rows(self.ctx, wanted))
        self.loaded += len(wanted)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008, N802 - Qt override
        return not parent.isValid() and not self._changing and self.loaded < len(self.ids)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008, N802 - Qt override
        if parent.isValid() or self._changing:
            return
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

    def refresh_row(self, unit_id: int) -> None:
        """Re-read one unit after an edit without resetting the view."""
        row = units.get(self.ctx, unit_id)
        if row is not None and unit_id in self.cache:
            self.cache[unit_id] = row
            index = self.ids.index(unit_id)
            self.dataChanged.emit(self.index(index, 0), self.index(index, len(COLUMNS) - 1))

    def row_of(self, unit_id: int) -> int:
        """The visible row of a unit, fetching batches until it is loaded; -1 if absent."""
        if unit_id not in self.ids:
            return -1
        position = self.ids.index(unit_id)
        while position >= self.loaded and self.canFetchMore():
            self.fetchMore()
        return position if position < self.loaded else -1

    def id_at(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < self.loaded else None

    # ------------------------------------------------------------ Qt model
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else self.loaded

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.loaded:
            return None
        unit_id = self.ids[index.row()]
        field = COLUMNS[index.column()]
        if role == ID_ROLE:
            return unit_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row = self.cache.get(unit_id) or {}
            return field.display(row.get(field.name), self.ctx.catalogues)
        if role == Qt.ItemDataRole.TextAlignmentRole and field.kind in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row = self.cache.get(unit_id)
        if role == Qt.ItemDataRole.ForegroundRole and row and units.is_closed(self.ctx, row):
            return Qt.GlobalColor.darkGray
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return COLUMNS[section].label
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.order = COLUMNS[column].name
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
