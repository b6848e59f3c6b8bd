"""The staff table model (STYLE.md §8): person ids from ``services.people``
plus a row cache, handed to the view in batches through canFetchMore /
fetchMore. Smooth at 50,000 people: nothing here sorts or filters rows.

Columns derive from ``PERSON.table_fields()``; cells show ``Field.display``
(choice codes as labels, dates dd/mm/yyyy); the unit column shows the unit
name. The opening screen shows the first batch from one LIMIT query; the
whole ordered id list is read when more rows or a search need it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from desktop_app.context import Context
from desktop_app.entities import PERSON
from desktop_app.fields import INT, NUMBER, YEAR, Field
from desktop_app.services import people

COLUMNS: list[Field] = PERSON.table_fields()
BATCH = 200
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
# Plain ints: data() runs for every painted cell and role, enum comparisons cost.
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_ALIGN, _FOREGROUND = int(Qt.ItemDataRole.TextAlignmentRole), int(Qt.ItemDataRole.ForegroundRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_NUMERIC_COLUMNS = frozenset(i for i, f in enumerate(COLUMNS) if f.kind in (INT, NUMBER, YEAR))


class StaffTableModel(QAbstractTableModel):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.roster = people.Roster(ctx)
        self.filter = people.StaffFilter()
        self.ids: list[int] = []
        self.total = 0
        self.complete = False  # False while only the first batch of ids is known
        self.cache: dict[int, dict[str, Any]] = {}
        self.shown: dict[int, list[str]] = {}  # cell texts, computed once per loaded row
        self.loaded = 0
        self._changing = False
        self.reload()

    # ------------------------------------------------------------ loading
    def reload(self) -> None:
        """Run the search again and show the first batch."""
        self.beginResetModel()
        if self.filter.text or self.roster.ready(self.filter):
            self.ids = self.roster.ids(self.filter)
            self.total, self.complete = len(self.ids), True
        else:
            self.ids, self.total = self.roster.first(self.filter, BATCH)
            self.complete = len(self.ids) == self.total
        self.cache.clear()
        self.shown.clear()
        self.loaded = 0
        self._load_rows(min(BATCH, len(self.ids)))
        self._changing = True  # views may ask for more rows inside the reset notification
        try:
            self.endResetModel()
        finally:
            self._changing = False

    def set_filter(self, f: people.StaffFilter) -> None:
        self.filter = f
        self.reload()

    def complete_ids(self) -> None:
        """Read the whole ordered id list (after the first screen is painted)."""
        if not self.complete:
            self.ids = self.roster.ids(self.filter)
            self.total, self.complete = len(self.ids), True

    def _load_rows(self, count: int) -> None:
        wanted = self.ids[self.loaded:self.loaded + count]
        self.cache.update(people.rows(self.ctx, wanted))
        self.loaded += len(wanted)

    def _texts(self, row: dict[str, Any]) -> list[str]:
        return [row.get("unit_name") or "" if field.name == "unit_id"
                else field.display(row.get(field.name), self.ctx.catalogues) for field in COLUMNS]

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

    def refresh_row(self, person_id: int) -> None:
        """Re-read one person after an action without resetting the view."""
        row = people.get(self.ctx, person_id)
        if row is not None and person_id in self.cache:
            self.cache[person_id] = row
            self.shown[person_id] = self._texts(row)
            index = self.ids.index(person_id)
            self.dataChanged.emit(self.index(index, 0), self.index(index, len(COLUMNS) - 1))

    def row_of(self, person_id: int) -> int:
        """The visible row of a person, fetching batches until it is loaded; -1 if absent."""
        self.complete_ids()
        if person_id not in self.ids:
            return -1
        position = self.ids.index(person_id)
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

    def data(self, index: QModelIndex, role: int = _DISPLAY) -> Any:
        row = index.row()
        if not index.isValid() or row >= self.loaded:
            return None
        if role == _DISPLAY or role == _TOOLTIP:
            person_id = self.ids[row]
            texts = self.shown.get(person_id)
            if texts is None:  # formatted when first painted, not when fetched
                texts = self.shown[person_id] = self._texts(self.cache.get(person_id) or {})
            return texts[index.column()]
        if role == _ALIGN:
            return _RIGHT if index.column() in _NUMERIC_COLUMNS else None
        if role == _FOREGROUND:
            return Qt.GlobalColor.darkGray if self.cache[self.ids[row]].get("left_on") else None
        if role == ID_ROLE:
            return self.ids[row]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return COLUMNS[section].label
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None
