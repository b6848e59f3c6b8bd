"""The Nhân sự page driven with the keyboard: add a person, transfer them,
record two evaluations, retire them — the database then holds exactly that,
with history and audit rows. Search folds accents; filters narrow the list."""

import pytest
from PySide6.QtCore import Qt
from qt_helpers import type_text

from db import repo
from desktop_app.services import people, records
from ui.staff_action_dialog import StaffActionDialog
from ui.staff_table_model import COLUMNS

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(main_window):
    main_window.show_page("staff")
    return main_window.page("staff")


def names(page) -> list[str]:
    column = [f.name for f in COLUMNS].index("full_name")
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def choose(qtbot, combo, data) -> None:
    """Pick an entry of a combo box with the arrow keys only."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.findData(data)):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data


def type_into(qtbot, editor, text: str) -> None:
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    type_text(editor, text)


def fill_dialog(qtbot, values: dict):
    """A replacement for ``exec_dialog`` that types into the dialog and saves it."""
    def run(dialog: StaffActionDialog) -> bool:
        for name, value in values.items():
            editor = dialog.form.editors[name]
            if hasattr(editor, "findData") and not hasattr(editor, "setText"):
                choose(qtbot, editor, value)
            else:
                type_into(qtbot, editor, value)
        dialog.save()
        return dialog.result() == dialog.DialogCode.Accepted
    return run


def test_add_transfer_evaluate_and_retire_with_the_keyboard(page, qtbot, ctx, units):
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL)
    name = page.form.editors["full_name"]
    assert name.hasFocus()
    type_text(name, "Nguyễn Thị Hằng")
    qtbot.keyClick(name, Qt.Key.Key_Return)  # Enter moves on
    assert page.form.editors["birth_date"].hasFocus()
    type_text(page.form.editors["birth_date"], "15/03/1985")
    choose(qtbot, page.form.editors["gender"], "nu")
    type_into(qtbot, page.form.editors["cccd"], "001185012345")
    choose(qtbot, page.form.editors["unit_id"], units["TH01"])
    type_into(qtbot, page.form.editors["recruited_on"], "01/09/2008")
    qtbot.keyClick(page.table, Qt.Key.Key_S, CTRL)
    assert page.form.status.text() == "Đã lưu", page.form.status.text()
    person_id = page.form.record_id
    assert names(page) == ["Nguyễn Thị Hằng"] and page.count.text() == "1 người"

    page.exec_dialog = fill_dialog(qtbot, {"valid_from": "01/09/2024", "unit_id": units["TH02"]})
    assert page.run_action("dieu_chuyen")
    for year, level in (("2024", "HTTNV"), ("2025", "HTXSNV")):
        tab = page.evaluations
        tab.new_evaluation()
        type_into(qtbot, tab.form.editors["year"], year)
        choose(qtbot, tab.form.editors["level"], level)
        tab.form.save()
    assert tab.model.rowCount() == 2
    page.exec_dialog = fill_dialog(qtbot, {"left_on": "30/06/2026", "leave_reason": "NGHI_HUU"})
    assert page.run_action("nghi")

    person = repo.get(ctx.db, "person", person_id)
    assert (person["full_name"], person["birth_date"], person["gender"], person["cccd"]) == (
        "Nguyễn Thị Hằng", "1985-03-15", "nu", "001185012345")
    assert (person["unit_id"], person["left_on"], person["leave_reason"]) == (
        units["TH02"], "2026-06-30", "NGHI_HUU")
    history = [(a["change"], a["unit_id"], a["valid_from"], a["valid_to"])
               for a in repo.find(ctx.db, "assignment", person_id=person_id)]
    assert history == [("tuyen_dung", units["TH01"], "2008-09-01", "2024-09-01"),
                       ("dieu_chuyen", units["TH02"], "2024-09-01", "2026-06-30")]
    evaluations = [(e["year"], e["level"]) for e in repo.find(ctx.db, "evaluation", person_id=person_id)]
    assert evaluations == [(2024, "HTTNV"), (2025, "HTXSNV")]
    def audited(entity):
        return [(r["action"], r["entity_id"]) for r in repo.query(
            ctx.db, "SELECT DISTINCT action, entity_id FROM audit WHERE entity = ? ORDER BY id", [entity])]
    assert audited("person") == [("them", person_id), ("dieu_chuyen", person_id), ("nghi", person_id)]
    assert [action for action, _ in audited("evaluation")] == ["them", "them"]
    # The history tab shows the dated changes in the clerk's words.
    texts = [page.history.model.index(r, c).data() for r in range(page.history.model.rowCount())
             for c in range(3)]
    assert texts == ["01/09/2008", "01/09/2024", "Tuyển dụng",
                     "01/09/2024", "30/06/2026", "Điều động, chuyển công tác"]
    assert not page.action_buttons["nang_luong"].isEnabled()  # a retired person has no more actions


def test_validation_is_inline_and_keeps_the_typed_text(page, qtbot):
    page.new_record()
    type_text(page.form.editors["full_name"], "Trần Văn Đức")
    type_into(qtbot, page.form.editors["cccd"], "12345")
    page.save_record()
    assert page.form.record_id is None
    assert "12 chữ số" in page.form.errors["cccd"].text()
    assert "không được để trống" in page.form.errors["unit_id"].text().lower()
    assert page.form.editors["full_name"].text() == "Trần Văn Đức"
    assert page.form.editors["cccd"].text() == "12345"


def _people(ctx, units):
    rows = [("Nguyễn Thị Hằng", "1990-01-01", "TH01", "V.07.03.29", "VIEN_CHUC", None),
            ("Trần Văn Đức", "1960-05-05", "TH02", "V.07.03.29", "HDLD_111", None),
            ("Lê Thu Phương", "2000-07-07", "TH01", "V.07.02.26", "VIEN_CHUC", None),
            ("Phạm Hằng Nga", "1970-02-02", "MN01", None, "VIEN_CHUC", "2025-01-01")]
    for name, born, unit, title, kind, left in rows:
        records.create(ctx, "person", {"full_name": name, "birth_date": born, "unit_id": units[unit],
                                       "title_code": title, "employment_kind": kind, "left_on": left,
                                       "gender": "nam", "recruited_on": "2020-01-01" if not left else
                                       "2010-01-01"})


def test_search_folds_accents_and_matches_units_and_cccd(page, qtbot, ctx, units):
    _people(ctx, units)
    page._refilter()
    assert names(page) == ["Trần Văn Đức", "Nguyễn Thị Hằng", "Lê Thu Phương"]  # by given name
    qtbot.keyClicks(page.search, "nguyen thi hang")
    assert names(page) == ["Nguyễn Thị Hằng"]
    page.search.clear()
    qtbot.keyClicks(page.search, "ngoc thuy")  # unit name
    assert names(page) == ["Trần Văn Đức"]
    page.search.clear()
    type_text(page.search, "Đức")
    assert names(page) == ["Trần Văn Đức"] and page.count.text() == "1 người"


def test_filters(page, ctx, units):
    _people(ctx, units)
    page._refilter()
    page.unit_combo.setCurrentIndex(page.unit_combo.findData(units["TH01"]))
    assert names(page) == ["Nguyễn Thị Hằng", "Lê Thu Phương"]
    page.unit_combo.setCurrentIndex(0)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("HDLD_111"))
    assert names(page) == ["Trần Văn Đức"]
    page.kind_combo.setCurrentIndex(0)
    page.title_combo.setCurrentIndex(page.title_combo.findData("V.07.02.26"))
    assert names(page) == ["Lê Thu Phương"]
    page.title_combo.setCurrentIndex(0)
    page.age_combo.setCurrentIndex(page.age_combo.findData("duoi_30"))
    assert names(page) == ["Lê Thu Phương"]
    page.age_combo.setCurrentIndex(page.age_combo.findData("30_50"))
    assert names(page) == ["Nguyễn Thị Hằng"]
    page.age_combo.setCurrentIndex(page.age_combo.findData("qua_tuoi"))
    assert names(page) == ["Trần Văn Đức"]
    page.age_combo.setCurrentIndex(0)
    page.status_combo.setCurrentIndex(page.status_combo.findData("da_nghi"))
    assert names(page) == ["Phạm Hằng Nga"]
    page.status_combo.setCurrentIndex(page.status_combo.findData("tat_ca"))
    assert len(names(page)) == 4 and page.count.text() == "4 người"


def test_service_search_agrees_with_the_page_order(ctx, units):
    _people(ctx, units)
    roster = people.Roster(ctx)
    f = people.StaffFilter(status="tat_ca")
    first, total = roster.first(f, 2)
    assert total == 4 and first == roster.ids(f)[:2]
    assert roster.ids(people.StaffFilter(text="hang", status="tat_ca")) == roster.ids(
        people.StaffFilter(text="HẰNG", status="tat_ca"))
    records.create(ctx, "person", {"full_name": "Đỗ Văn Hằng", "unit_id": units["TH01"]})
    assert len(roster.ids(people.StaffFilter(text="hang"))) == 2  # a write invalidates the cache
