"""Small screens and screen readers (issue #18 §10): every focusable control of
every page, tab and the first-run dialog has a Vietnamese accessible name; the
window's default size fits a 1366×768 screen with its taskbar."""

from PySide6.QtWidgets import QTabWidget, QWidget
from test_no_english import english_in

from ui.accessibility import focusable
from ui.pages import PAGES


def unnamed(root: QWidget) -> list[str]:
    return [f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__}"
            for w in root.findChildren(QWidget) if focusable(w) and not w.accessibleName().strip()]


def test_every_focusable_control_has_a_vietnamese_name(main_window):
    for key, _title, _factory in PAGES:
        main_window.show_page(key)
        page = main_window.page(key)
        for tabs in page.findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
        assert unnamed(page) == [], key
        names = [w.accessibleName() for w in page.findChildren(QWidget) if focusable(w)]
        assert english_in(names) == [], key


def test_first_run_dialog_controls_are_named(app, qtbot, tmp_path):
    from desktop_app.context import open_context
    from ui.office_dialog import OfficeDialog

    ctx = open_context(tmp_path / "new.sqlite")
    try:
        dialog = OfficeDialog(ctx)
        qtbot.addWidget(dialog)
        assert unnamed(dialog) == []
    finally:
        ctx.close()


def test_the_first_window_fits_a_small_screen():
    from PySide6.QtCore import QSize

    from ui.main_window import default_size

    assert default_size(QSize(1366, 728)) == QSize(1280, 728)  # 1366×768 less a 40 px taskbar
    assert default_size(QSize(910, 485)) == QSize(910, 485)  # the same screen at 150 %
    assert default_size(QSize(1920, 1040)) == QSize(1280, 780)
