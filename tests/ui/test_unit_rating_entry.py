"""The unit's own yearly rating (m0009, NĐ 233/2026/NĐ-CP Điều 7) is entered by keyboard on
«Tự chủ & kinh phí» like the other fields of the year, and the head-vs-unit rule reads it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from qt_helpers import type_text

from db import repo
from desktop_app.services import evaluations, records
from desktop_app.services.check import findings

CTRL = Qt.KeyboardModifier.ControlModifier


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), k, modifier)


def test_unit_rating_typed_on_the_finance_page(main_window, qtbot, ctx, units):
    unit = units["TH02"]
    head = records.create(ctx, "person", {"full_name": "Trần Văn Hiệu", "unit_id": unit,
                                          "recruited_on": "01/09/2010", "employment_kind": "VIEN_CHUC",
                                          "leader_role": "HIEU_TRUONG"})
    evaluations.save(ctx, head, 2026, "HTXSNV")
    main_window.show_page("finance")
    page = main_window.page("finance")
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_F, CTRL)
    type_text(page.picker.search, "ngoc thuy")
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_N, CTRL)
    form = page.form
    assert form.editors["year"].hasFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "2026")
    level = form.editors["unit_level"]
    level.setFocus()
    key(qtbot, Qt.Key.Key_Down)  # «Hoàn thành xuất sắc nhiệm vụ»
    key(qtbot, Qt.Key.Key_Down)  # «Hoàn thành tốt nhiệm vụ»
    assert level.currentData() == "HTTNV"
    key(qtbot, Qt.Key.Key_S, CTRL)
    assert form.status.text() == "Đã lưu"
    [row] = repo.find(ctx.db, "finance", unit_id=unit)
    assert (row["year"], row["unit_level"]) == (2026, "HTTNV")
    [hit] = [f for f in findings(ctx) if f.rule == "NGUOI_DUNG_DAU_CAO_HON_DON_VI"]
    assert hit.person == "Trần Văn Hiệu" and hit.unit == "TH02"
