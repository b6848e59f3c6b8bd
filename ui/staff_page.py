"""The Nhân sự page: the staff list (lazy model over person ids, as-you-type
accent-insensitive search, filters by unit, CDNN, employment kind, status and
age band, a count line) with the tabbed person form beside it, the dated
actions (điều động, nâng lương, thôi làm việc…) and the yearly evaluations.

Page protocol used by the main window: ``focus_search``, ``new_record`` and
``save_record`` (Ctrl+F, Ctrl+N, Ctrl+S). Every write goes through a service
call in ``_after_write``'s callers; an undo stack can hook there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
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
from desktop_app.entities import PERSON
from desktop_app.services import people, staff
from ui import dirty_guard, person_fill
from ui.choice_model import ChoiceModel
from ui.evaluation_grid import EvaluationGridDialog
from ui.ho_so_panel import HoSoPanel
from ui.person_tabs import EvaluationTab, HistoryTab
from ui.position_picker import PositionPicker
from ui.record_form import RecordForm
from ui.search_combo import SEARCHABLE_FROM, SearchCombo
from ui.staff_action_dialog import StaffActionDialog
from ui.staff_table_model import COLUMNS, StaffTableModel
from ui.table_tools import TableTools
from ui.tables import record_view
from ui.window_fit import show_whole

_CHAR_WIDTH = 8  # pixels per declared character of Field.width: no measuring of 50,000 rows
_ACTIONS = (("dieu_chuyen", "Điều động…"), ("thay_doi_cdnn", "Chức danh, hạng…"),
            ("nang_luong", "Nâng lương…"), ("thay_doi_nguon_luong", "Nguồn lương…"),
            ("nghi", "Thôi làm việc…"))


def _combo(first: str, items: list[tuple[object, str]], width: int = 6) -> QComboBox:
    combo = SearchCombo() if len(items) > SEARCHABLE_FROM else QComboBox()
    combo.addItem(first, None)
    for value, label in items:
        combo.addItem(label, value)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(width)
    show_whole(combo, first or max((label for _value, label in items), key=len))
    return combo


class StaffPage(dirty_guard.ReloadKeepsSelection, QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.unit_items = people.unit_choices(ctx)
        self.model = StaffTableModel(ctx, self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._table(), 1)
        self.count = QLabel()
        column.addWidget(self.count)
        splitter.addWidget(left)
        scroll = QScrollArea()  # a small window scrolls the form rather than growing
        panel = self._form_panel()
        scroll.setWidget(panel)
        scroll.setWidgetResizable(True)
        # Never narrower than the form: its fields and error texts are never cut off (at 150 %
        # on 1366×768 the list then shows the names and scrolls sideways for the rest).
        scroll.setMinimumWidth(panel.minimumSizeHint().width()
                               + scroll.verticalScrollBar().sizeHint().width() + 2 * scroll.frameWidth())
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 560])
        layout.addWidget(splitter, 1)
        self._update_count()
        self._show_person(None)
        QTimer.singleShot(0, self._complete)  # the whole ordered list, read while the first rows paint

    # ------------------------------------------------------------ building
    def _filters(self) -> QGridLayout:
        grid = QGridLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm theo họ tên, số CCCD hoặc tên đơn vị (gõ có dấu hoặc không dấu)…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._refilter)
        self.unit_combo = SearchCombo()
        self.unit_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit_combo.setMinimumContentsLength(8)
        all_units = f"{PERSON.field('unit_id').label}: tất cả"
        self.unit_combo.setModel(ChoiceModel(self.unit_items, all_units, self))
        show_whole(self.unit_combo, all_units)
        self.title_combo = _combo(f"{PERSON.field('title_code').label}: tất cả",
                                  people.title_choices(self.ctx))
        self.kind_combo = _combo(f"{PERSON.field('employment_kind').label}: tất cả",
                                 PERSON.field("employment_kind").options(self.ctx.catalogues))
        self.status_combo = _combo("", list(people.STATUSES), 6)
        self.status_combo.removeItem(0)
        self.age_combo = _combo("Độ tuổi: tất cả", list(people.AGE_BANDS), 6)
        for combo in (self.unit_combo, self.title_combo, self.kind_combo, self.status_combo, self.age_combo):
            combo.currentIndexChanged.connect(self._refilter)
        add = QPushButton("Thêm người")
        add.setToolTip("Thêm hồ sơ nhân sự mới (Ctrl+N)")
        add.clicked.connect(self.new_record)
        grid.addWidget(self.search, 0, 0, 1, 3)
        grid.addWidget(self.unit_combo, 0, 3, 1, 2)
        grid.addWidget(add, 0, 5)
        for col, widget in enumerate((self.title_combo, self.kind_combo, self.status_combo, self.age_combo)):
            grid.addWidget(widget, 1, col)
        return grid

    def _table(self) -> QTableView:
        self.table = record_view(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)  # one line per cell: no text layout per painted cell
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, field in enumerate(COLUMNS):
            header.resizeSection(col, max(field.width, len(field.label)) * _CHAR_WIDTH)
        header.setSortIndicator(COLUMNS.index(PERSON.field("full_name")), Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # the model sorts through the service, by Vietnamese order
        self.list_tools = TableTools(self.table, "staff", "Danh sách nhân sự")
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        return self.table

    def _form_panel(self) -> QWidget:
        units = dict(self.unit_items)
        self.form = RecordForm(self.ctx, PERSON, self, tabs=True,
                               choices={"unit_id": ChoiceModel(self.unit_items, "", self), "position_id": [],
                                        "title_code": people.title_choices(self.ctx)})
        person_fill.bind(self.form)
        self.positions = PositionPicker(self.form, lambda: self.ctx.today)
        self.form.saved.connect(self._saved)
        self.history = HistoryTab(self.ctx, units)
        self.evaluations = EvaluationTab(self.ctx)
        assert self.form.tabs is not None
        self.form.tabs.addTab(self.history, "Lịch sử")
        self.form.tabs.addTab(self.evaluations, "Đánh giá")
        self.ho_so = HoSoPanel(self.ctx)  # the personnel file (issue #19)
        self.form.tabs.addTab(self.ho_so, "Hồ sơ")
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.form, 1)
        buttons = QGridLayout()  # two rows: the panel stays narrow enough for the table
        save = QPushButton("Lưu hồ sơ")
        save.setToolTip("Lưu hồ sơ đang sửa (Ctrl+S)")
        save.clicked.connect(self.save_record)
        grid = QPushButton("Đánh giá cả đơn vị…")
        grid.setToolTip("Ghi kết quả đánh giá, xếp loại một năm cho mọi người của một đơn vị")
        grid.clicked.connect(self.open_evaluation_grid)
        buttons.addWidget(save, 0, 0)
        buttons.addWidget(grid, 1, 0)
        self.action_buttons: dict[str, QPushButton] = {}
        for number, (action, text) in enumerate(_ACTIONS):
            button = QPushButton(text)
            button.setToolTip(staff.CHANGES[action])
            button.clicked.connect(lambda _=False, a=action: self.run_action(a))
            buttons.addWidget(button, number % 2, 1 + number // 2)
            self.action_buttons[action] = button
        column.addLayout(buttons)
        return panel

    # ------------------------------------------------------------ list
    def current_filter(self) -> people.StaffFilter:
        return people.StaffFilter(
            text=self.search.text(), unit_id=self.unit_combo.currentData(),
            title_code=self.title_combo.currentData(), employment_kind=self.kind_combo.currentData(),
            status=self.status_combo.currentData() or "dang_lam", age_band=self.age_combo.currentData(),
            order=self.model.filter.order, descending=self.model.filter.descending)

    def _refilter(self, *_args) -> None:
        self.model.set_filter(self.current_filter())
        self._update_count()

    def _complete(self) -> None:
        self.model.prefetch()

    def _update_count(self) -> None:
        self.count.setText(f"{vntext.format_number(self.model.total)} người")

    def _row_changed(self, current, previous) -> None:
        person_id = self.model.id_at(current.row())
        if person_id is None or person_id == self.form.record_id:
            return
        if not self._may_leave(inside_selection=True):
            dirty_guard.restore_row(self.table, previous)
            return
        self.form.load(person_id, self.model.cache[person_id])
        self._show_person(person_id)

    def _may_leave(self, inside_selection: bool = False) -> bool:
        """Nothing typed in the person or evaluation form is lost on a move."""
        if not inside_selection:
            return dirty_guard.settle(dirty_guard.dirty_forms(self), self.confirm_unsaved)
        # A model reset now would pull the rows from under the selection change:
        # refresh the saved row in place and list a new person once the change is done.
        was_new = self.form.record_id is None
        ok = dirty_guard.settle(dirty_guard.dirty_forms(self), self.confirm_unsaved,
                                save=lambda form: form.save(notify=form is not self.form))
        if ok and self.form.record_id is not None:
            self.model.refresh_row(self.form.record_id)
            if was_new:
                QTimer.singleShot(0, self._reload_keeping_selection)
        return ok

    def confirm_unsaved(self, text: str) -> str:
        """"save", "discard" or "cancel"; tests replace this method."""
        return dirty_guard.ask_unsaved(self, text)

    def _show_person(self, person_id: int | None) -> None:
        row = self.model.cache.get(person_id) if person_id else None
        active = bool(row) and not (row or {}).get("left_on")
        for button in self.action_buttons.values():
            button.setEnabled(active)
        self.history.show_person(person_id)
        self.evaluations.show_person(person_id)
        self.ho_so.show_person(person_id)

    def select(self, person_id: int) -> None:
        row = self.model.row_of(person_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    # ------------------------------------------------------------ writes
    def _saved(self, person_id: int) -> None:
        self._after_write(person_id, keep_status=True)

    def _after_write(self, person_id: int, keep_status: bool = False) -> None:
        """Every write of this page ends here: list, form and tabs show the new data."""
        status = self.form.status.text()
        self.model.reload()
        self._update_count()
        self.select(person_id)
        row = people.get(self.ctx, person_id)
        if row is not None:
            self.form.load(person_id, row)
            self._show_person(person_id)
        if keep_status:
            self.form.status.setText(status)

    def data_changed(self, entity: str, row_id: int) -> None:
        """An undo or redo changed a record (main window's undo stack): show it again."""
        if entity == "evaluation" and self.form.record_id is not None:
            self.evaluations.show_person(self.form.record_id)
        self.ho_so.data_changed(entity, row_id)
        if entity != "person":
            return
        self.model.reload()
        self._update_count()
        if self.form.record_id == row_id:
            row = people.get(self.ctx, row_id)
            if row is None:
                self.new_record()
            else:
                self.form.load(row_id, row)
                self._show_person(row_id)

    def records_changed(self, kinds: frozenset[str]) -> None:
        """People or units changed elsewhere (an import, a package, another page): the list
        and its count read them again; the form follows unless something is typed in it."""
        if not kinds & {"person", "unit", "*"}:
            return
        shown = self.form.record_id
        self.model.reload()
        self._update_count()
        if shown is None:
            return
        self.select(shown)
        row = people.get(self.ctx, shown)
        if row is not None and not self.form.is_dirty():
            status = self.form.status.text()
            self.form.load(shown, row)
            self._show_person(shown)
            self.form.status.setText(status)

    def run_action(self, action: str) -> bool:
        """Open the dialog of a dated action for the selected person; True when saved."""
        person_id = self.form.record_id
        if person_id is None or not self._may_leave():
            return False
        dialog = StaffActionDialog(self.ctx, person_id, action, self)
        if self.exec_dialog(dialog):
            self._after_write(person_id)
            return True
        return False

    def open_evaluation_grid(self) -> None:
        unit_id = self.unit_combo.currentData() or (self.model.cache.get(self.form.record_id or -1) or {}
                                                    ).get("unit_id")
        if not self._may_leave():
            return
        self.exec_dialog(EvaluationGridDialog(self.ctx, unit_id, self))
        if self.form.record_id is not None:
            self.evaluations.show_person(self.form.record_id)

    def exec_dialog(self, dialog) -> bool:
        """Show a modal dialog; tests replace this method to drive the dialog."""
        return bool(dialog.exec())

    # ------------------------------------------------------------ page protocol
    def use_settings(self, settings) -> None:
        self.list_tools.use_settings(settings)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def new_record(self) -> None:
        if self.ho_so.owns_focus():
            self.ho_so.current().new_record()
            return
        if not self._may_leave():
            return
        self.table.selectionModel().blockSignals(True)
        self.table.selectionModel().clear()
        self.table.selectionModel().blockSignals(False)
        self.form.clear()
        self._show_person(None)
        assert self.form.tabs is not None
        self.form.tabs.setCurrentIndex(0)
        self.form.editors["full_name"].setFocus()

    def save_record(self) -> None:
        if self.ho_so.owns_focus():
            self.ho_so.current().form.save()
            return
        self.form.save()
