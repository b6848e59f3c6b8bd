"""A table of one unit's records of an entity (phòng/khoa/tổ, vị trí việc làm,
tự chủ & kinh phí) with the record form below or beside it: Ctrl+N adds,
F2 edits the selected row, Ctrl+S saves, «Xóa» deletes — every save and
delete on the window's undo stack when the form has one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.context import Context
from desktop_app.fields import Entity
from desktop_app.services import unit_records
from ui import dirty_guard, vi
from ui.record_form import RecordForm
from ui.record_table_model import Column, RecordTableModel
from ui.tables import record_view
from ui.unit_picker import UnitPicker

CHAR_WIDTH = 7


class ChildRecords(QWidget):
    changed = Signal()  # something was saved or deleted (summaries follow)

    def __init__(self, ctx: Context, entity: Entity, columns: list[Column], parent: QWidget | None = None,
                 orientation: Qt.Orientation = Qt.Orientation.Vertical, add_text: str = "Thêm"):
        super().__init__(parent)
        self.ctx, self.entity = ctx, entity
        self.unit_id: int | None = None
        self.model = RecordTableModel(columns, self._ids, self._rows, self)
        self.form = RecordForm(ctx, entity, self, skip=("unit_id",))
        self.form.saved.connect(self._saved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._buttons(add_text))
        self.splitter = QSplitter(orientation)
        self.splitter.addWidget(self._table(columns))
        self.scroll = self._scroll(self.form)
        self.splitter.addWidget(self.scroll)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)  # a wider window widens the table, not the form
        self.splitter.setStretchFactor(1, 0)
        if orientation == Qt.Orientation.Horizontal:
            self.splitter.setSizes([500, self.scroll.form_width + 40])
        layout.addWidget(self.splitter, 1)
        self.set_unit(None)

    @staticmethod
    def _scroll(form: QWidget) -> QScrollArea:
        scroll = QScrollArea()
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        # Never narrower than the form (at 150 % its fields were scrolled out of sight on the
        # right): in a small window the table beside it narrows, or the page scrolls.
        scroll.form_width = (form.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
                             + 2 * scroll.frameWidth())
        scroll.setMinimumWidth(scroll.form_width)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return scroll

    def _ids(self) -> list[int]:
        return unit_records.ids(self.ctx, self.entity.name, self.unit_id)

    def _rows(self, ids: list[int]) -> dict:
        return unit_records.rows(self.ctx, self.entity.name, ids)

    def _buttons(self, add_text: str) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = QPushButton(add_text)
        self.add_button.setToolTip("Thêm mới (Ctrl+N)")
        self.add_button.clicked.connect(self.new_record)
        self.save_button = QPushButton("Lưu")
        self.save_button.setToolTip("Lưu (Ctrl+S)")
        self.save_button.clicked.connect(self.save_record)
        self.delete_button = QPushButton("Xóa")
        self.delete_button.setToolTip("Xóa dòng đang chọn")
        self.delete_button.clicked.connect(self.delete_record)
        for button in (self.add_button, self.save_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _table(self, columns: list[Column]) -> QTableView:
        self.table = record_view(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        bold = header.font()
        bold.setBold(True)  # header sections of the current row are drawn bold
        metrics = QFontMetrics(bold)
        for index, column in enumerate(columns):
            # wide enough for the header text (measured once) and the declared width
            label = metrics.horizontalAdvance(column.label) + 20
            header.resizeSection(index, min(max(column.width * CHAR_WIDTH, label), 240))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        return self.table

    # ------------------------------------------------------------ unit
    def set_unit(self, unit_id: int | None) -> None:
        self.unit_id = unit_id
        self.form.fixed = {"unit_id": unit_id} if unit_id is not None else {}
        self.model.reload()
        self.form.clear()
        self.setEnabled(unit_id is not None)

    # ------------------------------------------------------------ rows
    def _row_changed(self, current, previous) -> None:
        row_id = self.model.id_at(current.row())
        if row_id is None or row_id == self.form.record_id:
            return
        if self.form.is_dirty() and not self._may_leave():
            dirty_guard.restore_row(self.table, previous)  # highlighted = the record being edited
            return
        self.form.load(row_id, self.model.cache[row_id])

    def _may_leave(self) -> bool:
        answer = self.confirm_unsaved()
        if answer != "save":
            return answer == "discard"
        if self.form.save(notify=False) is None:
            return False
        QTimer.singleShot(0, self._list_saved)  # a reload now would pull the rows from under the move
        return True

    def _list_saved(self) -> None:
        """The record saved on the way to another row or a new one, shown in the list."""
        self.reload()
        self.changed.emit()

    def confirm_unsaved(self) -> str:
        """"save", "discard" or "cancel"; tests replace this method."""
        return vi.ask_save(self, f"{self.entity.label} đang sửa có thay đổi chưa lưu. Lưu lại không?")

    def confirm_delete(self, title: str) -> bool:
        """Tests replace this method."""
        return vi.ask(self, "Xóa", f"Xóa {self.entity.label.lower()} «{title}»?")

    def _saved(self, row_id: int) -> None:
        status = self.form.status.text()
        self.reload(select=row_id)
        self.form.status.setText(status)
        self.changed.emit()

    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else self.form.record_id
        self.model.reload()
        row = self.model.row_of(keep) if keep is not None else -1
        if row >= 0:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)
            self.form.load(keep, self.model.cache[keep])

    # ------------------------------------------------------------ actions
    def new_record(self) -> None:
        if self.unit_id is None or (self.form.is_dirty() and not self._may_leave()):
            return
        self.table.clearSelection()
        self.form.clear()
        self.form.focus_first()

    def save_record(self) -> None:
        if self.unit_id is not None:
            self.form.save()

    def edit_record(self) -> None:
        row_id = self.model.id_at(self.table.currentIndex().row())
        if row_id is not None and row_id != self.form.record_id:
            self.form.load(row_id, self.model.cache[row_id])
        self.form.focus_first()

    def delete_record(self) -> None:
        row_id = self.model.id_at(self.table.currentIndex().row())
        if row_id is None:
            return
        row = self.model.cache.get(row_id, {})
        if not self.confirm_delete(str(row.get("name") or row.get("year") or row_id)):
            return
        if not self.form.delete_stored(row_id):
            return
        self.form.clear()
        self.model.reload()
        self.changed.emit()

    def data_changed(self, entity: str, row_id: int) -> None:
        if entity == self.entity.name:
            if self.form.record_id is not None and self.form.record_id not in \
                    unit_records.ids(self.ctx, entity, self.unit_id):
                self.form.clear()
            self.reload(select=row_id if row_id in self._ids() else None)
            self.changed.emit()


class UnitRecordsPage:
    """The page protocol (Ctrl+F, Ctrl+N, Ctrl+S, F2, refresh after undo) of a page
    made of a unit picker (``self.picker``) and one unit's records (``self.records``)."""

    picker: UnitPicker
    records: ChildRecords

    def focus_search(self) -> None:
        self.picker.search.setFocus()
        self.picker.search.selectAll()

    def new_record(self) -> None:
        self.records.new_record()

    def save_record(self) -> None:
        self.records.save_record()

    def edit_record(self) -> None:
        self.records.edit_record()

    def data_changed(self, entity: str, row_id: int) -> None:
        if entity == self.records.entity.name:
            self.records.data_changed(entity, row_id)
        elif entity == "unit":
            self.picker.reload()

    def records_changed(self, kinds: frozenset[str]) -> None:
        """Committed writes elsewhere (an import, a package): the unit's records and the unit
        list are read again, unless something is typed in the form."""
        if kinds & {"unit", "*"}:
            self.picker.reload()
        if kinds & {self.records.entity.name, "*"} and not self.records.form.is_dirty():
            self.records.reload()
            self.records.changed.emit()
