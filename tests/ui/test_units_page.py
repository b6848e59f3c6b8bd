"""The Đơn vị page: listing, as-you-type accent-insensitive search, filters,
sorting by header, and adding / validating a unit with the keyboard only."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit
from qt_helpers import UNITS, type_text

from desktop_app.services import units as unit_service
from ui.unit_table_model import COLUMNS

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(main_window):
    main_window.show_page("units")
    return main_window.page("units")


def shown_names(page) -> list[str]:
    model = page.model
    name = [f.name for f in COLUMNS].index("name")
    return [model.index(row, name).data() for row in range(model.rowCount())]


def test_lists_active_units_sorted_by_name(page):
    active = sorted((u["name"] for u in UNITS if u.get("status") is None),
                    key=lambda n: unit_service.vntext.fold(n))
    assert shown_names(page) == active
    assert page.count.text() == "5 đơn vị"


def test_typing_without_accents_filters_as_you_type(page, qtbot):
    qtbot.keyClicks(page.search, "truong tieu hoc")
    assert sorted(shown_names(page)) == ["Trường Tiểu học Ngọc Thụy", "Trường Tiểu học Phúc Đồng"]
    page.search.clear()
    type_text(page.search, "Phúc Đồng")
    assert page.search.text() == "Phúc Đồng"
    assert len(shown_names(page)) == 3


def test_field_filter_and_closed_units(page):
    page.field_combo.setCurrentIndex(page.field_combo.findData("MN"))
    assert shown_names(page) == ["Trường Mầm non Hoa Sữa"]
    page.field_combo.setCurrentIndex(0)
    assert "Nhà văn hóa phường" not in shown_names(page)
    page.closed_box.setChecked(True)
    assert "Nhà văn hóa phường" in shown_names(page)
    assert page.count.text() == "6 đơn vị"


def test_clicking_a_header_sorts_by_that_column(page, qtbot):
    header = page.table.horizontalHeader()
    column = [f.name for f in COLUMNS].index("pupils")
    where = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, 5)

    def pupils():
        return [page.model.index(r, column).data() for r in range(page.model.rowCount())]

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert page.model.order == "pupils"
    first, first_descending = pupils(), page.model.descending
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    second = pupils()
    assert page.model.descending != first_descending
    ascending, descending = (second, first) if first_descending else (first, second)
    assert ascending == ["350", "700", "860", "", ""]  # empty values last either way
    assert descending == ["860", "700", "350", "", ""]


def test_adding_a_unit_with_the_keyboard(page, qtbot, ctx):
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL)
    code = page.form.editors["code"]
    assert code.hasFocus()
    qtbot.keyClicks(code, "TH03")
    qtbot.keyClick(code, Qt.Key.Key_Return)  # Enter moves on
    name = page.form.editors["name"]
    assert name.hasFocus()
    type_text(name, "Trường Tiểu học Gia Thụy")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    qtbot.keyClick(page.form.editors["short_name"], Qt.Key.Key_Tab)
    field = page.form.editors["field"]
    assert field.hasFocus()
    qtbot.keyClicks(field, "tieu h")  # a searchable list: accents optional, Enter takes «Tiểu học»
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.currentData() == "TH"
    qtbot.keyClick(field, Qt.Key.Key_S, CTRL)
    assert page.form.status.text() == "Đã lưu"
    [new_id] = unit_service.search_ids(ctx, "gia thuy")
    stored = unit_service.get(ctx, new_id)
    assert (stored["code"], stored["name"], stored["field"], stored["status"]) == (
        "TH03", "Trường Tiểu học Gia Thụy", "TH", "hoat_dong")
    assert "Trường Tiểu học Gia Thụy" in shown_names(page)
    assert page.model.id_at(page.table.currentIndex().row()) == new_id


def test_empty_name_shows_the_error_under_it_and_keeps_the_rest(page, qtbot, ctx):
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL)
    form = page.form
    qtbot.keyClicks(form.editors["code"], "YT02")
    form.editors["field"].setCurrentIndex(form.editors["field"].findData("YTE"))
    type_text(form.editors["managing_body"], "Ủy ban nhân dân phường")
    qtbot.keyClicks(form.editors["pupils"], "abc")
    qtbot.keyClick(form.editors["code"], Qt.Key.Key_S, CTRL)
    assert form.errors["name"].isVisible()
    assert form.errors["name"].text() == "Không được để trống."
    assert form.errors["pupils"].isVisible() and form.errors["code"].isHidden()
    assert form.editors["code"].text() == "YT02"
    assert form.editors["managing_body"].text() == "Ủy ban nhân dân phường"
    assert form.editors["pupils"].text() == "abc"
    assert form.editors["field"].currentData() == "YTE"
    assert unit_service.search_ids(ctx, "yt02") == []
    assert form.record_id is None


def test_selecting_a_row_loads_it_and_editing_saves(page, qtbot, ctx, units):
    page.select(units["TH01"])
    form = page.form
    assert form.editors["name"].text() == "Trường Tiểu học Phúc Đồng"
    assert form.editors["classes"].text() == "20"
    pupils: QLineEdit = form.editors["pupils"]
    pupils.clear()
    qtbot.keyClicks(pupils, "1.250")
    qtbot.keyClick(pupils, Qt.Key.Key_S, CTRL)
    assert form.status.text() == "Đã lưu"
    assert unit_service.get(ctx, units["TH01"])["pupils"] == 1250


def _type_in_name_then_pick(page, units, answer, monkeypatch, qtbot):
    asked = []
    monkeypatch.setattr(page, "confirm_unsaved", lambda: asked.append(1) or answer)
    page.select(units["TH01"])
    name = page.form.editors["name"]
    name.clear()
    type_text(name, "Trường Tiểu học Phúc Đồng 2")
    page.select(units["MN01"])
    return asked


def test_moving_away_can_cancel_and_keep_what_was_typed(page, qtbot, ctx, units, monkeypatch):
    asked = _type_in_name_then_pick(page, units, "cancel", monkeypatch, qtbot)
    assert asked == [1]
    assert page.form.record_id == units["TH01"]
    assert page.form.editors["name"].text() == "Trường Tiểu học Phúc Đồng 2"
    assert page.model.id_at(page.table.currentIndex().row()) == units["TH01"]
    assert unit_service.get(ctx, units["TH01"])["name"] == "Trường Tiểu học Phúc Đồng"


def test_moving_away_can_save(page, qtbot, ctx, units, monkeypatch):
    _type_in_name_then_pick(page, units, "save", monkeypatch, qtbot)
    assert unit_service.get(ctx, units["TH01"])["name"] == "Trường Tiểu học Phúc Đồng 2"
    assert page.form.record_id == units["MN01"]
    assert "Trường Tiểu học Phúc Đồng 2" in shown_names(page)


def test_moving_away_can_discard(page, qtbot, ctx, units, monkeypatch):
    _type_in_name_then_pick(page, units, "discard", monkeypatch, qtbot)
    assert unit_service.get(ctx, units["TH01"])["name"] == "Trường Tiểu học Phúc Đồng"
    assert page.form.editors["name"].text() == "Trường Mầm non Hoa Sữa"


def test_new_record_asks_before_dropping_changes(page, qtbot, units, monkeypatch):
    monkeypatch.setattr(page, "confirm_unsaved", lambda: "cancel")
    page.select(units["TH01"])
    qtbot.keyClicks(page.form.editors["classes"], "5")
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL)
    assert page.form.record_id == units["TH01"] and page.form.editors["classes"].text() == "205"


def test_tab_and_enter_walk_the_fields_in_declared_order(page, qtbot, app):
    from ui.record_form import sections

    expected = [f.name for _section, fields in sections(page.form.entity) for f in fields]
    page.new_record()
    visited = []
    for i in range(len(expected)):
        focused = app.focusWidget()
        visited.append(focused.objectName())
        key = Qt.Key.Key_Return if i % 2 and focused.objectName() != "note" else Qt.Key.Key_Tab
        qtbot.keyClick(focused, key)
    assert visited == expected


def test_a_mouse_click_away_then_cancel_leaves_the_edited_row_selected(page, qtbot, units,
                                                                        monkeypatch):
    monkeypatch.setattr(page, "confirm_unsaved", lambda: "cancel")
    page.select(units["TH01"])
    type_text(page.form.editors["name"], " 2")
    target = page.model.row_of(units["MN01"])
    rect = page.table.visualRect(page.model.index(target, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    edited = page.model.row_of(units["TH01"])
    qtbot.wait(50)
    selected = [i.row() for i in page.table.selectionModel().selectedRows()]
    assert selected == [edited] and page.table.currentIndex().row() == edited
    assert page.form.record_id == units["TH01"]
