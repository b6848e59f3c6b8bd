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


def test_demo_goes_to_a_file_of_its_own_and_the_real_file_is_untouched(qtbot, fresh_ctx, monkeypatch):
    calls = []

    def generate(ctx, scale, seed):
        calls.append((ctx.path, scale, seed))
        office.save(ctx, {"name": "Ủy ban nhân dân phường Mẫu", "level": "xa"})
        return {}

    monkeypatch.setitem(sys.modules, "desktop_app.services.demo", types.SimpleNamespace(generate=generate))
    monkeypatch.delattr("desktop_app.services.demo", raising=False)
    dialog = OfficeDialog(fresh_ctx)
    qtbot.addWidget(dialog)
    launched = []
    dialog.launch = lambda path: launched.append(path) or True
    tables_before = fresh_ctx.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    dialog.demo_button.click()
    demo_file = fresh_ctx.path.with_name("du-lieu-mau.sqlite")
    assert calls == [(demo_file, "office", 1)] and launched == [str(demo_file)]
    assert office.get(fresh_ctx) is None  # the clerk's file holds nothing of the demo
    assert fresh_ctx.db.execute("SELECT count(*) FROM audit").fetchone()[0] == tables_before
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_a_window_on_the_demo_file_says_so(app, qtbot, tmp_path, settings):
    from desktop_app.context import open_context
    from ui.main_window import MainWindow

    demo_ctx = open_context(tmp_path / "du-lieu-mau.sqlite")
    try:
        office.save(demo_ctx, {"name": "Ủy ban nhân dân phường Mẫu", "level": "xa"})
        window = MainWindow(demo_ctx, settings)
        qtbot.addWidget(window)
        assert "DỮ LIỆU MẪU" in window.windowTitle()
        window.close()
    finally:
        demo_ctx.close()


def test_first_run_saves_on_ctrl_s_and_on_enter_in_the_last_field(qtbot, fresh_ctx):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    dialog = OfficeDialog(fresh_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    editors = list(dialog.form.editors.values())
    dialog.activateWindow()
    editors[0].setFocus()
    qtbot.waitUntil(editors[0].hasFocus)
    type_text(editors[0], "Ủy ban nhân dân xã Đông Anh")
    for editor in editors[1:]:  # Tab walks the fields in order, then «Lưu»
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is editor, (editor.objectName(), QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    assert QApplication.focusWidget() is save
    level = dialog.form.editors["level"]
    level.setCurrentIndex(level.findData("xa"))
    # Kính gửi and Nơi nhận (the last fields) hold several lines, so Enter is a new line there;
    # Enter in the last one-line field moves on to them, and Ctrl+S saves from anywhere.
    one_line = [e for e in editors if not isinstance(e, QPlainTextEdit)][-1]
    one_line.setFocus()
    qtbot.keyClick(one_line, Qt.Key.Key_Return)
    assert isinstance(QApplication.focusWidget(), QPlainTextEdit)
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert office.get(fresh_ctx)["name"] == "Ủy ban nhân dân xã Đông Anh"


def test_first_run_ctrl_s(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    ctx = open_context(tmp_path / "other.sqlite")
    try:
        dialog = OfficeDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        type_text(dialog.form.editors["name"], "Ủy ban nhân dân xã Vân Nội")
        level = dialog.form.editors["level"]
        level.setCurrentIndex(level.findData("xa"))
        dialog.form.editors["name"].setFocus()
        qtbot.waitUntil(dialog.form.editors["name"].hasFocus)
        with qtbot.waitSignal(dialog.finished):
            qtbot.keyClick(dialog.form.editors["name"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert office.get(ctx)["name"] == "Ủy ban nhân dân xã Vân Nội"
    finally:
        ctx.close()


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
