"""Nothing typed is lost (issue #18 §1): every record form asks before a row
change, a page change, Ctrl+N, a dated action or closing the window throws away
what was typed — «Hủy» keeps it, «Lưu» stores it, «Không lưu» drops it."""

import pytest
from PySide6.QtCore import Qt
from qt_helpers import type_text

from desktop_app.services import records
from ui import dirty_guard
from ui.record_form import RecordForm

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def people(ctx, units):
    return {name: records.create(ctx, "person", {"full_name": name, "unit_id": units[unit],
                                                 "gender": "nu", "recruited_on": "2020-01-01"})
            for name, unit in (("Nguyễn Thị Hằng", "TH01"), ("Lê Thu Phương", "MN01"))}


@pytest.fixture
def staff(main_window, people):
    main_window.show_page("staff")
    page = main_window.page("staff")
    page._refilter()
    return page


def answer(target, reply: str) -> list[str]:
    asked: list[str] = []
    target.confirm_unsaved = lambda text: asked.append(text) or reply
    return asked


def click_row(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def stored_names(ctx) -> list[str]:
    return [r[0] for r in ctx.db.conn.execute("SELECT full_name FROM person ORDER BY id")]


def start_new_person(qtbot, page) -> None:
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL)
    type_text(page.form.editors["full_name"], "Trần Văn Đức")


def test_clicking_another_row_asks_and_cancel_keeps_the_new_person(staff, qtbot, ctx):
    asked = answer(staff, "cancel")
    start_new_person(qtbot, staff)
    click_row(qtbot, staff.table, 1)
    assert len(asked) == 1 and "«Nhân sự»" in asked[0]
    assert staff.form.record_id is None
    assert staff.form.editors["full_name"].text() == "Trần Văn Đức"
    qtbot.waitUntil(lambda: not staff.table.selectionModel().hasSelection())
    assert stored_names(ctx) == ["Nguyễn Thị Hằng", "Lê Thu Phương"]


def test_clicking_another_row_can_save_the_typed_person(staff, qtbot, ctx, units):
    answer(staff, "save")
    staff.select(staff.model.ids[0])
    name = staff.form.editors["full_name"]
    name.clear()
    type_text(name, "Nguyễn Thị Hằng B")
    first_id = staff.form.record_id
    click_row(qtbot, staff.table, 1)
    row = ctx.db.conn.execute("SELECT full_name FROM person WHERE id = ?", (first_id,)).fetchone()
    assert row[0] == "Nguyễn Thị Hằng B"
    assert staff.form.record_id == staff.model.ids[1] != first_id


def test_clicking_another_row_can_drop_the_typed_text(staff, qtbot, ctx):
    answer(staff, "discard")
    start_new_person(qtbot, staff)
    click_row(qtbot, staff.table, 0)
    assert staff.form.record_id == staff.model.ids[0]
    assert stored_names(ctx) == ["Nguyễn Thị Hằng", "Lê Thu Phương"]


def test_ctrl_n_and_dated_actions_ask_first(staff, qtbot):
    asked = answer(staff, "cancel")
    staff.select(staff.model.ids[0])
    type_text(staff.form.editors["cccd"], "0011")
    qtbot.keyClick(staff.table, Qt.Key.Key_N, CTRL)
    staff.exec_dialog = lambda _dialog: pytest.fail("the dialog opened over unsaved changes")
    assert not staff.run_action("dieu_chuyen")
    assert len(asked) == 2 and staff.form.editors["cccd"].text() == "0011"


def test_evaluation_form_asks_before_another_year_or_row(staff, qtbot, ctx, people):
    from desktop_app.services import evaluations

    evaluations.save(ctx, people["Nguyễn Thị Hằng"], 2024, "HTTNV", None, None)
    staff.select(people["Nguyễn Thị Hằng"])
    tab = staff.evaluations
    asked = answer(tab, "cancel")
    type_text(tab.form.editors["year"], "2025")
    tab.another_year()
    click_row(qtbot, tab.table, 0)
    assert len(asked) == 2 and tab.form.editors["year"].text() == "2025" and tab.form.record_id is None


