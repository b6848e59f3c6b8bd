"""The focused control is always visible (issue #18 §4): a ring in one colour
along its edge, whatever kind of control it is, and it is scrolled into view in
every scroll area around it however the focus got there."""

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.focus_ring import COLOUR, WIDTH


def shown_in_window(widget: QWidget) -> QRect:
    window = widget.window()
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def edge_colours(widget: QWidget) -> set[str]:
    """The colours of the pixels just inside the middle of each of the widget's four edges."""
    image = widget.window().grab(shown_in_window(widget)).toImage()
    w, h, inset = image.width(), image.height(), WIDTH // 2
    points = ((w // 2, inset), (w // 2, h - 1 - inset), (inset, h // 2), (w - 1 - inset, h // 2))
    return {image.pixelColor(x, y).name() for x, y in points}


def in_view(widget: QWidget) -> bool:
    """The whole widget shows in every scroll area's viewport around it, and in the window."""
    rect = shown_in_window(widget)
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QAbstractScrollArea) and not parent.viewport().rect().contains(
                QRect(widget.mapTo(parent.viewport(), QPoint(0, 0)), widget.size())):
            return False
        parent = parent.parentWidget()
    return widget.window().rect().contains(rect)


@pytest.fixture
def staff(main_window, qtbot):
    main_window.resize(910, 472)  # 1366×768 at 150 % less the taskbar
    main_window.show_page("staff")
    page = main_window.page("staff")
    page.new_record()
    return page


def controls(page, window) -> dict[str, QWidget]:
    tinh_gian = window.page("tinh_gian")
    save = next(b for b in page.findChildren(QPushButton) if b.text() == "Lưu hồ sơ")
    return {"line edit": page.form.editors["full_name"], "combo": page.form.editors["gender"],
            "searchable combo": page.unit_combo, "check box": page.form.editors["party_member"],
            "button": save, "table": page.table,
            "tab bar": page.form.tabs.tabBar(), "spin box": tinh_gian.year, "date edit": tinh_gian.day}


def test_every_kind_of_control_shows_the_ring_when_focused_and_only_then(staff, main_window, qtbot):
    kinds = controls(staff, main_window)
    for kind, widget in kinds.items():
        main_window.show_page("tinh_gian" if kind in ("spin box", "date edit") else "staff")
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        qtbot.waitUntil(lambda w=widget: edge_colours(w) == {COLOUR.name()}, timeout=2000)
        other = staff.search if kind not in ("spin box", "date edit") else widget.parentWidget()
        other.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        other.setFocus()
        qtbot.waitUntil(other.hasFocus)
        qtbot.waitUntil(lambda w=widget: COLOUR.name() not in edge_colours(w), timeout=2000)


def test_tab_through_a_long_form_in_a_small_window_keeps_the_field_in_view(staff, main_window, qtbot):
    staff.form.editors["full_name"].setFocus()
    qtbot.waitUntil(staff.form.editors["full_name"].hasFocus)
    seen = []
    for _step in range(40):
        focused = QApplication.focusWidget()
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        seen.append(focused)
        qtbot.waitUntil(lambda f=focused: in_view(f) and edge_colours(f) == {COLOUR.name()}, timeout=2000)
    assert main_window.height() <= 472 and len(set(seen)) > 20


def test_a_field_focused_by_a_shortcut_is_scrolled_into_view_in_nested_scroll_areas(app, qtbot):
    outer, inner = QScrollArea(), QScrollArea()
    content, deep = QWidget(), QWidget()
    QVBoxLayout(deep).addWidget(target := QLineEdit())
    deep.layout().insertSpacing(0, 900)
    inner.setWidget(deep)
    inner.setWidgetResizable(True)
    inner.setMinimumHeight(150)
    column = QVBoxLayout(content)
    column.addSpacing(900)
    column.addWidget(inner)
    column.addWidget(first := QLineEdit())
    outer.setWidget(content)
    outer.setWidgetResizable(True)
    outer.resize(400, 300)
    qtbot.addWidget(outer)
    outer.show()
    qtbot.waitExposed(outer)
    assert not in_view(target)
    target.setFocus()  # as Ctrl+F, an error jump or a label's Alt+letter do: no Tab involved
    qtbot.waitUntil(lambda: in_view(target) and edge_colours(target) == {COLOUR.name()})
    first.setFocus()
    qtbot.waitUntil(lambda: in_view(first))
