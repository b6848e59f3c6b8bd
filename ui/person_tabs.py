"""The Lịch sử and Đánh giá tabs of the person form: the dated assignment
history (``services.staff.history``) and the yearly evaluations with a small
form to add or correct one (``services.evaluations``)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.entities import EVALUATION, PERSON
from desktop_app.services import evaluations, staff
from ui import dirty_guard
from ui.record_form import RecordForm
from ui.rows_model import RowsModel
from ui.tables import record_view


def _table(model: RowsModel) -> QTableView:
    view = record_view(model)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setDefaultSectionSize(22)
    return view


class HistoryTab(QWidget):
    def __init__(self, ctx: Context, units: dict[int, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.units = ctx, units
        cat = ctx.catalogues

        def shown(name: str):
            field = PERSON.field(name)
            return lambda r: field.display(r.get(name), cat)

        self.model = RowsModel([
            ("Từ ngày", lambda r: vntext.format_date(r["valid_from"])),
            ("Đến ngày", lambda r: vntext.format_date(r["valid_to"])),
            ("Thay đổi", lambda r: staff.CHANGES.get(r["change"], r["change"])),
            (PERSON.field("unit_id").label, lambda r: self.units.get(r["unit_id"], "")),
            (PERSON.field("title_code").label, shown("title_code")),
            (PERSON.field("salary_step").label, shown("salary_step")),
            (PERSON.field("coefficient").label, shown("coefficient")),
            (PERSON.field("employment_kind").label, shown("employment_kind")),
            ("Số quyết định", lambda r: r["decision_no"] or ""),
        ], parent=self)
        self.table = _table(self.model)
        for column, width in enumerate((80, 80, 210, 220, 90, 60, 60, 110)):
            self.table.setColumnWidth(column, width)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def show_person(self, person_id: int | None) -> None:
        self.model.set_rows(staff.history(self.ctx, person_id) if person_id else [])


class EvaluationTab(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.person_id: int | None = None
        level, score = EVALUATION.field("level"), EVALUATION.field("score")
        self.model = RowsModel([
            ("Năm", lambda r: str(r["year"])),
            (level.label, lambda r: level.display(r["level"], ctx.catalogues)),
            (score.label, lambda r: score.display(r["score"])),
        ], parent=self)
        self.table = _table(self.model)
        self.table.setColumnWidth(0, 60)
        self.table.setColumnWidth(1, 220)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.form = RecordForm(ctx, EVALUATION, self, skip=("person_id",), store=self._store)
        self.form.title.setText("Thêm hoặc sửa kết quả đánh giá")
        new = QPushButton("Đánh giá năm khác")
        new.clicked.connect(self.another_year)
        save = QPushButton("Lưu đánh giá")
        save.clicked.connect(self.form.save)
        self.form.saved.connect(self._saved)
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addWidget(save)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        self.empty = QLabel("Chọn một người trong danh sách để xem và ghi đánh giá.")
        layout.addWidget(self.empty)

    def show_person(self, person_id: int | None) -> None:
        self.person_id = person_id
        self.model.set_rows(evaluations.for_person(self.ctx, person_id) if person_id else [])
        self.empty.setVisible(person_id is None)
        self.form.setEnabled(person_id is not None)
        self.new_evaluation()

    def another_year(self) -> None:
        """«Đánh giá năm khác»: an empty form, once the typed one is settled."""
        if dirty_guard.settle(dirty_guard.dirty_forms(self.form), self.confirm_unsaved):
            self.new_evaluation()

    def confirm_unsaved(self, text: str) -> str:
        """"save", "discard" or "cancel"; tests replace this method."""
        return dirty_guard.ask_unsaved(self, text)

    def new_evaluation(self) -> None:
        self.form.clear()
        self.form.title.setText("Thêm kết quả đánh giá")
        self.form.editors["year"].setFocus()

    def _row_changed(self, current, previous) -> None:
        if 0 <= current.row() < len(self.model.rows):
            row = self.model.rows[current.row()]
            if row["id"] == self.form.record_id:
                return
            if not dirty_guard.settle(dirty_guard.dirty_forms(self.form), self.confirm_unsaved,
                                      save=lambda form: form.save(notify=False)):
                dirty_guard.restore_row(self.table, previous)
                return
            if not self.form.is_dirty() and previous.isValid() and self.model.rows[previous.row()]["id"] \
                    != self.form.record_id:  # a new year was saved: list it once the move is done
                QTimer.singleShot(0, lambda: self._saved(0))
            self.form.load(row["id"], row)
            self.form.title.setText(f"Sửa đánh giá năm {row['year']}")

    def _store(self, raw: dict, record_id: int | None) -> int:
        if self.person_id is None:
            raise evaluations.ValidationError("Chưa chọn người được đánh giá.")
        return evaluations.save(self.ctx, self.person_id, raw.get("year"), raw.get("level"),
                                raw.get("score"), record_id)

    def _saved(self, _evaluation_id: int) -> None:
        self.model.set_rows(evaluations.for_person(self.ctx, self.person_id))
