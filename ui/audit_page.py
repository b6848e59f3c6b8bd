"""The Nhật ký page: the audit log, newest first, loaded lazily in batches
(``AuditTableModel``), filtered by entity, action, user, date range and text.
Rows say old → new in the clerk's words (``services.audit_view``); CCCD
numbers are masked but for their last four digits."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.services import audit_view
from ui.lazy_model import LazyIdModel
from ui.tables import record_view

# Widths add up to ≈ 1.040 px: «Giá trị mới» stays in view on a 1280 px laptop screen.
COLUMNS = (("at", "Thời điểm", 140), ("user", "Người dùng", 90), ("action", "Thao tác", 120),
           ("entity", "Loại dữ liệu", 110), ("record", "Bản ghi", 130), ("field", "Trường", 150),
           ("old", "Giá trị cũ", 150), ("new", "Giá trị mới", 150))


class AuditTableModel(LazyIdModel):
    headers = [c[1] for c in COLUMNS]

    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.filter = audit_view.AuditFilter()
        self.reload()

    def list_ids(self) -> tuple[list[int], int]:
        ids = audit_view.search_ids(self.ctx, self.filter)
        return ids, len(ids)

    def read_rows(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        return audit_view.rows(self.ctx, ids)

    def cell_text(self, row: dict[str, Any], column: int) -> str:
        return row.get(COLUMNS[column][0], "")


class AuditPage(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = AuditTableModel(ctx, self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        self.table = record_view(self.model, single=False)
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
