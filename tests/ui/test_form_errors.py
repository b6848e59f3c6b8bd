"""Errors on a tab the clerk cannot see (issue #18 §3): saving jumps to the first
bad field on its tab, every tab holding an error is marked (and unmarked once
fixed), the status names those tabs, and no error text is clipped."""

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QScrollArea
from qt_helpers import type_text

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(main_window):
    main_window.resize(1366, 728)
    main_window.show_page("staff")
    return main_window.page("staff")


def bad_new_person(qtbot, page) -> None:
    page.new_record()
    type_text(page.form.editors["full_name"], "Trần Văn Đức")
    type_text(page.form.editors["birth_date"], "32/13/1990")  # Cá nhân; no unit: Công tác
    page.form.tabs.setCurrentIndex(page.form.tab_names.index("Lương"))
    qtbot.keyClick(page.form.editors["coefficient"], Qt.Key.Key_S, CTRL)


def test_saving_jumps_to_the_first_bad_field_and_marks_its_tabs(page, qtbot, units):
    bad_new_person(qtbot, page)
    form = page.form
    assert form.tabs.currentIndex() == form.tab_names.index("Cá nhân")
    qtbot.waitUntil(lambda: form.editors["birth_date"].hasFocus())
    texts = [form.tabs.tabText(i) for i in range(len(form.tab_names))]
    assert texts[:3] == ["Cá nhân (có lỗi)", "Công tác (có lỗi)", "Lương"]
    assert "«Cá nhân», «Công tác»" in form.status.text()
    form.editors["birth_date"].clear()
    type_text(form.editors["birth_date"], "15/03/1985")
    form.editors["unit_id"].setCurrentIndex(1)
    page.save_record()
    assert form.status.text() == "Đã lưu"
    assert [form.tabs.tabText(i) for i in range(3)] == ["Cá nhân", "Công tác", "Lương"]


@pytest.mark.parametrize("size", [(1366, 728), (1024, 700)])
def test_no_error_message_is_clipped(page, qtbot, units, main_window, size):
    main_window.resize(*size)
    bad_new_person(qtbot, page)
    scroll = next(w for w in page.findChildren(QScrollArea) if w.isAncestorOf(page.form))
    viewport = scroll.viewport()
    for tab, _name in enumerate(page.form.tab_names):
        page.form.tabs.setCurrentIndex(tab)
        qtbot.wait(10)
        for name, label in page.form.errors.items():
            if not label.isVisible():
                continue
            scroll.ensureWidgetVisible(label)
            shown = QRect(label.mapTo(viewport, QPoint(0, 0)), label.size())
            assert viewport.rect().contains(shown), (name, shown, viewport.rect())
            assert label.height() >= label.heightForWidth(label.width()), name
    assert page.form.status.height() >= page.form.status.heightForWidth(page.form.status.width())
