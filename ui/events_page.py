"""Sắp xếp: the list of reorganisation events, a wizard to add one and a
revert button for the selected one (``services.events``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.entities import EVENT
from desktop_app.errors import ValidationError
from desktop_app.services import event_views, events
from ui import vi
from ui.event_wizard import EventWizard

COLUMNS = (("kind_label", EVENT.field("kind").label), ("decision_no", EVENT.field("decision_no").label),
           ("effective_date", EVENT.field("effective_date").label), ("before", "Đơn vị trước"),
           ("after", "Đơn vị sau"), ("staff_moved", EVENT.field("staff_moved").label),
           ("applied", "Tình trạng"))


class EventTableModel(QAbstractTableModel):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[dict] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = event_views.list_events(self.ctx)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        key, row = COLUMNS[index.column()][0], self.rows[index.row()]
        value = row[key]
        if key == "effective_date":
            return vntext.format_date(value)
        if key == "applied":
            return "Đã áp dụng" if value else "Đã hoàn tác"
        return "" if value is None else str(value)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1]
        return None

    def id_at(self, row: int) -> int | None:
        return self.rows[row]["id"] if 0 <= row < len(self.rows) else None


class EventsPage(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = EventTableModel(ctx, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in (0, 1, 2, 5, 6):  # short values: whole header and value on one line
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton("Thêm sắp xếp…")
        self.add_button.clicked.connect(self.new_record)
        self.revert_button = QPushButton("Hoàn tác sự kiện đã chọn")
        self.revert_button.clicked.connect(self.revert_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def make_wizard(self) -> EventWizard:
        """Tests replace this to drive the wizard without a modal loop."""
        return EventWizard(self.ctx, self)

    def new_record(self) -> None:
        wizard = self.make_wizard()
        if wizard.exec():
            self.model.reload()

    def confirm(self, text: str) -> bool:
        return vi.ask(self, "Hoàn tác sắp xếp", text)

    def revert_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        event_id = self.model.id_at(rows[0].row()) if rows else None
        if event_id is None:
            return
        if not self.confirm("Hoàn tác sự kiện sắp xếp đã chọn? Các đơn vị và người làm việc "
                            "trở lại như trước."):
            return
        try:
            events.revert(self.ctx, event_id)
        except ValidationError as exc:
            vi.error(self, "Không hoàn tác được", str(exc))
            return
        self.model.reload()
