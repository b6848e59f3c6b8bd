"""The «Hồ sơ» tab of the Nhân sự page, driven with the keyboard: a training record and a
contract are typed in and saved, the bad one shows its message and writes nothing, the undo
stack takes the save back; every kind has its tab."""

import pytest
from PySide6.QtCore import Qt
from qt_helpers import type_text

from desktop_app.services import personnel_file, records

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(main_window, ctx, units):
    person = records.create(ctx, "person", {"full_name": "Đỗ Thị Hồ Sơ", "unit_id": units["TH01"],
                                            "cccd": "001190000555"})
    main_window.show_page("staff")
    staff = main_window.page("staff")
    staff.model.reload()
    staff.select(person)
    staff.person = person
    return staff


def _type(qtbot, editor, text: str) -> None:
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    type_text(editor, text)


def _choose(qtbot, combo, data) -> None:
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.findData(data)):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data


def test_every_kind_has_its_tab(page):
    panel = page.ho_so
    assert [panel.tabText(i) for i in range(panel.count())] == [
        "Đào tạo", "Trước tuyển dụng", "Hợp đồng", "Khen thưởng", "Kỷ luật", "Gia đình"]
    assert list(panel.tabs) == list(personnel_file.KINDS)


def test_type_a_training_record_and_a_contract(page, qtbot, ctx, main_window):
    page.form.tabs.setCurrentWidget(page.ho_so)
    tab = page.ho_so.tabs["training"]
    assert tab.isEnabled()
    _choose(qtbot, tab.form.editors["kind"], "dao_tao")
    _type(qtbot, tab.form.editors["from_date"], "09/2008")
    _type(qtbot, tab.form.editors["to_date"], "06/2012")
    _type(qtbot, tab.form.editors["institution"], "Trường Đại học Vinh")
    qtbot.keyClick(tab.form.editors["institution"], Qt.Key.Key_S, CTRL)  # saves this record, not the person
    stored = ctx.db.execute("SELECT person_id, kind, from_date, to_date, institution FROM training"
                            ).fetchall()
    assert stored == [(page.person, "dao_tao", "2008-09", "2012-06", "Trường Đại học Vinh")]
    assert tab.model.rowCount() == 1

    qtbot.keyClick(tab.form.editors["institution"], Qt.Key.Key_N, CTRL)  # a new one: the form is empty
    assert tab.form.record_id is None and tab.form.editors["institution"].text() == ""
    page.ho_so.setCurrentWidget(page.ho_so.tabs["contract"])
    contract = page.ho_so.tabs["contract"]
    _choose(qtbot, contract.form.editors["kind"], "HDLV_XD")
    _type(qtbot, contract.form.editors["from_date"], "01/09/2024")
    contract.form.save()  # a fixed-term contract without its end date: refused, nothing written
    assert "ngày hết hạn" in contract.form.errors["to_date"].text()
    assert ctx.db.execute("SELECT count(*) FROM contract").fetchone()[0] == 0
    _type(qtbot, contract.form.editors["to_date"], "31/08/2027")
    contract.form.save()
    assert ctx.db.execute("SELECT kind, to_date FROM contract").fetchall() == [("HDLV_XD", "2027-08-31")]
    assert contract.form.undo is not None  # the main window's undo stack takes the last save back
    contract.form.undo.history.undo()
    assert ctx.db.execute("SELECT count(*) FROM contract").fetchone()[0] == 0
