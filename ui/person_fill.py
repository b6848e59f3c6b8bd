"""What a person form fills in by itself (issue #18 §4): choosing a «Mã CDNN»
sets its hạng and loại ngạch lương from the CDNN catalogue; choosing a loại
ngạch lương or typing a «Bậc lương» sets «Hệ số lương» from the salary table
(NĐ 204/2004). Works on any form holding some of these fields (the person form,
the «Chức danh, hạng…» and «Nâng lương…» dialogs); the clerk may still overwrite."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop_app import vntext
from desktop_app.services import staff_actions


def bind(form) -> None:
    editors = form.editors
    title, salary_class, step = (editors.get(n) for n in ("title_code", "salary_class", "salary_step"))
    if isinstance(title, QComboBox):  # «activated»: chosen by the clerk, not shown by a load
        title.activated.connect(lambda _i: _from_title(form))
    if isinstance(salary_class, QComboBox):
        salary_class.activated.connect(lambda _i: fill_coefficient(form))
    if isinstance(step, QLineEdit):
        step.textEdited.connect(lambda _t: fill_coefficient(form))


def _from_title(form) -> None:
    item = form.ctx.catalogues.item("cdnn", form.editors["title_code"].currentData()) or {}
    for name, key in (("title_rank", "hang"), ("salary_class", "salary_class")):
        editor = form.editors.get(name)
        if isinstance(editor, QComboBox) and item.get(key):
            index = editor.findData(item[key])
            if index >= 0:
                editor.setCurrentIndex(index)
    fill_coefficient(form)


def fill_coefficient(form) -> None:
    """The table coefficient of the typed step in the chosen (or stored) salary class."""
    step_editor, target = form.editors.get("salary_step"), form.editors.get("coefficient")
    if not isinstance(step_editor, QLineEdit) or not isinstance(target, QLineEdit):
        return
    classes = form.editors.get("salary_class")
    chosen = isinstance(classes, QComboBox)
    salary_class = classes.currentData() if chosen else form.loaded.get("salary_class")
    try:
        step = int(vntext.parse_number(step_editor.text()) or 0)
    except ValueError:
        return
    value = staff_actions.coefficient_of_step(form.ctx, salary_class, step)
    if value is not None:
        target.setText(vntext.format_number(value, 2))
