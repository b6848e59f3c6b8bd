"""The Nhật ký page: the audit log, newest first, loaded lazily in batches
(``AuditTableModel``), filtered by entity, action, user, date range and text.
Rows say old → new in the clerk's words (``services.audit_view``); CCCD
numbers are masked but for their last four digits."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.services import audit_view

# Widths add up to ≈ 1.040 px: «Giá trị mới» stays in view on a 1280 px laptop screen.
COLUMNS = (("at", "Thời điểm", 140), ("user", "Người dùng", 90), ("action", "Thao tác", 120),
           ("entity", "Loại dữ liệu", 110), ("record", "Bản ghi", 130), ("field", "Trường", 150),
           ("old", "Giá trị cũ", 150), ("new", "Giá trị mới", 150))
BATCH = 200


class AuditTableModel(QAbstractTableModel):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.filter = audit_view.AuditFilter()
        self.ids: list[int] = []
        self.cache: dict[int, dict[str, Any]] = {}
        self.loaded = 0
        self._changing = False
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.ids = audit_view.search_ids(self.ctx, self.filter)
        self.cache.clear()
        self.loaded = 0
        self._load(min(BATCH, len(self.ids)))
        self._changing = True
        try:
            self.endResetModel()
        finally:
            self._changing = False

    def _load(self, count: int) -> None:
        wanted = self.ids[self.loaded:self.loaded + count]
        self.cache.update(audit_view.rows(self.ctx, wanted))
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
            self._load(count)
            self.endInsertRows()
        finally:
            self._changing = False

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else self.loaded

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.loaded:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row = self.cache.get(self.ids[index.row()]) or {}
            return row.get(COLUMNS[index.column()][0], "")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section][1]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None


class AuditPage(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = AuditTableModel(ctx, self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        for column, (_key, _label, width) in enumerate(COLUMNS):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.count = QLabel()
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        row = QHBoxLayout()
        row.addWidget(self.count)
        row.addWidget(self.problem, 1)
        layout.addLayout(row)
        self._update_count()

    def _filters(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm trong nhật ký (tên, giá trị)…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refilter)
        self.combos: dict[str, QComboBox] = {}
        options = audit_view.choices(self.ctx)
        for key, first in (("entity", "Loại dữ liệu: tất cả"), ("action", "Thao tác: tất cả"),
                           ("user", "Người dùng: tất cả")):
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.addItem(first, None)
            for value, label in options[key]:
                combo.addItem(label, value)
            combo.currentIndexChanged.connect(self.refilter)
            self.combos[key] = combo
        self.date_from, self.date_to = QLineEdit(), QLineEdit()
        for editor, hint in ((self.date_from, "Từ ngày dd/mm/yyyy"), (self.date_to, "Đến ngày dd/mm/yyyy")):
            editor.setPlaceholderText(hint)
            editor.setMaximumWidth(170)
            editor.setMinimumWidth(60)
            editor.editingFinished.connect(self.refilter)
        refresh = QPushButton("Làm mới")
        refresh.clicked.connect(self.refilter)
        top = QHBoxLayout()
        for widget in (self.search, self.date_from, self.date_to, refresh):
            top.addWidget(widget)
        rows.addLayout(top)
        for widget in self.combos.values():
            row.addWidget(widget)
        row.addStretch(1)
        rows.addLayout(row)
        return rows

    def _date(self, editor: QLineEdit) -> str | None:
        try:
            return vntext.parse_date(editor.text())
        except ValueError as exc:
            self.problem.setText(str(exc))
            return None

    def refilter(self, *_args) -> None:
        self.problem.clear()
        self.model.filter = audit_view.AuditFilter(
            entity=self.combos["entity"].currentData(), action=self.combos["action"].currentData(),
            user=self.combos["user"].currentData(), date_from=self._date(self.date_from),
            date_to=self._date(self.date_to), text=self.search.text())
        self.model.reload()
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(f"{vntext.format_number(len(self.model.ids))} dòng nhật ký")

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.refilter()  # changes made on other pages show up when the log is opened
        super().showEvent(event)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
