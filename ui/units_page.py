"""The Đơn vị page: a searchable, sortable, lazily loaded table of units with
the generic record form beside it for adding and editing, and under the form
the unit's phòng, khoa, tổ (with their staff counts) in a small table + form.

Page protocol used by the main window: ``focus_search``, ``new_record``,
``save_record``, ``edit_record`` (Ctrl+F, Ctrl+N, Ctrl+S, F2) — acting on the
divisions when the cursor is in them — and ``data_changed`` after an undo.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.entities import DIVISION, UNIT
from desktop_app.services import units as units_service
from ui import dirty_guard, vi
from ui.child_records import ChildRecords
from ui.record_form import RecordForm
from ui.record_table_model import field_columns
from ui.table_tools import TableTools
from ui.tables import record_view
from ui.unit_table_model import COLUMNS, UnitTableModel

_CHAR_WIDTH = 8  # pixels per declared character of Field.width; avoids measuring every row


class UnitsPage(dirty_guard.ReloadKeepsSelection, QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = UnitTableModel(ctx, self)
        self.form = RecordForm(ctx, UNIT, self)
        self.form.saved.connect(self._saved)
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._table(), 1)
        column.addWidget(self.count)
        splitter.addWidget(left)
        self.divisions = ChildRecords(ctx, DIVISION, field_columns(ctx, DIVISION, ["name", "staff_count"]),
                                      add_text="Thêm phòng, khoa, tổ")
        self.divisions.setMinimumHeight(420)
        self.divisions.splitter.setSizes([170, 250])
        box = QGroupBox(DIVISION.label)
        QVBoxLayout(box).addWidget(self.divisions)
        panel = QWidget()
        stack = QVBoxLayout(panel)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addWidget(self.form)
        stack.addWidget(box)
        scroll = QScrollArea()
        scroll.setWidget(panel)
        scroll.setWidgetResizable(True)
        # The form never scrolls sideways: the panel is at least as wide as the form needs.
        scroll.setMinimumWidth(panel.minimumSizeHint().width()
                               + scroll.verticalScrollBar().sizeHint().width() + 2 * scroll.frameWidth())
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([660, 500])
        layout.addWidget(splitter, 1)
        self._update_count()

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm theo tên hoặc mã đơn vị (gõ có dấu hoặc không dấu)…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._refilter)
        self.field_combo = QComboBox()
        self.field_combo.addItem(f"{UNIT.field('field').label}: tất cả", None)
        for code, label in UNIT.field("field").options(self.ctx.catalogues):
            self.field_combo.addItem(label, code)
        self.field_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.field_combo.setMinimumContentsLength(16)
        self.field_combo.currentIndexChanged.connect(self._refilter)
        self.closed_box = QCheckBox("Gồm cả đơn vị đã giải thể, sáp nhập")
        self.closed_box.toggled.connect(self._refilter)
        self.count = QLabel()
        add = QPushButton("Thêm đơn vị")
        add.setToolTip("Thêm đơn vị mới (Ctrl+N)")
        add.clicked.connect(self.new_record)
        for widget, stretch in ((self.search, 3), (self.field_combo, 1), (self.closed_box, 0), (add, 0)):
            row.addWidget(widget, stretch)
        return row

    def _table(self) -> QTableView:
        self.table = record_view(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, field in enumerate(COLUMNS):
            header.resizeSection(column, max(field.width, len(field.label)) * _CHAR_WIDTH)
        self.table.setSortingEnabled(True)
        header.setSortIndicator(COLUMNS.index(UNIT.field("name")), Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.list_tools = TableTools(self.table, "units", "Danh sách đơn vị")
        return self.table

    # ------------------------------------------------------------ actions
    def _refilter(self, *_args) -> None:
        self.model.set_search(self.search.text(), self.field_combo.currentData(),
                              self.closed_box.isChecked())
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(f"{vntext.format_number(len(self.model.ids))} đơn vị")

    def _row_changed(self, current, previous) -> None:
        unit_id = self.model.id_at(current.row())
        if unit_id is None:
            return
        if not self._may_leave_form(inside_selection=True):
            dirty_guard.restore_row(self.table, previous)
            return
        if self.form.record_id != unit_id or not self.form.is_dirty():
            self.form.load(unit_id, self.model.cache[unit_id])
            self.divisions.set_unit(unit_id)

    def _may_leave_form(self, inside_selection: bool = False) -> bool:
        """Nothing typed is lost: unsaved changes are saved, dropped or kept on request."""
        if not self.form.is_dirty():
            return True
        answer = self.confirm_unsaved()
        if answer != "save":
            return answer == "discard"
        if not inside_selection:
            return self.form.save() is not None
        # A model reset now would pull the rows from under the selection change:
        # refresh the edited row in place and list a new unit once the change is done.
        was_new = self.form.record_id is None
        saved = self.form.save(notify=False)
        if saved is not None:
            self.model.refresh_row(saved)
            if was_new:
                QTimer.singleShot(0, self._reload_keeping_selection)
        return saved is not None

    def confirm_unsaved(self) -> str:
        """"save", "discard" or "cancel"; tests replace this method."""
        return vi.ask_save(self, "Đơn vị đang sửa có thay đổi chưa lưu. Lưu lại không?")

    def _saved(self, unit_id: int) -> None:
        if self.divisions.unit_id != unit_id:
            self.divisions.set_unit(unit_id)
        status = self.form.status.text()
        self.model.reload()
        self._update_count()
        self.select(unit_id)
        self.form.status.setText(status)  # reloading the row must not hide "Đã lưu"

    def select(self, unit_id: int) -> None:
        row = self.model.row_of(unit_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    # ------------------------------------------------------------ page protocol
    def use_settings(self, settings) -> None:
        self.list_tools.use_settings(settings)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _in_divisions(self) -> bool:
        focused = self.focusWidget()
        return focused is not None and self.divisions.isAncestorOf(focused)

    def new_record(self) -> None:
        if self._in_divisions():
            self.divisions.new_record()
            return
        if not self._may_leave_form():
            return
        self.table.selectionModel().blockSignals(True)
        self.table.selectionModel().clear()
        self.table.selectionModel().blockSignals(False)
        self.form.clear()
        self.divisions.set_unit(None)
        self.form.editors["code"].setFocus()

    def save_record(self) -> None:
        if self._in_divisions():
            self.divisions.save_record()
        else:
            self.form.save()

    def edit_record(self) -> None:
        """F2: the selected unit (or division) into the form, cursor in its first field."""
        if self._in_divisions():
            self.divisions.edit_record()
            return
        unit_id = self.model.id_at(self.table.currentIndex().row())
        if unit_id is not None and unit_id != self.form.record_id and self._may_leave_form():
            self.form.load(unit_id, self.model.cache[unit_id])
            self.divisions.set_unit(unit_id)
        self.form.focus_first()

    def records_changed(self, kinds: frozenset[str]) -> None:
        """Units or their people changed elsewhere (an import, a package): the list reads them
        again, keeping the selected unit and anything typed in the form."""
        if kinds & {"unit", "*"} and not self.form.is_dirty():
            self._reload_keeping_selection()

    def data_changed(self, entity: str, row_id: int) -> None:
        """After an undo or redo: list and form show what is stored now."""
        if entity == "division":
            self.divisions.data_changed(entity, row_id)
        if entity != "unit":
            return
        shown = self.form.record_id
        self.model.reload()
        self._update_count()
        if shown is not None and units_service.get(self.ctx, shown) is None:
            self.form.clear()
            self.divisions.set_unit(None)
        elif shown is not None:
            self.form.load(shown, units_service.get(self.ctx, shown) or {})
            self.select(shown)
