"""Nothing typed in Cài đặt is lost (issue #18 §1, the class behind it): the office form
keeps its typing across a tab switch; a threshold's typed value asks before another row,
another page or closing replaces it — «Hủy» keeps it, «Lưu» stores it for the threshold it
was typed for, «Không lưu» drops it."""

import pytest
from PySide6.QtCore import Qt
from qt_helpers import type_text

from desktop_app import settings
from ui.settings_page import SettingsPage

FIRST, SECOND = 0, 1


@pytest.fixture
def page(app, qtbot, ctx):
    widget = SettingsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


def test_office_typing_survives_a_tab_switch(page, ctx):
    form = page.office_tab.form
    type_text(form.editors["signer_title"], "CHỦ TỊCH")
    page.tabs.setCurrentIndex(1)
    page.tabs.setCurrentIndex(0)
    assert form.editors["signer_title"].text() == "CHỦ TỊCH" and form.is_dirty()


def _type_in_first_then_move(page, qtbot, reply: str) -> tuple[list[str], list[dict]]:
    tab = page.thresholds_tab
    page.tabs.setCurrentWidget(tab)
    asked: list[str] = []
    tab.confirm_unsaved = lambda text: asked.append(text) or reply
    tab.view.setFocus()
    tab.view.selectRow(FIRST)
    tab.value.selectAll()
    type_text(tab.value, "7")
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Down)
    return asked, tab.items


def selected(tab) -> int:
    [row] = {i.row() for i in tab.view.selectionModel().selectedIndexes()}
    return row


def test_threshold_cancel_keeps_the_typed_value_and_row(page, qtbot, ctx):
    asked, items = _type_in_first_then_move(page, qtbot, "cancel")
    tab = page.thresholds_tab
    qtbot.wait(20)
    assert len(asked) == 1 and "«Chỉ tiêu»" in asked[0]
    assert tab.value.text() == "7" and selected(tab) == FIRST
    assert settings.threshold(ctx, items[FIRST]["code"]) == items[FIRST]["default"]


def test_threshold_save_stores_it_for_the_row_it_was_typed_in(page, qtbot, ctx):
    _asked, items = _type_in_first_then_move(page, qtbot, "save")
    tab = page.thresholds_tab
    assert settings.threshold(ctx, items[FIRST]["code"]) == 7
    assert settings.threshold(ctx, items[SECOND]["code"]) == items[SECOND]["default"]
    assert selected(tab) == SECOND and tab.current()["code"] == items[SECOND]["code"]
    assert not tab.is_dirty()


def test_threshold_discard_drops_it(page, qtbot, ctx):
    _asked, items = _type_in_first_then_move(page, qtbot, "discard")
    tab = page.thresholds_tab
    assert settings.threshold(ctx, items[FIRST]["code"]) == items[FIRST]["default"]
    assert selected(tab) == SECOND and not tab.is_dirty()


def test_a_typed_threshold_is_guarded_on_a_page_change(main_window, qtbot, ctx):
    main_window.show_page("settings")
    tab = main_window.page("settings").thresholds_tab
    main_window.page("settings").tabs.setCurrentWidget(tab)
    tab.view.selectRow(FIRST)
    tab.value.selectAll()
    type_text(tab.value, "7")
    asked: list[str] = []
    main_window.confirm_unsaved = lambda text: asked.append(text) or "cancel"
    main_window.show_page("units")
    assert len(asked) == 1 and "«Chỉ tiêu»" in asked[0]
    assert tab.value.text() == "7"
