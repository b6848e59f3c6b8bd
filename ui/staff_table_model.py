"""The staff table model (STYLE.md §8): person ids from ``services.people``
plus a row cache, handed to the view in batches through canFetchMore /
fetchMore. Smooth at 50,000 people: nothing here sorts or filters rows.

Columns derive from ``PERSON.table_fields()``; cells show ``Field.display``
(choice codes as labels, dates dd/mm/yyyy); the unit column shows the unit
name. The opening screen shows the first batch from one LIMIT query; the
whole ordered id list is read in the background after that (``prefetch``)
and taken when more rows or a search need it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.context import Context
from desktop_app.entities import PERSON
from desktop_app.fields import INT, NUMBER, YEAR, Field
from desktop_app.services import people, people_sort
from ui.lazy_model import BATCH, ID_ROLE, LazyIdModel

COLUMNS: list[Field] = PERSON.table_fields()
__all__ = ["BATCH", "COLUMNS", "ID_ROLE", "StaffTableModel"]


class StaffTableModel(LazyIdModel):
    headers = [f.label for f in COLUMNS]
    numeric = frozenset(i for i, f in enumerate(COLUMNS) if f.kind in (INT, NUMBER, YEAR))

    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.roster = people.Roster(ctx)
        self.filter = people.StaffFilter()
        self.complete = False  # False while only the first batch of ids is known
        self.shown: dict[int, list[str]] = {}  # cell texts, computed once per painted row
        self.reload()

    def set_filter(self, f: people.StaffFilter) -> None:
        self.filter = f
        self.reload()

    def reload(self) -> None:
        self.shown.clear()
        super().reload()

    def list_ids(self) -> tuple[list[int], int]:
        """The first screen from one LIMIT query; the whole ordered list when needed."""
        if self.filter.text or self.roster.ready(self.filter) or self._sorted():
            ids = self.roster.ids(self.filter)
            self.complete = True
            return ids, len(ids)
        ids, total = self.roster.first(self.filter, BATCH)
        self.complete = len(ids) == total
        return ids, total

    def _sorted(self) -> bool:
        return not people_sort.is_default(self.filter.order, self.filter.descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: the service puts the ids in that column's Vietnamese order."""
        if 0 <= column < len(COLUMNS):
            self.set_filter(replace(self.filter, order=COLUMNS[column].name,
                                    descending=order == Qt.SortOrder.DescendingOrder))

    def prefetch(self) -> None:
        """Start reading the whole ordered id list in the background (after the first screen);
        ``complete_ids`` then takes it without holding up the GUI again."""
        if not self.complete:
            self.roster.prefetch(self.filter)

    def complete_ids(self) -> None:
        """Read the whole ordered id list (after the first screen is painted)."""
        if not self.complete:
            self.ids = self.roster.ids(self.filter)
            self.total, self.complete = len(self.ids), True

    def read_rows(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        return people.rows(self.ctx, ids)

    def refresh_row(self, row_id: int) -> None:
        self.shown.pop(row_id, None)
        super().refresh_row(row_id)

    def cell_text(self, row: dict[str, Any], column: int) -> str:
        person_id = row.get("id")
        texts = self.shown.get(person_id) if person_id is not None else None
        if texts is None:  # formatted when first painted, not when fetched
            texts = self._texts(row)
            if person_id is not None:
                self.shown[person_id] = texts
        return texts[column]

    def _texts(self, row: dict[str, Any]) -> list[str]:
        return [row.get("unit_name") or "" if field.name == "unit_id"
                else field.display(row.get(field.name), self.ctx.catalogues) for field in COLUMNS]

    def row_colour(self, row: dict[str, Any]) -> Any:
        return Qt.GlobalColor.darkGray if row.get("left_on") else None
