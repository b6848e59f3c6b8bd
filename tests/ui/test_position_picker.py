"""A person's vị trí việc làm is picked in the GUI (issue #18 §2): the staff form
and «Điều động…» list only the positions of the chosen unit under the regime in
force on the form's date, the choice is stored, and a position of another unit
is refused by the service whatever the caller."""

import pytest
from PySide6.QtCore import Qt
from qt_helpers import type_text

from desktop_app.errors import ValidationError
from desktop_app.services import records
from ui.search_combo import SearchCombo

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def posts(ctx, units):
    def add(unit, regime, group, name, title=None):
        return records.create(ctx, "position", {"unit_id": units[unit], "regime": regime, "group_code": group,
                                                "name": name, "title_code": title, "required_count": 3})
    return {
        "teacher": add("TH01", "ND232-2026", "CMNV", "Giáo viên tiểu học", "V.07.03.29"),
        "head": add("TH01", "ND232-2026", "QL", "Hiệu trưởng"),
        "old": add("TH01", "ND106-2020", "CDNN_CN", "Giáo viên (cũ)"),
        "nurse": add("TH02", "ND232-2026", "HT", "Nhân viên y tế"),
        "old2": add("TH02", "ND106-2020", "HTPV", "Bảo vệ"),
    }


@pytest.fixture
def page(main_window):
    main_window.show_page("staff")
    return main_window.page("staff")


def listed(combo) -> list:
    return [combo.itemData(i) for i in range(1, combo.count())]


def pick(qtbot, combo, value) -> None:
    """Choose with the keyboard: type the entry's name into a searchable list, arrows in a short one."""
    combo.setFocus()
    if isinstance(combo, SearchCombo):
        combo.lineEdit().selectAll()
        type_text(combo, combo.itemText(combo.findData(value)))
        qtbot.keyClick(combo, Qt.Key.Key_Return)
    else:
        qtbot.keyClick(combo, Qt.Key.Key_Home)
        for _ in range(combo.findData(value)):
            qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == value


def stored_position(ctx, person_id):
    return ctx.db.conn.execute("SELECT position_id FROM person WHERE id = ?", (person_id,)).fetchone()[0]


def test_staff_form_lists_the_units_positions_in_force_and_saves_the_choice(page, qtbot, ctx, units, posts):
    page.new_record()
    type_text(page.form.editors["full_name"], "Nguyễn Thị Hằng")
    combo = page.form.editors["position_id"]
    assert listed(combo) == []  # no unit yet: nothing to choose from
    pick(qtbot, page.form.editors["unit_id"], units["TH01"])
    assert sorted(listed(combo)) == sorted([posts["teacher"], posts["head"]])  # ND 232 in force on 23/11/2026
    assert combo.itemText(combo.findData(posts["teacher"])) == "II. Giáo viên tiểu học (V.07.03.29)"
    pick(qtbot, combo, posts["teacher"])
    qtbot.keyClick(combo, Qt.Key.Key_S, CTRL)
    assert page.form.status.text() == "Đã lưu", page.form.status.text()
    assert stored_position(ctx, page.form.record_id) == posts["teacher"]
    pick(qtbot, page.form.editors["unit_id"], units["TH02"])
    assert listed(combo) == [posts["nurse"]] and combo.currentData() is None  # another unit: chosen again


def test_a_stored_position_outside_the_list_is_kept(page, ctx, units, posts):
    person = records.create(ctx, "person", {"full_name": "Lê Văn Bình", "unit_id": units["TH01"],
                                            "position_id": posts["old"]})
    page._refilter()
    page.select(person)
    combo = page.form.editors["position_id"]
    assert combo.currentData() == posts["old"] and "không thuộc danh mục hiện hành" in combo.currentText()
    assert not page.form.is_dirty()
    page.save_record()
    assert stored_position(ctx, person) == posts["old"]


def test_transfer_dialog_picks_a_position_of_the_new_unit_by_its_date(page, qtbot, ctx, units, posts):
    from ui.staff_action_dialog import StaffActionDialog

    person = records.create(ctx, "person", {"full_name": "Lê Văn Bình", "unit_id": units["TH01"],
                                            "position_id": posts["teacher"], "recruited_on": "2010-01-01"})
    dialog = StaffActionDialog(ctx, person, "dieu_chuyen", page)
    qtbot.addWidget(dialog)
    combo = dialog.form.editors["position_id"]
    assert combo.currentData() == posts["teacher"] and not dialog.form.is_dirty()
    pick(qtbot, dialog.form.editors["unit_id"], units["TH02"])
    type_text(dialog.form.editors["valid_from"], "01/03/2026")  # before 01/07/2026: NĐ 106
    assert listed(combo) == [posts["old2"]]
    dialog.form.editors["valid_from"].clear()
    type_text(dialog.form.editors["valid_from"], "01/09/2026")
    assert listed(combo) == [posts["nurse"]]
    pick(qtbot, combo, posts["nurse"])
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert stored_position(ctx, person) == posts["nurse"]
    row = ctx.db.conn.execute("SELECT unit_id, position_id FROM assignment WHERE person_id = ? "
                              "AND valid_to IS NULL", (person,)).fetchone()
    assert tuple(row) == (units["TH02"], posts["nurse"])


def test_the_service_refuses_a_position_of_another_unit(ctx, units, posts):
    person = records.create(ctx, "person", {"full_name": "Lê Văn Bình", "unit_id": units["TH01"]})
    with pytest.raises(ValidationError) as caught:
        records.update(ctx, "person", person, {"position_id": posts["nurse"]})
    assert [p.field for p in caught.value.problems] == ["position_id"]
    assert stored_position(ctx, person) is None
