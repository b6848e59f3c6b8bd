"""Choose the unit a page works on: a search box (accent-insensitive, as you
type, by name or code through ``services.units``) above a list of units.
``unit_changed(id)`` when the clerk moves to another unit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QVBoxLayout, QWidget

from desktop_app.context import Context
from desktop_app.services import units

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class UnitListModel(QAbstractListModel):
    """Unit ids in Vietnamese name order with «code — name» texts."""

    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.ids: list[int] = []
        self.names: dict[int, str] = {}
        self.text = ""
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.ids = units.search_ids(self.ctx, self.text)
        self.names = {i: f"{r['name']} ({r['code']})" for i, r in units.rows(self.ctx, self.ids).items()}
        self.endResetModel()

    def set_search(self, text: str) -> None:
        self.text = text
        self.reload()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.ids)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        unit_id = self.ids[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.names.get(unit_id, "")
        if role == ID_ROLE:
            return unit_id
        return None


class UnitPicker(QWidget):
    unit_changed = Signal(int)

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = UnitListModel(ctx, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm đơn vị (có dấu hoặc không dấu)…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._refilter)
        self.search.returnPressed.connect(self._pick_first)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.selectionModel().currentRowChanged.connect(self._current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        self.unit_id: int | None = None

    def _refilter(self, text: str) -> None:
        keep = self.unit_id
        self.view.selectionModel().blockSignals(True)
        self.model.set_search(text)
        self.view.selectionModel().blockSignals(False)
        if keep in self.model.ids:
            self.view.setCurrentIndex(self.model.index(self.model.ids.index(keep)))

    def _pick_first(self) -> None:
        """Enter in the search box takes the first unit found and moves on."""
        if self.model.ids:
            self.view.setCurrentIndex(self.model.index(0))
            self.view.setFocus()

    def _current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        unit_id = current.data(ID_ROLE)
        if unit_id is not None and unit_id != self.unit_id:
            self.unit_id = unit_id
            self.unit_changed.emit(unit_id)

    def select(self, unit_id: int) -> None:
        if unit_id not in self.model.ids:
            self.search.clear()
        if unit_id in self.model.ids:
            self.view.setCurrentIndex(self.model.index(self.model.ids.index(unit_id)))

    def reload(self) -> None:
        self._refilter(self.search.text())
