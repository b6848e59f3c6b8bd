"""A table model over record ids with a row cache, loaded lazily in batches
(STYLE.md §8), for the small per-unit tables: phòng/khoa/tổ, vị trí việc làm,
tự chủ & kinh phí. Columns are ``Column``s: a declared ``Field`` shown with
``Field.display``, or a computed text (level %, nhóm) with its own header.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from desktop_app.context import Context
from desktop_app.fields import INT, NUMBER, YEAR, Entity, Field

BATCH = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    label: str
    text: Callable[[dict[str, Any]], str]
    numeric: bool = False
    width: int = 12  # characters


def field_column(ctx: Context, field: Field) -> Column:
    return Column(field.label, lambda row: field.display(row.get(field.name), ctx.catalogues),
                  field.kind in (INT, NUMBER, YEAR), max(min(field.width, 24), 6))


def field_columns(ctx: Context, entity: Entity, names: list[str]) -> list[Column]:
    return [field_column(ctx, entity.field(n)) for n in names]


class RecordTableModel(QAbstractTableModel):
    """``list_ids()`` gives the ids in display order, ``load(ids)`` their rows."""

    def __init__(self, columns: list[Column], list_ids: Callable[[], list[int]],
                 load: Callable[[list[int]], dict[int, dict[str, Any]]], parent=None):
        super().__init__(parent)
        self.columns, self.list_ids, self.load = columns, list_ids, load
        self.ids: list[int] = []
        self.cache: dict[int, dict[str, Any]] = {}
        self.loaded = 0
        self._changing = False
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.ids = self.list_ids()
        self.cache.clear()
        self.loaded = 0
        self._load_rows(min(BATCH, len(self.ids)))
        self._changing = True  # no fetchMore from inside the reset notification
        try:
            self.endResetModel()
        finally:
            self._changing = False

    def _load_rows(self, count: int) -> None:
        wanted = self.ids[self.loaded:self.loaded + count]
        self.cache.update(self.load(wanted))
        self.loaded += len(wanted)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008, N802 - Qt override
        return not parent.isValid() and not self._changing and self.loaded < len(self.ids)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008, N802 - Qt override
        count = min(BATCH, len(self.ids) - self.loaded)
        if parent.isValid() or self._changing or count <= 0:
            return
        self._changing = True
        try:
            self.beginInsertRows(QModelIndex(), self.loaded, self.loaded + count - 1)
            self._load_rows(count)
            self.endInsertRows()
        finally:
            self._changing = False

    def id_at(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < self.loaded else None

    def row_of(self, row_id: int) -> int:
        if row_id not in self.ids:
            return -1
        position = self.ids.index(row_id)
        while position >= self.loaded and self.canFetchMore():
            self.fetchMore()
        return position if position < self.loaded else -1

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else self.loaded

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.loaded:
            return None
        row_id = self.ids[index.row()]
        column = self.columns[index.column()]
        if role == ID_ROLE:
            return row_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(self.cache.get(row_id) or {})
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return _RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].label
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None
