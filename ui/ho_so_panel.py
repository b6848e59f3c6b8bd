"""The «Hồ sơ» tab of the person form: one sub-tab per kind of quá trình record (đào tạo,
bồi dưỡng; công tác trước tuyển dụng; hợp đồng; khen thưởng; kỷ luật; quan hệ gia đình),
each a table of the person's records with the declared form below it. Keyboard-first:
Tab moves from the table into the form, Enter moves on; with the focus in the panel Ctrl+S
saves the record and Ctrl+N starts a new one (the page routes them here), «Xóa» deletes the
selected one. Saves go through the form's undo
stack when the main window gave it one (``RecordForm.undo``)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.context import Context
from desktop_app.services import personnel_file
from ui import dirty_guard, vi
from ui.record_form import RecordForm
from ui.rows_model import RowsModel
from ui.tables import record_view

TAB_TITLES = {"training": "Đào tạo", "prior_work": "Trước tuyển dụng",
              "contract": "Hợp đồng", "award": "Khen thưởng", "discipline": "Kỷ luật",
              "family_member": "Gia đình"}


class FileTab(QWidget):
    """One kind of record of the selected person."""

    def __init__(self, ctx: Context, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.kind = ctx, kind
        self.entity = personnel_file.entity(kind)
        self.person_id: int | None = None
        fields = [f for f in self.entity.table_fields() if f.name != "person_id"]
        self.model = RowsModel([(f.label, lambda r, f=f: f.display(r.get(f.name), ctx.catalogues))
                                for f in fields], parent=self)
        self.table: QTableView = record_view(self.model)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.form = RecordForm(ctx, self.entity, self, skip=("person_id",))
        self.form.saved.connect(self._saved)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.form)
        layout.addLayout(self._buttons())

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot in (("Thêm", self.new_record), ("Lưu", self.form.save), ("Xóa", self.delete_record)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def show_person(self, person_id: int | None) -> None:
        self.person_id = person_id
        self.form.fixed = {"person_id": person_id} if person_id is not None else {}
        self.reload()
        self.setEnabled(person_id is not None)

    def reload(self, select: int | None = None) -> None:
        rows = personnel_file.for_person(self.ctx, self.kind, self.person_id) if self.person_id else []
        self.model.set_rows(rows)
        ids = [r["id"] for r in rows]
        if select in ids:
            self.table.selectRow(ids.index(select))
        else:
            self.form.clear()

    def new_record(self) -> None:
        if not dirty_guard.settle(dirty_guard.dirty_forms(self.form), self.confirm_unsaved):
            return
        self.table.clearSelection()
        self.form.clear()
        self.form.focus_first()

    def confirm_unsaved(self, text: str) -> str:
        """"save", "discard" or "cancel"; tests replace this method."""
        return dirty_guard.ask_unsaved(self, text)

    def _row_changed(self, current, previous) -> None:
        if not 0 <= current.row() < len(self.model.rows):
            return
        row = self.model.rows[current.row()]
        if row["id"] == self.form.record_id:
            return
        saved: list[int | None] = []
        if not dirty_guard.settle(dirty_guard.dirty_forms(self.form), self.confirm_unsaved,
                                  save=lambda form: saved.append(form.save(notify=False)) or saved[-1]):
            dirty_guard.restore_row(self.table, previous)
            return
        if saved:  # a reload now would pull the rows from under the move: list the save after it
            QTimer.singleShot(0, lambda: self.reload(select=row["id"]))
        self.form.load(row["id"], row)

    def _saved(self, row_id: int) -> None:
        status = self.form.status.text()
        self.reload(select=row_id)
        self.form.status.setText(status)

    def confirm_delete(self) -> bool:
        """Tests replace this method."""
        return vi.ask(self, "Xóa", f"Xóa dòng {self.entity.label.lower()} đang chọn?")

    def delete_record(self) -> None:
        row = self.table.currentIndex().row()
        if not 0 <= row < len(self.model.rows) or not self.confirm_delete():
            return
        row_id = self.model.rows[row]["id"]
        if not self.form.delete_stored(row_id):
            return
        self.reload()


class HoSoPanel(QTabWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.tabs: dict[str, FileTab] = {}
        for kind in personnel_file.KINDS:
            self.tabs[kind] = FileTab(ctx, kind, self)
            self.addTab(self.tabs[kind], TAB_TITLES[kind])
            self.setTabToolTip(self.count() - 1, personnel_file.entity(kind).label)

    def show_person(self, person_id: int | None) -> None:
        for tab in self.tabs.values():
            tab.show_person(person_id)

    def owns_focus(self) -> bool:
        """Ctrl+S / Ctrl+N on the page act here when the focus is inside the panel."""
        focus = QApplication.focusWidget()
        return focus is not None and self.isAncestorOf(focus)

    def current(self) -> FileTab:
        return self.tabs[list(self.tabs)[self.currentIndex()]]

    def data_changed(self, entity: str, row_id: int) -> None:
        """An undo or redo changed a record of the file: show it again."""
        if entity in self.tabs:
            self.tabs[entity].reload(select=row_id)
