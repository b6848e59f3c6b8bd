"""A table model over record ids with a row cache, loaded lazily in batches
(STYLE.md §8), for the small per-unit tables: phòng/khoa/tổ, vị trí việc làm,
tự chủ & kinh phí. Columns are ``Column``s: a declared ``Field`` shown with
``Field.display``, or a computed text (level %, nhóm) with its own header.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop_app.context import Context
from desktop_app.fields import INT, NUMBER, YEAR, Entity, Field
from ui.lazy_model import BATCH, ID_ROLE, LazyIdModel

__all__ = ["BATCH", "ID_ROLE", "Column", "RecordTableModel", "field_column", "field_columns"]


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


class RecordTableModel(LazyIdModel):
    """``list_ids()`` gives the ids in display order, ``load(ids)`` their rows."""

    def __init__(self, columns: list[Column], list_ids: Callable[[], list[int]],
                 load: Callable[[list[int]], dict[int, dict[str, Any]]], parent=None):
        super().__init__(parent)
        self.columns, self._list, self._load = columns, list_ids, load
        self.headers = [c.label for c in columns]
        self.numeric = frozenset(i for i, c in enumerate(columns) if c.numeric)
        self.reload()

    def list_ids(self) -> tuple[list[int], int]:
        ids = self._list()
        return ids, len(ids)

    def read_rows(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        return self._load(ids)

    def cell_text(self, row: dict[str, Any], column: int) -> str:
        return self.columns[column].text(row)
