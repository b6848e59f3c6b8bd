"""Báo cáo layout: form names wrap instead of being clipped, and the selected
form's legal source is shown under the list."""

from desktop_app.reports.engine import forms
from ui.reports_page import ReportsPage


def test_form_names_wrap_and_source_follows_selection(qtbot, ctx):
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.resize(800, 600)  # a narrow window: the list is too narrow for the longest names
    page.show()
    qtbot.wait(50)
    defs = list(forms().values())
    longest = max(range(len(defs)), key=lambda i: len(defs[i].name))
    page.form_list.setCurrentRow(longest)
    assert page.form_source.text() == f"Căn cứ: {defs[longest].source}"
    viewport = page.form_list.viewport().width()
    line = page.form_list.fontMetrics().height()
    for row in range(page.form_list.count()):
        rect = page.form_list.visualItemRect(page.form_list.item(row))
        assert rect.right() <= viewport  # inside the list: nothing runs off to the right
    assert page.form_list.visualItemRect(page.form_list.item(longest)).height() >= 2 * line  # wrapped
    assert page.form_list.horizontalScrollBar().maximum() == 0
