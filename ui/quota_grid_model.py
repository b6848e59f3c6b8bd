"""The Biên chế grid of one year (a QAbstractTableModel): one row per unit
active in the year; for each quota kind (NSNN, nguồn thu sự nghiệp, HĐLĐ) the
number given (giao, editable) and có mặt at 31/12 beside it (computed); then
the decision. A có mặt above giao is painted red.

Editing a cell calls ``store(raw, quota_id)`` — the page saves it through the
undo stack, one audited transaction per edit — and reloads that row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.entities import QUOTA, UNIT
from desktop_app.errors import ValidationError
from desktop_app.services import quotas

OVER_BACKGROUND = QBrush(QColor("#f8d7da"))
OVER_FOREGROUND = QBrush(QColor("#8b0000"))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class GridColumn:
    header: str
    tooltip: str
    kind: str = ""  # quota kind for giao / có mặt columns
    field: str = ""  # QUOTA field edited in this column ("" = read-only)
    unit_field: str = ""


def _short(kind: str) -> str:
    """The shortest declared name of a quota kind (NSNN, Nguồn thu, HĐLĐ)."""
    field = QUOTA.field(kind)
    return min(field.synonyms, key=len)


def columns() -> list[GridColumn]:
    found = [GridColumn(UNIT.field("code").label, UNIT.field("code").label, unit_field="code"),
             GridColumn(UNIT.field("name").label, UNIT.field("name").label, unit_field="name")]
    for kind in quotas.KINDS:
        label = QUOTA.field(kind).label
        found.append(GridColumn(f"{_short(kind)} giao", f"{label}: số được giao", kind, kind))
        found.append(GridColumn(f"{_short(kind)} có mặt", f"{label}: số có mặt ngày 31/12", kind))
    for name in ("decision_no", "decision_date"):
        found.append(GridColumn(QUOTA.field(name).label, QUOTA.field(name).label, field=name))
    return found


COLUMNS = columns()


class QuotaGridModel(QAbstractTableModel):
    def __init__(self, ctx: Context, year: int,
                 store: Callable[[dict[str, Any], int | None], int], parent=None):
        super().__init__(parent)
        self.ctx, self.year, self.store = ctx, year, store
        self.rows: list[quotas.GridRow] = []
        self.error = ""  # the last refused edit, in Vietnamese
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = quotas.grid(self.ctx, self.year)
        self.endResetModel()

    def set_year(self, year: int) -> None:
        self.year = year
        self.reload()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def _text(self, row: quotas.GridRow, column: GridColumn) -> str:
        if column.unit_field:
            return str(row.unit.get(column.unit_field) or "")
        if column.field:
            value = row.quota.get(column.field) if row.quota else None
            return QUOTA.field(column.field).display(value)
        present = row.present(column.kind)
        return vntext.format_number(present) if present is not None else ""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind:
            return _RIGHT
        over = column.kind and row.over(column.kind)
        if role == Qt.ItemDataRole.BackgroundRole and over:
            return OVER_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and over:
            return OVER_FOREGROUND
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and COLUMNS[index.column()].field:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not COLUMNS[index.column()].field:
            return False
        row, column = self.rows[index.row()], COLUMNS[index.column()]
        if self._text(row, column) == (value or ""):
            return False
        quota_id = row.quota["id"] if row.quota else None
        raw = {column.field: value} if quota_id else {"unit_id": row.unit["id"], "year": self.year,
                                                     column.field: value}
        try:
            self.store(raw, quota_id)
        except ValidationError as exc:
            self.error = f"{row.unit['name']}: {exc}"
            return False
        self.error = ""
        self.refresh_unit(row.unit["id"])
        return True

    def refresh_unit(self, unit_id: int) -> None:
        """Re-read one unit's row (quota and có mặt) without resetting the view."""
        fresh = {r.unit["id"]: r for r in quotas.grid(self.ctx, self.year)}
        for number, row in enumerate(self.rows):
            if row.unit["id"] == unit_id and unit_id in fresh:
                self.rows[number] = fresh[unit_id]
                self.dataChanged.emit(self.index(number, 0), self.index(number, len(COLUMNS) - 1))

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section].header
            if role == Qt.ItemDataRole.ToolTipRole:
                return COLUMNS[section].tooltip
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None
