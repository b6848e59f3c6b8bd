"""The «Vị trí việc làm» picker of a record form (issue #18 §2): its list holds
the positions of the unit chosen in the same form, under the regime in force on
the form's date (today in the staff form, the effective date in «Điều động…»),
refilled whenever the unit or the date changes, keeping the choice when it is
still offered. The position a person holds now is always listed, so loading
and saving a person never drops it silently."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop_app import vntext
from desktop_app.services import positions


class PositionPicker(QObject):
    def __init__(self, form, day: Callable[[], dt.date | None], date_editor: QLineEdit | None = None):
        super().__init__(form)
        self.form, self.day = form, day
        self.units: QComboBox = form.editors["unit_id"]
        self.combo: QComboBox = form.editors["position_id"]
        self.held: int | None = None  # the position stored for the record on show
        self.units.currentIndexChanged.connect(self.refill)
        if date_editor is not None:
            date_editor.textChanged.connect(self.refill)
        form.reset.connect(self._loaded)

    def refill(self, *_args) -> None:
        chosen = self.combo.currentData()
        items = positions.choices(self.form.ctx, self.units.currentData(), self.day(), keep=self.held)
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem("", None)
        for value, label in items:
            self.combo.addItem(label, value)
        self.combo.setCurrentIndex(max(self.combo.findData(chosen), 0) if chosen is not None else 0)
        self.combo.blockSignals(False)

    def _loaded(self) -> None:
        """A record was shown: list its stored position and count it as unchanged."""
        self.held = self.form.loaded.get("position_id")
        self.refill()
        if self.held is not None:
            self.combo.setCurrentIndex(max(self.combo.findData(self.held), 0))
        self.form.mark_clean()


def typed_date(editor: QLineEdit, fallback: dt.date) -> Callable[[], dt.date]:
    """The date typed in ``editor``; ``fallback`` while it is empty or incomplete."""
    def read() -> dt.date:
        try:
            return vntext.to_date(vntext.parse_date(editor.text())) or fallback
        except ValueError:
            return fallback
    return read
