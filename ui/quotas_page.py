"""The Biên chế page: the quotas of one year for every unit active in it, giao
beside có mặt at 31/12 for NSNN, nguồn thu sự nghiệp and HĐLĐ, typed straight
into the grid (one audited transaction per cell, undoable with Ctrl+Z), and
«Sao chép từ năm trước» for the units still without a quota this year.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.errors import ValidationError
from desktop_app.services import quotas, records
from ui.quota_grid_model import COLUMNS, QuotaGridModel
from ui.record_form import ERROR_STYLE
from ui.undo import UndoActions

_WIDTHS = {"code": 70, "name": 250}


class QuotasPage(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.undo: UndoActions | None = None
        self.model = QuotaGridModel(ctx, ctx.today.year, self._store, self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._toolbar())
        layout.addWidget(self.hint)
        layout.addWidget(self._table(), 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self._show_totals()

    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        label = QLabel("Năm:")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self.ctx.today.year)
        self.year.setGroupSeparatorShown(False)
        self.year.valueChanged.connect(self._year_changed)
        label.setBuddy(self.year)
        self.copy_button = QPushButton("Sao chép từ năm trước")
        self.copy_button.setToolTip("Đơn vị nào năm nay chưa có số giao thì lấy số giao của năm trước")
        self.copy_button.clicked.connect(self.copy_previous)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        for widget in (label, self.year, self.copy_button):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _table(self) -> QTableView:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for index, column in enumerate(COLUMNS):
            width = _WIDTHS.get(column.unit_field, 0) or max(80, len(column.header) * 7 + 14)
            header.resizeSection(index, width)
        header.setStretchLastSection(True)
        return self.table

    # ------------------------------------------------------------ saving
    def _store(self, raw: dict[str, Any], quota_id: int | None) -> int:
        try:
            if self.undo is not None:
                saved = self.undo.history.save("quota", raw, quota_id)
                self.undo.refresh()
            elif quota_id is None:
                saved = records.create(self.ctx, "quota", raw)
            else:
                records.update(self.ctx, "quota", quota_id, raw)
                saved = quota_id
        except ValidationError as exc:
            self._say(str(exc), error=True)
            raise
        self._say("Đã lưu")
        return saved

    def copy_previous(self) -> None:
        year = self.year.value()
        try:
            created = quotas.copy_from_previous(self.ctx, year)
        except ValidationError as exc:
            self._say(str(exc), error=True)
            return
        if self.undo is not None:
            text = f"sao chép số giao năm {year - 1} sang năm {year}"
            self.undo.history.push_created("quota", created, text)
            self.undo.refresh()
        self.model.reload()
        self._show_totals()
        self._say(f"Đã sao chép số giao năm {year - 1} cho {len(created)} đơn vị." if created else
                  f"Không có đơn vị nào cần sao chép: đơn vị chưa có số giao năm {year} "
                  f"cũng không có số giao năm {year - 1}.")

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "color: #1b5e20;")
        self.status.setText(text)

    def _year_changed(self, year: int) -> None:
        self.model.set_year(year)
        self._show_totals()
        self.status.clear()

    def _show_totals(self) -> None:
        rows = self.model.rows
        given = sum(r.given("nsnn") or 0 for r in rows)
        present = sum(r.present("nsnn") or 0 for r in rows)
        over = sum(1 for r in rows if any(r.over(k) for k in quotas.KINDS))
        self.hint.setText(
            f"{len(rows)} đơn vị; NSNN giao {vntext.format_number(given)}, có mặt "
            f"{vntext.format_number(present)}; {over} đơn vị vượt số giao (ô đỏ). "
            "Gõ số vào ô «giao» rồi nhấn Enter để lưu.")

    # ------------------------------------------------------------ page protocol
    def use_undo(self, actions: UndoActions) -> None:
        self.undo = actions

    def focus_search(self) -> None:
        self.year.setFocus()
        self.year.selectAll()

    def edit_record(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.table.edit(index)

    def records_changed(self, kinds: frozenset[str]) -> None:
        """Any committed write of quotas, units or people: the grid and its totals line."""
        if kinds & {"quota", "unit", "person", "*"}:
            self.data_changed("quota", 0)

    def data_changed(self, entity: str, _row_id: int) -> None:
        if entity in ("quota", "unit", "person"):
            current = self.table.currentIndex()
            self.model.reload()
            self._show_totals()
            if current.isValid():
                self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
