"""«Giới thiệu Biên chế»: reached from the main window's «Trợ giúp» menu,
states the version, the data file and the licences; the application and its
windows carry the Biên chế icon."""

from __future__ import annotations

from PySide6.QtGui import QImage

from desktop_app import __version__, about
from desktop_app.paths import resource_path
from ui.about_dialog import TITLE, AboutDialog


def test_help_menu_opens_the_about_dialog(main_window, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self) or 0)
    [menu] = [a for a in main_window.menuBar().actions() if a.text() == "&Trợ giúp"]
    guide = menu.menu().actions()[0]
    assert guide.shortcut().toString() == "F1"  # F1 is the user guide (tests/ui/test_help_and_files.py)
    [action] = [a for a in menu.menu().actions() if a.text() == TITLE]
    action.trigger()
    [dialog] = shown
    assert dialog.windowTitle() == TITLE
    assert str(main_window.ctx.path) in dialog.text.text()


def test_about_states_version_data_file_and_licences(app, qtbot, ctx):
    dialog = AboutDialog(ctx)
    qtbot.addWidget(dialog)
    text = dialog.text.text()
    assert f"Phiên bản <b>{__version__}</b>" in text
    assert str(ctx.path) in text
    for needle in ("Liberation Serif", "SIL Open Font License 1.1", "PySide6", "LGPLv3",
                   "openpyxl", "ReportLab", "sqlite-utils"):
        assert needle in text
    pyside = next(c for c in about.COMPONENTS if c.distribution == "PySide6-Essentials")
    assert about.component_version(pyside) in text and about.component_version(pyside)


def test_licence_and_data_folder_buttons_open_the_right_places(app, qtbot, ctx):
    dialog = AboutDialog(ctx)
    qtbot.addWidget(dialog)
    opened = []
    dialog.open_path = opened.append
    dialog.licence_button.click()
    dialog.folder_button.click()
    assert opened == [resource_path("fonts", "OFL.txt"), ctx.path.parent]
    assert "SIL OPEN FONT LICENSE Version 1.1" in opened[0].read_text("utf-8")


def test_application_and_window_have_the_icon(app, main_window):
    assert not app.windowIcon().isNull()
    assert not main_window.windowIcon().isNull()
    image = QImage(str(resource_path("icons", "bienche.png")))
    assert (image.width(), image.height()) == (256, 256)
    ico = resource_path("icons", "bienche.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and int.from_bytes(ico[4:6], "little") >= 4  # sizes 16…256
