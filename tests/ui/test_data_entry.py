"""Data entry with the keyboard across the pages built on the record form:
a unit, three job positions, quotas for 2021 and 2026, a copy from the year
before, finance with its computed group — then the database holds exactly
that, with audit rows, and Ctrl+Z / Ctrl+Y undo and redo the last edit."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication
from qt_helpers import type_text

from db import repo
from desktop_app.services import records
from ui.quota_grid_model import COLUMNS as QUOTA_COLUMNS
from ui.quota_grid_model import OVER_BACKGROUND

CTRL = Qt.KeyboardModifier.ControlModifier


def focused():
    return QApplication.focusWidget()


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focused(), k, modifier)


def fill(qtbot, form, name, text):
    """Put the cursor in a field and type (any text, one character at a time)."""
    editor = form.editors[name]
    editor.setFocus()
    if hasattr(editor, "selectAll"):
        editor.selectAll()
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    type_text(editor, text)


def audited(ctx, entity):
    return repo.query(ctx.db, "SELECT action, entity_id, field, old, new FROM audit WHERE entity = ? "
                      "ORDER BY id", [entity])


def add_unit(qtbot, window, ctx):
    window.show_page("units")
    page = window.page("units")
    page.table.setFocus()
    key(qtbot, Qt.Key.Key_N, CTRL)
    assert page.form.editors["code"].hasFocus()
    qtbot.keyClicks(focused(), "TH09")
    key(qtbot, Qt.Key.Key_Return)
    type_text(focused(), "Trường Tiểu học Thạch Bàn")
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Ti")
    key(qtbot, Qt.Key.Key_S, CTRL)
    assert page.form.status.text() == "Đã lưu"
    return repo.find(ctx.db, "unit", code="TH09")[0]["id"]


def pick_unit(qtbot, window, page_key):
    window.show_page(page_key)
    page = window.page(page_key)
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_F, CTRL)
    assert page.picker.search.hasFocus()
    qtbot.keyClicks(page.picker.search, "thach ban")
    key(qtbot, Qt.Key.Key_Return)
    return page


def add_position(qtbot, page, group_row, name, required, date=None, code=None, levels=None):
    key(qtbot, Qt.Key.Key_N, CTRL)
    form = page.form
    assert form.editors["regime"].hasFocus() and form.record_id is None
    if date:
        fill(qtbot, form, "valid_from", date)
        key(qtbot, Qt.Key.Key_Return)  # leaving the date picks the regime
        assert page.regime.currentData() == "ND106-2020"
    form.editors["group_code"].setFocus()
    for _ in range(group_row):  # the list starts empty; arrow down to the group
        key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)
    assert form.editors["name"].hasFocus()
    type_text(focused(), name)
    if code:
        fill(qtbot, form, "title_code", code)
    if levels:
        fill(qtbot, form, "career_level_min", levels[0])
        fill(qtbot, form, "career_level_max", levels[1])
    fill(qtbot, form, "required_count", required)
    key(qtbot, Qt.Key.Key_S, CTRL)
    assert form.status.text() == "Đã lưu", [(n, e.text()) for n, e in form.errors.items() if e.text()]


def type_in_cell(qtbot, page, row, column, text):
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, column))
    qtbot.keyClick(page.table, text[0])
    qtbot.keyClicks(focused(), text[1:])
    key(qtbot, Qt.Key.Key_Return)
    # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: page.table.state() != QAbstractItemView.State.EditingState)


def set_year(qtbot, page, year):
    qtbot.keyClick(page, Qt.Key.Key_F, CTRL)
    assert page.year.hasFocus()
    qtbot.keyClicks(page.year, str(year))
    key(qtbot, Qt.Key.Key_Return)
    assert page.model.year == year


@pytest.fixture
def window(main_window):
    main_window.activateWindow()
    return main_window


def test_keyboard_data_entry_and_undo(window, qtbot, ctx):
    unit = add_unit(qtbot, window, ctx)
    positions = pick_unit(qtbot, window, "positions")
    assert positions.records.unit_id == unit
    assert positions.regime.currentData() == "ND232-2026"  # today is 23/11/2026
    add_position(qtbot, positions, 1, "Hiệu trưởng", "1")
    add_position(qtbot, positions, 2, "Giáo viên tiểu học", "18", levels=("2", "4"))
    add_position(qtbot, positions, 4, "Nhân viên bảo vệ", "1", date="01/09/2021")
    stored = {p["name"]: p for p in repo.find(ctx.db, "position", unit_id=unit)}
    assert {n: (p["regime"], p["group_code"], p["required_count"]) for n, p in stored.items()} == {
        "Hiệu trưởng": ("ND232-2026", "QL", 1), "Giáo viên tiểu học": ("ND232-2026", "CMNV", 18),
        "Nhân viên bảo vệ": ("ND106-2020", "HTPV", 1)}
    teacher = stored["Giáo viên tiểu học"]
    assert (teacher["career_level_min"], teacher["career_level_max"]) == (2, 4)
    assert positions.records.model.rowCount() == 3
    assert "cần thiết 20 người" in positions.totals.text() and "90,0%" in positions.totals.text()

    for person in ("Nguyễn Văn An", "Trần Thị Bình"):  # staff come from entity-b's page; here the service
        records.create(ctx, "person", {"full_name": person, "unit_id": unit, "employment_kind": "VIEN_CHUC",
                                       "pay_source": "NSNN", "recruited_on": "01/09/2020"})
    window.show_page("quotas")
    quotas_page = window.page("quotas")
    giao = {c.field: i for i, c in enumerate(QUOTA_COLUMNS) if c.field}
    present_nsnn = next(i for i, c in enumerate(QUOTA_COLUMNS) if c.kind == "nsnn" and not c.field)
    set_year(qtbot, quotas_page, 2021)
    row = next(i for i, r in enumerate(quotas_page.model.rows) if r.unit["id"] == unit)
    type_in_cell(qtbot, quotas_page, row, giao["nsnn"], "25")
    type_in_cell(qtbot, quotas_page, row, giao["contract"], "2")
    set_year(qtbot, quotas_page, 2026)
    row = next(i for i, r in enumerate(quotas_page.model.rows) if r.unit["id"] == unit)
    type_in_cell(qtbot, quotas_page, row, giao["nsnn"], "1")
    assert quotas_page.model.index(row, present_nsnn).data() == "2"
    assert quotas_page.model.index(row, present_nsnn).data(Qt.ItemDataRole.BackgroundRole) == OVER_BACKGROUND
    set_year(qtbot, quotas_page, 2022)
    quotas_page.copy_button.setFocus()
    key(qtbot, Qt.Key.Key_Space)
    assert "cho 1 đơn vị" in quotas_page.status.text()
    quota = {q["year"]: (q["nsnn"], q["revenue_paid"], q["contract"]) for q in repo.find(ctx.db, "quota",
                                                                                        unit_id=unit)}
    assert quota == {2021: (25, 0, 2), 2026: (1, 0, 0), 2022: (25, 0, 2)}

    finance = pick_unit(qtbot, window, "finance")
    key(qtbot, Qt.Key.Key_N, CTRL)
    form = finance.form
    assert form.editors["year"].hasFocus()
    qtbot.keyClicks(focused(), "2025")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(focused(), "850.000.000")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(focused(), "1.000.000.000")
    assert "85,00%" in finance.computed.text() and "Nhóm 3" in finance.computed.text()
    assert "70–100%" in finance.computed.text()
    key(qtbot, Qt.Key.Key_S, CTRL)
    assert form.status.text() == "Đã lưu"
    group_column = [c.label for c in finance.records.model.columns].index("Nhóm tính toán")
    assert finance.records.model.index(0, group_column).data() == "Nhóm 3"
    fill(qtbot, form, "group_override", "")
    qtbot.keyClicks(focused(), "2")
    key(qtbot, Qt.Key.Key_S, CTRL)
    assert form.errors["override_reason"].isVisible()
    assert "phải ghi số quyết định hoặc lý do" in form.errors["override_reason"].text()
    fill(qtbot, form, "override_decision", "12/QĐ-UBND")
    key(qtbot, Qt.Key.Key_S, CTRL)
    assert form.status.text() == "Đã lưu"
    [row] = repo.find(ctx.db, "finance", unit_id=unit)
    assert (row["year"], row["revenue"], row["recurrent_spending"], row["group_override"],
            row["override_decision"]) == (2025, 850_000_000, 1_000_000_000, 2, "12/QĐ-UBND")

    # Audit: every save above left its rows
    assert {a["action"] for a in audited(ctx, "position")} == {"them"}
    assert len({a["entity_id"] for a in audited(ctx, "position")}) == 3
    assert {(a["field"], a["new"]) for a in audited(ctx, "quota") if a["action"] == "them"} >= {
        ("year", "2021"), ("year", "2026"), ("year", "2022"), ("nsnn", "25"), ("nsnn", "1")}
    assert ("sua", "group_override", None, "2") in {
        (a["action"], a["field"], a["old"], a["new"]) for a in audited(ctx, "finance")}

    # Ctrl+Z in a saved form undoes the last saved edit; Ctrl+Y redoes it
    assert window.undo.undo_action.text() == "Hoàn tác: sửa tự chủ và kinh phí «năm 2025»"
    key(qtbot, Qt.Key.Key_Z, CTRL)
    [row] = repo.find(ctx.db, "finance", unit_id=unit)
    assert (row["group_override"], row["override_decision"]) == (None, None)
    assert form.editors["override_decision"].text() == ""
    assert window.undo.redo_action.text() == "Làm lại: sửa tự chủ và kinh phí «năm 2025»"
    finance.records.table.setFocus()
    key(qtbot, Qt.Key.Key_Y, CTRL)
    [row] = repo.find(ctx.db, "finance", unit_id=unit)
    assert (row["group_override"], row["override_decision"]) == (2, "12/QĐ-UBND")
    assert form.editors["override_decision"].text() == "12/QĐ-UBND"
    assert [a["old"] for a in audited(ctx, "finance") if a["field"] == "group_override"] == [None, "2", None]


def test_ctrl_z_in_a_form_with_typing_undoes_the_typing_only(window, qtbot, ctx, units):
    window.show_page("units")  # the window opens on Tổng quan; the shortcuts go to the page shown
    page = window.page("units")
    page.select(units["TH01"])
    classes = page.form.editors["classes"]
    classes.setFocus()
    classes.selectAll()
    qtbot.keyClicks(classes, "21")
    key(qtbot, Qt.Key.Key_S, CTRL)
    assert repo.get(ctx.db, "unit", units["TH01"])["classes"] == 21
    qtbot.keyClicks(classes, "5")
    key(qtbot, Qt.Key.Key_Z, CTRL)  # typing pending: the editor's own undo
    assert classes.text() == "21" and repo.get(ctx.db, "unit", units["TH01"])["classes"] == 21
    key(qtbot, Qt.Key.Key_Z, CTRL)  # nothing pending: the saved edit is undone
    assert repo.get(ctx.db, "unit", units["TH01"])["classes"] == 20
    assert classes.text() == "20"


def test_quota_cell_edit_is_undone_by_ctrl_z(window, qtbot, ctx, units):
    window.show_page("quotas")
    page = window.page("quotas")
    column = next(i for i, c in enumerate(QUOTA_COLUMNS) if c.field == "nsnn")
    row = next(i for i, r in enumerate(page.model.rows) if r.unit["id"] == units["TH01"])
    type_in_cell(qtbot, page, row, column, "30")
    assert repo.find(ctx.db, "quota", unit_id=units["TH01"])[0]["nsnn"] == 30
    type_in_cell(qtbot, page, row, column, "32")
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert repo.find(ctx.db, "quota", unit_id=units["TH01"])[0]["nsnn"] == 30
    assert page.model.index(row, column).data() == "30"
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert repo.find(ctx.db, "quota", unit_id=units["TH01"]) == []
    type_in_cell(qtbot, page, row, column, "abc")
    assert "Hưởng lương từ NSNN" in page.status.text() and repo.find(ctx.db, "quota") == []


def test_divisions_under_the_unit_form(window, qtbot, ctx, units, monkeypatch):
    window.show_page("units")  # the window opens on Tổng quan; the shortcuts go to the page shown
    page = window.page("units")
    page.select(units["THCS1"])
    divisions = page.divisions
    assert divisions.unit_id == units["THCS1"]
    divisions.table.setFocus()
    key(qtbot, Qt.Key.Key_N, CTRL)
    assert divisions.form.editors["name"].hasFocus()
    type_text(focused(), "Tổ Khoa học tự nhiên")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(focused(), "9")
    key(qtbot, Qt.Key.Key_S, CTRL)
    [row] = repo.find(ctx.db, "division", unit_id=units["THCS1"])
    assert (row["name"], row["staff_count"]) == ("Tổ Khoa học tự nhiên", 9)
    assert divisions.model.index(0, 0).data() == "Tổ Khoa học tự nhiên"
    divisions.table.setFocus()
    divisions.table.selectRow(0)
    key(qtbot, Qt.Key.Key_F2)
    assert divisions.form.editors["name"].hasFocus()
    monkeypatch.setattr(divisions, "confirm_delete", lambda title: True)
    divisions.delete_button.click()
    assert repo.find(ctx.db, "division", unit_id=units["THCS1"]) == []
    key(qtbot, Qt.Key.Key_Z, CTRL)
    restored = repo.find(ctx.db, "division", unit_id=units["THCS1"])
    assert [r["name"] for r in restored] == ["Tổ Khoa học tự nhiên"]
    assert divisions.model.rowCount() == 1
