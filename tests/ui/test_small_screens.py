"""Small screens (issue #18 §10): on 1366×768 with a 40 px taskbar at 100 %, 125 %
and 150 % scaling every page fits the window the screen leaves free, the page
list takes a small share of the width, and no filter or button text is cut.

Scaling multiplies every logical pixel alike (QT_SCALE_FACTOR, Windows' 125 %
and 150 %), so a page at 150 % on 1366×768 is laid out as at 100 % in a window
of 1366/1.5 × 768/1.5 logical pixels less the taskbar; the tests use those
sizes (docs/small_screens.py takes the same pages with the real scale factor)."""

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
)

from ui.pages import PAGES

SCALES = (1.0, 1.25, 1.5)
MIN_LIST_WIDTH = 100


def free_size(scale: float) -> QSize:
    return QSize(int(1366 / scale), int(768 / scale) - 40)


def cut_texts(page) -> list[str]:
    """Visible labels and buttons narrower than their text, combos whose shown text is elided."""
    cut = []
    for widget in page.findChildren(QLabel) + page.findChildren(QPushButton):
        if widget.isVisible() and not getattr(widget, "wordWrap", lambda: False)() and widget.text() \
                and widget.width() < widget.minimumSizeHint().width():
            cut.append(widget.text())
    for label in page.findChildren(QLabel):  # wrapped text: every line shows
        if label.isVisible() and label.wordWrap() and label.text() \
                and label.height() < label.heightForWidth(label.width()):
            cut.append(label.text())
    for combo in page.findChildren(QComboBox):
        if combo.isVisible() and not isinstance(combo.parentWidget(), QAbstractItemView) \
                and combo.fontMetrics().horizontalAdvance(combo.currentText()) > _text_room(combo):
            cut.append(combo.currentText())
    return cut


def _text_room(combo: QComboBox) -> int:
    if combo.isEditable():
        return combo.lineEdit().width() - 4  # QLineEdit's horizontal margin
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    return field.width()


@pytest.mark.parametrize("scale", SCALES)
def test_every_page_fits_the_free_screen_with_nothing_cut(main_window, qtbot, scale):
    free = free_size(scale)
    main_window.resize(free)
    for key, _title, _factory in PAGES:  # every page built first: no page may size another
        main_window.show_page(key)
    for key, _title, _factory in PAGES:
        main_window.show_page(key)
        page = main_window.page(key)
        qtbot.waitUntil(lambda: main_window.size().boundedTo(free) == main_window.size())
        qtbot.wait(10)  # the scroll area takes the page's size at its next layout pass
        frame = main_window.stack.frame
        view = frame.viewport()
        assert page.minimumSizeHint().width() <= view.width(), key  # never scrolled sideways
        assert frame.horizontalScrollBar().maximum() == 0, key
        needed = page.minimumSizeHint().height()
        if needed <= view.height():  # scrolled only by what this page needs, no other page
            assert frame.verticalScrollBar().maximum() == 0, (key, needed)
        assert cut_texts(page) == [], (key, scale)
        narrow = [(type(v).__name__, v.width()) for v in page.findChildren(QAbstractItemView)
                  if v.isVisible() and not isinstance(v, QHeaderView) and v.width() < MIN_LIST_WIDTH]
        assert narrow == [], (key, scale)  # a list squeezed by its neighbours shows nothing useful
    assert main_window.minimumSizeHint().boundedTo(free) == main_window.minimumSizeHint()
    assert main_window.nav.width() <= 0.16 * free.width()


def test_staff_filters_show_their_whole_text_at_150_percent(main_window, qtbot):
    main_window.resize(free_size(1.5))
    main_window.show_page("staff")
    page = main_window.page("staff")
    for combo in (page.unit_combo, page.title_combo, page.kind_combo, page.status_combo, page.age_combo):
        qtbot.waitUntil(combo.isVisible)
        text = combo.currentText()
        assert combo.fontMetrics().horizontalAdvance(text) <= _text_room(combo), text
