"""Nothing typed is lost in the small record lists under a form (issue #18 §1, the class
behind it): the đơn vị's tổ chuyên môn (ChildRecords, as on Vị trí việc làm and Tài chính)
and each kind of the person's hồ sơ. A click on another row with unsaved changes asks;
«Hủy» keeps what was typed AND leaves the highlighted row on the record being edited —
not on the row clicked, which a «Xóa» would then act on."""

import pytest
from PySide6.QtCore import Qt
from qt_helpers import type_text

from desktop_app.services import records

CTRL = Qt.KeyboardModifier.ControlModifier


def click_row(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def highlighted(table) -> list[int]:
    return [i.row() for i in table.selectionModel().selectedRows()]


@pytest.fixture
def divisions(main_window, ctx, units):
    for name in ("Tổ Toán", "Tổ Văn"):
        records.create(ctx, "division", {"unit_id": units["THCS1"], "name": name})
    main_window.show_page("units")
    page = main_window.page("units")
    page.select(units["THCS1"])
    return page.divisions


def test_division_click_away_then_cancel_keeps_row_and_text(divisions, qtbot, ctx, monkeypatch):
    asked = []
    monkeypatch.setattr(divisions, "confirm_unsaved", lambda: asked.append(1) or "cancel")
    click_row(qtbot, divisions.table, 0)
    edited = divisions.form.record_id
    type_text(divisions.form.editors["name"], " 2")
    click_row(qtbot, divisions.table, 1)
    qtbot.wait(50)
    assert asked == [1]
    assert divisions.form.record_id == edited and divisions.form.editors["name"].text().endswith(" 2")
    assert highlighted(divisions.table) == [0] and divisions.table.currentIndex().row() == 0


@pytest.fixture
def training(main_window, ctx, units):
    person = records.create(ctx, "person", {"full_name": "Đỗ Thị Hồ Sơ", "unit_id": units["TH01"]})
    for school in ("Trường Đại học Vinh", "Trường Đại học Huế"):
        records.create(ctx, "training", {"person_id": person, "kind": "dao_tao",
                                                "from_date": "2008-09", "institution": school})
    main_window.show_page("staff")
    staff = main_window.page("staff")
    staff.model.reload()
    staff.select(person)
    staff.form.tabs.setCurrentWidget(staff.ho_so)
    return staff.ho_so.tabs["training"]


def institutions(ctx) -> list[str]:
    return [r[0] for r in ctx.db.execute("SELECT institution FROM training ORDER BY id")]


def test_ho_so_click_away_asks_and_cancel_keeps_row_and_text(training, qtbot, ctx):
    asked: list[str] = []
    training.confirm_unsaved = lambda text: asked.append(text) or "cancel"
    click_row(qtbot, training.table, 0)
    editor = training.form.editors["institution"]
    first = editor.text()
    type_text(editor, " cơ sở 2")
    click_row(qtbot, training.table, 1)
    qtbot.wait(50)
    assert len(asked) == 1
    assert editor.text() == first + " cơ sở 2" and training.form.record_id is not None
    assert highlighted(training.table) == [0]
    assert first in institutions(ctx) and first + " cơ sở 2" not in institutions(ctx)


def test_ho_so_click_away_can_save_what_was_typed(training, qtbot, ctx):
    training.confirm_unsaved = lambda text: "save"
    click_row(qtbot, training.table, 0)
    editor = training.form.editors["institution"]
    first = editor.text()
    type_text(editor, " cơ sở 2")
    click_row(qtbot, training.table, 1)
    assert first + " cơ sở 2" in institutions(ctx)
    qtbot.waitUntil(lambda: first + " cơ sở 2" in [r["institution"] for r in training.model.rows])
    assert training.form.record_id == training.model.rows[training.table.currentIndex().row()]["id"]
    assert training.form.editors["institution"].text() not in ("", first + " cơ sở 2")


def test_ho_so_new_record_asks_before_dropping_what_was_typed(training, qtbot, ctx):
    asked: list[str] = []
    training.confirm_unsaved = lambda text: asked.append(text) or "cancel"
    training.new_record()
    editor = training.form.editors["institution"]
    type_text(editor, "Học viện Hành chính")
    qtbot.keyClick(editor, Qt.Key.Key_N, CTRL)
    assert len(asked) == 1 and editor.text() == "Học viện Hành chính"


def test_division_saved_on_the_way_to_another_row_is_listed_as_saved(divisions, qtbot, ctx, monkeypatch):
    monkeypatch.setattr(divisions, "confirm_unsaved", lambda: "save")
    changed: list[int] = []
    divisions.changed.connect(lambda: changed.append(1))
    click_row(qtbot, divisions.table, 0)
    first = divisions.form.editors["name"].text()
    type_text(divisions.form.editors["name"], " 2")
    click_row(qtbot, divisions.table, 1)
    stored = [r[0] for r in ctx.db.execute("SELECT name FROM division ORDER BY id")]
    assert first + " 2" in stored
    qtbot.waitUntil(lambda: first + " 2" in [divisions.model.index(r, 0).data()
                                             for r in range(divisions.model.rowCount())])
    assert changed and divisions.form.record_id == divisions.model.id_at(divisions.table.currentIndex().row())
