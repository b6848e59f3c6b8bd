"""Keyboard entry (issue #18 §4): long pickers are searchable (no accents needed,
any word or the code, Enter takes the match); Space never opens a short list;
Tab walks the whole record across tabs and Ctrl+Tab leaves the cursor on the
shown tab; «Mã CDNN» is picked and fills hạng, loại and, with the bậc, «Hệ số
lương»; and a new viên chức takes at most 45 navigation keystrokes."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from qt_helpers import type_text

from desktop_app.services import records
from ui.search_combo import SearchCombo

CTRL = Qt.KeyboardModifier.ControlModifier
CATALOGUES = Path(__file__).resolve().parents[2] / "resources" / "catalogues"


@pytest.fixture
def page(main_window):
    main_window.show_page("staff")
    main_window.activateWindow()
    return main_window.page("staff")


class Keyboard:
    """Types into whatever has the focus, as a clerk does, counting the keys that
    only move (Tab, Enter, arrows, shortcuts) apart from the typed data."""

    def __init__(self, qtbot):
        self.qtbot, self.moves = qtbot, 0

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
        for _ in range(times):
            self.moves += 1
            self.qtbot.keyClick(QApplication.focusWidget(), key, modifier)

    def type(self, text: str) -> None:
        type_text(QApplication.focusWidget(), text)


def focused_name() -> str:
    return QApplication.focusWidget().objectName()


def test_long_pickers_find_by_any_word_or_code_without_accents(page, qtbot, units):
    unit = page.form.editors["unit_id"]
    assert isinstance(unit, SearchCombo) and isinstance(page.form.editors["ethnicity"], SearchCombo)
    assert not isinstance(page.form.editors["gender"], SearchCombo)
    page.new_record()
    unit.setFocus()
    type_text(unit, "ngoc thuy")  # words in the middle of «Trường Tiểu học Ngọc Thụy», no accents
    assert unit.listing() and unit.filter.rowCount() == 1
    qtbot.keyClick(unit, Qt.Key.Key_Return)
    assert unit.currentData() == units["TH02"] and unit.hasFocus()
    unit.lineEdit().selectAll()
    type_text(unit, "mn01")  # the code
    qtbot.keyClick(unit, Qt.Key.Key_Return)
    assert unit.currentData() == units["MN01"]
    unit.lineEdit().selectAll()
    type_text(unit, "truong tieu")
    qtbot.keyClick(unit, Qt.Key.Key_Down)  # second of the matches
    second = unit.filter.index(1, 0).data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(unit, Qt.Key.Key_Return)
    assert unit.currentData() == second
    unit.lineEdit().selectAll()
    type_text(unit, "khong co don vi nay")
    qtbot.keyClick(unit, Qt.Key.Key_Tab)  # nothing matches: the choice stays
    assert unit.currentData() == second and unit.currentText() == unit.itemText(unit.currentIndex())


def test_space_and_letters_in_a_closed_short_list_change_nothing_else(page, qtbot):
    page.new_record()
    role, gender = page.form.editors["leader_role"], page.form.editors["gender"]
    gender.setFocus()
    type_text(gender, "Nữ ")
    assert gender.currentData() == "nu" and not gender.view().isVisible()
    assert role.currentData() is None


def test_tab_walks_the_record_across_tabs_and_ctrl_tab_keeps_the_cursor_visible(page, qtbot):
    page.new_record()
    form = page.form
    note = form.editors["note"]  # the last field of «Cá nhân»
    note.setFocus()
    qtbot.keyClick(note, Qt.Key.Key_Tab)
    assert form.tabs.currentIndex() == form.tab_names.index("Công tác")
    assert focused_name() == "unit_id"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert form.tabs.currentIndex() == 0 and focused_name() == "note"
    qtbot.keyClick(note, Qt.Key.Key_Tab, CTRL)
    assert form.tabs.currentIndex() == 1
    assert QApplication.focusWidget().isVisible() and focused_name() == "unit_id"


def test_cdnn_is_picked_and_fills_rank_class_and_coefficient(page, qtbot):
    table = {i["code"]: i for i in json.loads((CATALOGUES / "ngach_luong.json").read_text("utf-8"))["items"]}
    cdnn = {i["code"]: i for i in json.loads((CATALOGUES / "cdnn.json").read_text("utf-8"))["items"]}
    title = cdnn["V.07.03.29"]
    page.new_record()
    form = page.form
    code = form.editors["title_code"]
    assert isinstance(code, SearchCombo)
    code.setFocus()
    type_text(code, "v.07.03.29")
    qtbot.keyClick(code, Qt.Key.Key_Return)
    assert code.currentData() == "V.07.03.29"
    assert form.editors["title_rank"].currentData() == title["hang"]
    assert form.editors["salary_class"].currentData() == title["salary_class"]
    step = form.editors["salary_step"]
    step.setFocus()
    type_text(step, "3")
    expected = table[title["salary_class"]]["coefficients"][2]
    assert form.editors["coefficient"].text() == f"{expected:.2f}".replace(".", ",")


def test_a_stored_code_outside_the_catalogue_is_kept(page, ctx, units):
    person = records.create(ctx, "person", {"full_name": "Lê Văn Bình", "unit_id": units["TH01"],
                                            "title_code": "X.99"})
    page._refilter()
    page.select(person)
    assert page.form.editors["title_code"].currentData() == "X.99" and not page.form.is_dirty()


def test_a_new_vien_chuc_in_at_most_45_navigation_keys(page, qtbot, ctx, units):
    keys = Keyboard(qtbot)
    page.table.setFocus()
    keys.press(Qt.Key.Key_N, CTRL)
    for text in ("Nguyễn Thị Hằng", "15/03/1985", "Nữ", "kinh"):  # họ tên, ngày sinh, giới tính, dân tộc
        keys.type(text)
        keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_Return)  # dân tộc: the first Enter took «Kinh», this one moves on
    keys.press(Qt.Key.Key_Return)  # tôn giáo: none
    keys.type("001185012345")
    keys.press(Qt.Key.Key_Return, times=4)  # CCCD, đảng viên, ngày vào Đảng, quê quán
    keys.press(Qt.Key.Key_Tab)  # ghi chú → «Công tác»
    keys.type("phuc dong tieu")
    keys.press(Qt.Key.Key_Return, times=2)
    keys.press(Qt.Key.Key_Return, times=2)  # vị trí việc làm, chức vụ: none
    keys.type("giao vien tieu hoc hang iii")
    keys.press(Qt.Key.Key_Return, times=2)
    keys.press(Qt.Key.Key_Return, times=2)  # hạng (filled), bậc nghề nghiệp
    keys.type("Viên")
    keys.press(Qt.Key.Key_Return)
    keys.type("01/09/2008")
    keys.press(Qt.Key.Key_Return, times=4)  # ngày tuyển dụng, ngày thôi việc, lý do, năm BHXH
    keys.press(Qt.Key.Key_Return)  # loại ngạch lương (filled)
    keys.type("3")
    keys.press(Qt.Key.Key_S, CTRL)
    assert page.form.status.text() == "Đã lưu", [(n, e.text()) for n, e in page.form.errors.items()
                                                 if e.text()]
    row = ctx.db.conn.execute(
        "SELECT full_name, birth_date, gender, ethnicity, cccd, unit_id, title_code, title_rank,"
        " salary_class, salary_step, coefficient, employment_kind, recruited_on FROM person").fetchall()
    assert [tuple(r) for r in row] == [
        ("Nguyễn Thị Hằng", "1985-03-15", "nu", "01", "001185012345", units["TH01"],
         "V.07.03.29", "III", "A1", 3, 3.0, "VIEN_CHUC", "2008-09-01")]
    print("navigation keys:", keys.moves)
    assert keys.moves <= 45, keys.moves
