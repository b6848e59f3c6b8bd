"""The unit table model (STYLE.md §8): unit ids from ``services.units`` plus a
row cache, exposed to the view in batches through canFetchMore/fetchMore.

Columns derive from ``UNIT.table_fields()``; cells show ``Field.display`` (so
choice codes appear as their catalogue labels). Sorting asks the service for
a new id order; nothing is sorted here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop_app.context import Context
from desktop_app.entities import UNIT
from desktop_app.fields import INT, NUMBER, YEAR, Field
from desktop_app.services import units
from ui.lazy_model import BATCH, ID_ROLE, LazyIdModel

__all__ = ["BATCH", "COLUMNS", "ID_ROLE", "UnitTableModel"]

COLUMNS: list[Field] = UNIT.table_fields()
_NUMERIC = (INT, NUMBER, YEAR)


class UnitTableModel(LazyIdModel):
    headers = [f.label for f in COLUMNS]
    numeric = frozenset(i for i, f in enumerate(COLUMNS) if f.kind in _NUMERIC)

    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.text, self.field_filter, self.include_closed = "", None, False
        self.order, self.descending = "name", False
        self.reload()

    def set_search(self, text: str, field: str | None, include_closed: bool) -> None:
        self.text, self.field_filter, self.include_closed = text, field, include_closed
        self.reload()

    def list_ids(self) -> tuple[list[int], int]:
        ids = units.search_ids(self.ctx, self.text, self.order, self.descending,
                               self.include_closed, self.field_filter)
        return ids, len(ids)

    def read_rows(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        return units.rows(self.ctx, ids)

    def cell_text(self, row: dict[str, Any], column: int) -> str:
        field = COLUMNS[column]
        return field.display(row.get(field.name), self.ctx.catalogues)

    def row_colour(self, row: dict[str, Any]) -> Any:
        return Qt.GlobalColor.darkGray if row and units.is_closed(self.ctx, row) else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.order = COLUMNS[column].name
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
