"""One dialog for every dated staff action (điều động, nâng lương, thôi làm
việc…): the generic record form over the action's declaration from
``services.staff_actions``, saved through ``staff_actions.apply`` so the
history row, the person and the audit change together. Errors stay inline
and nothing typed is lost."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.services import people, staff_actions
from ui import dirty_guard, person_fill, vi
from ui.position_picker import PositionPicker, typed_date
from ui.record_form import RecordForm


class StaffActionDialog(QDialog):
    def __init__(self, ctx: Context, person_id: int, action: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.person_id, self.action = ctx, person_id, action
        entity = staff_actions.ACTIONS[action]
        person = people.get(ctx, person_id) or {}
        self.setWindowTitle(entity.label)
        choices = {"unit_id": people.unit_choices(ctx), "position_id": [],
                   "title_code": people.title_choices(ctx)}
        self.form = RecordForm(ctx, entity, self, store=self._store, choices=choices)
        if "position_id" in self.form.editors:
            date = self.form.editors["valid_from"]
            assert isinstance(date, QLineEdit)
            self.positions = PositionPicker(self.form, typed_date(date, ctx.today), date)
        if action != "nang_luong":  # that one fills from the person's stored salary class below
            person_fill.bind(self.form)
        self.form.load(person_id, staff_actions.current(ctx, person_id, action))
        self.form.title.setText(f"{entity.label}: {person.get('full_name', '')}")
        layout = QVBoxLayout(self)
        if person.get("unit_name"):
            layout.addWidget(QLabel(f"Đang công tác tại: {person['unit_name']}"))
        layout.addWidget(self.form)
        buttons = vi.button_box(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if action == "nang_luong":
            self._salary_class = person.get("salary_class")
            step = self.form.editors["salary_step"]
            assert isinstance(step, QLineEdit)
            step.textEdited.connect(self._fill_coefficient)
        self.form.editors[entity.fields[0].name].setFocus()

    def _fill_coefficient(self, text: str) -> None:
        """Typing a step fills in that step's coefficient from the salary table."""
        try:
            step = vntext.parse_number(text)
        except ValueError:
            return
        value = staff_actions.coefficient_of_step(self.ctx, self._salary_class, int(step or 0))
        editor = self.form.editors["coefficient"]
        if value is not None and isinstance(editor, QLineEdit):
            editor.setText(vntext.format_number(value, 2))

    def _store(self, raw: dict, record_id: int | None) -> int:
        return staff_actions.apply(self.ctx, self.person_id, self.action, raw)

    def save(self) -> None:
        if self.form.save(notify=False) is not None:
            self.accept()

    def reject(self) -> None:
        """«Hủy», Esc or the window's close: what was typed is saved, dropped or kept on request."""
        dirty_guard.close_asking(dirty_guard.dirty_forms(self.form), self.confirm_unsaved, self.save,
                                 super().reject)

    def confirm_unsaved(self, text: str) -> str:
        """"save", "discard" or "cancel"; tests replace this method."""
        return dirty_guard.ask_unsaved(self, text)
