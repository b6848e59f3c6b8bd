"""First run: the office identity is asked for and stored through services."""

import sys
import types

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from qt_helpers import type_text

from desktop_app.context import open_context
from desktop_app.entities import OFFICE
from desktop_app.services import office
from ui.office_dialog import LATER, OfficeDialog


@pytest.fixture
def fresh_ctx(app, tmp_path):
    context = open_context(tmp_path / "new.sqlite")
    yield context
    context.close()


def test_fields_come_from_the_office_declaration(qtbot, fresh_ctx):
    dialog = OfficeDialog(fresh_ctx)
    qtbot.addWidget(dialog)
    assert list(dialog.form.editors) == [f.name for f in OFFICE.fields if f.name not in LATER]


def test_manual_office_is_saved(qtbot, fresh_ctx):
    assert office.get(fresh_ctx) is None
    dialog = OfficeDialog(fresh_ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.form.editors["name"], "Ủy ban nhân dân xã Đông Anh")
    level = dialog.form.editors["level"]
    level.setCurrentIndex(level.findData("xa"))
    type_text(dialog.form.editors["province"], "Hà Nội")
    with qtbot.waitSignal(dialog.finished):
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = office.get(fresh_ctx)
    assert (stored["name"], stored["level"], stored["province"]) == (
        "Ủy ban nhân dân xã Đông Anh", "xa", "Hà Nội")


def test_missing_name_is_shown_and_nothing_saved(qtbot, fresh_ctx):
    dialog = OfficeDialog(fresh_ctx)
    qtbot.addWidget(dialog)
    level = dialog.form.editors["level"]
    level.setCurrentIndex(level.findData("so"))
    dialog.form.save()
    assert dialog.form.errors["name"].text() == "Không được để trống."
    assert office.get(fresh_ctx) is None and dialog.result() != QDialog.DialogCode.Accepted


def test_demo_button_calls_the_demo_generator(qtbot, fresh_ctx, monkeypatch):
    # The real generator is written on another branch; the handler's contract is
    # demo.generate(ctx, scale="office", seed=1) and an office afterwards.
    calls = []

    def generate(ctx, scale, seed):
        calls.append((scale, seed))
        office.save(ctx, {"name": "Ủy ban nhân dân phường Mẫu", "level": "xa"})
        return {}

    monkeypatch.setitem(sys.modules, "desktop_app.services.demo", types.SimpleNamespace(generate=generate))
    monkeypatch.delattr("desktop_app.services.demo", raising=False)
    dialog = OfficeDialog(fresh_ctx)
    qtbot.addWidget(dialog)
    dialog.demo_button.click()
    assert calls == [("office", 1)]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert office.get(fresh_ctx)["name"] == "Ủy ban nhân dân phường Mẫu"


def test_first_run_asks_for_the_signer_and_kinh_gui_too(qtbot, fresh_ctx):
    dialog = OfficeDialog(fresh_ctx)
    qtbot.addWidget(dialog)
    for name in ("report_code", "sign_authority", "head_title", "signer_title", "signer_name", "addressee"):
        assert name in dialog.form.editors
    type_text(dialog.form.editors["name"], "Ủy ban nhân dân xã Đông Anh")
    level = dialog.form.editors["level"]
    level.setCurrentIndex(level.findData("xa"))
    type_text(dialog.form.editors["signer_name"], "Nguyễn Văn Bình")
    with qtbot.waitSignal(dialog.finished):
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    stored = office.get(fresh_ctx)
    assert stored["signer_name"] == "Nguyễn Văn Bình" and stored["place"] == "Đông Anh"