def test_changing_page_asks_and_cancel_stays(main_window, staff, qtbot):
    asked = answer(main_window, "cancel")
    start_new_person(qtbot, staff)
    main_window.show_page("units")
    assert len(asked) == 1
    assert main_window.stack.currentWidget() is staff
    assert main_window.nav.currentRow() == main_window.keys.index("staff")
    assert staff.form.editors["full_name"].text() == "Trần Văn Đức"


def test_changing_page_with_discard_drops_and_save_stores(main_window, staff, qtbot, ctx):
    answer(main_window, "discard")
    start_new_person(qtbot, staff)
    main_window.show_page("units")
    assert main_window.stack.currentWidget() is main_window.page("units")
    assert not staff.form.is_dirty() and staff.form.editors["full_name"].text() == ""
    main_window.show_page("staff")
    answer(main_window, "save")
    start_new_person(qtbot, staff)
    staff.form.editors["unit_id"].setCurrentIndex(1)
    main_window.show_page("units")
    assert "Trần Văn Đức" in stored_names(ctx)


def test_a_failed_save_keeps_the_page_and_shows_the_errors(main_window, staff, qtbot, ctx):
    answer(main_window, "save")
    start_new_person(qtbot, staff)  # no unit: the save fails
    main_window.show_page("units")
    assert main_window.stack.currentWidget() is staff
    assert staff.form.errors["unit_id"].text()
    assert stored_names(ctx) == ["Nguyễn Thị Hằng", "Lê Thu Phương"]


def test_closing_the_window_asks_for_every_page(main_window, qtbot, ctx, units):
    main_window.show_page("units")
    unit_page = main_window.page("units")
    unit_page.select(units["TH01"])
    type_text(unit_page.form.editors["classes"], "5")
    staff = main_window.page("staff")  # built, hidden, holding a typed name that cannot be saved
    type_text(staff.form.editors["full_name"], "Trần Văn Đức")
    asked = answer(main_window, "cancel")
    main_window.close()
    assert main_window.isVisible() and len(asked) == 1
    answer(main_window, "save")
    main_window.close()  # the unit is saved; the person has no unit: Nhân sự shows why
    assert main_window.isVisible() and main_window.stack.currentWidget() is staff
    assert staff.form.errors["unit_id"].text()
    staff.form.editors["unit_id"].setCurrentIndex(1)
    answer(main_window, "save")
    main_window.close()
    assert not main_window.isVisible()
    assert ctx.db.conn.execute("SELECT classes FROM unit WHERE id = ?", (units["TH01"],)).fetchone()[0] == 205


def test_every_form_of_every_page_is_guarded(main_window, qtbot):
    """The guard is generic: a change typed in any form of any page is found."""
    for key in main_window.keys:
        page = main_window.page(key)
        for form in page.findChildren(RecordForm):
            editor = next((e for e in form.editors.values() if hasattr(e, "setText") and e.isEnabled()), None)
            if editor is None:
                continue
            before = editor.text()
            editor.setText(before + "9")
            assert form in dirty_guard.dirty_forms(page), (key, form.entity.name)
            form.revert()
            assert editor.text() == before and not form.is_dirty()


def test_a_dated_action_dialog_asks_before_dropping_what_was_typed(qtbot, ctx, people):
    from ui.staff_action_dialog import StaffActionDialog

    dialog = StaffActionDialog(ctx, people["Nguyễn Thị Hằng"], "nang_luong")
    qtbot.addWidget(dialog)
    dialog.show()
    asked = answer(dialog, "cancel")
    type_text(dialog.form.editors["decision_no"], "12/QĐ-UBND")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(asked) == 1 and dialog.isVisible()
    answer(dialog, "discard")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
