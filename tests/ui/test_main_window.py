"""The main window assembles the SPEC §10 pages, switches between them,
remembers its geometry and hands Ctrl+F/N/S to the current page."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ui.pages import PAGES, PlaceholderPage
from ui.units_page import UnitsPage

SPEC_PAGES = ["Tổng quan", "Đơn vị", "Vị trí việc làm", "Biên chế", "Nhân sự", "Sắp xếp", "Tinh giản",
              "Tự chủ & kinh phí", "Báo cáo", "Nhập dữ liệu", "Gói dữ liệu", "Nhật ký", "Cài đặt"]


def test_navigation_lists_every_page_in_order(main_window):
    nav = main_window.nav
    assert [nav.item(i).text() for i in range(nav.count())] == SPEC_PAGES
    assert main_window.stack.count() == len(SPEC_PAGES)
    assert main_window.windowTitle() == "Biên chế — Ủy ban nhân dân phường Phúc Đồng"


def test_clicking_an_entry_shows_its_page(main_window, qtbot):
    for row, (key, title, _factory) in enumerate(PAGES):
        rect = main_window.nav.visualItemRect(main_window.nav.item(row))
        qtbot.mouseClick(main_window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        page = main_window.stack.currentWidget()
        assert page is main_window.page(key)
        assert page.isVisible()
        if isinstance(page, PlaceholderPage):
            texts = [label.text() for label in page.findChildren(QLabel)]
            assert title in texts and "Chức năng đang được xây dựng." in texts
    assert isinstance(main_window.page("units"), UnitsPage)


def test_geometry_and_page_are_remembered(app, qtbot, ctx, units, settings):
    from ui.main_window import MainWindow

    first = MainWindow(ctx, settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(780, 560)  # inside the offscreen screen (800×600)
    first.show_page("audit")
    first.close()
    second = MainWindow(ctx, settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (780, 560)
    assert second.stack.currentWidget() is second.page("audit")


def test_shortcuts_go_to_the_current_page(main_window, qtbot):
    page = main_window.page("units")
    main_window.show_page("units")
    main_window.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.search.hasFocus())
    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.form.editors["code"].hasFocus())
    assert page.form.record_id is None
    main_window.show_page("audit")
    qtbot.keyClick(main_window.nav, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # no page handler


def test_ctrl_and_a_digit_switch_pages(main_window, qtbot):
    main_window.activateWindow()
    for key in ("staff", "units", "reports", "dashboard"):
        digit = main_window.keys.index(key) + 1  # Ctrl+N is the N-th page of the list
        assert digit <= 9
        qtbot.keyClick(main_window.nav, getattr(Qt.Key, f"Key_{digit}"), Qt.KeyboardModifier.ControlModifier)
        assert main_window.stack.currentWidget() is main_window.page(key)
