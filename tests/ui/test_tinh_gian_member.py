"""The tinh giản batch's chosen person (the class of «nothing typed is lost» and «nothing
silently altered»): choosing a row shows that person's stored reason, form and amount, so
«Lưu dòng đã chọn» changes only what the clerk changed; a value typed and not stored asks
before another row or another step replaces it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.services import evaluations, records, tinh_gian

PEOPLE = (("Hà Văn Tú", "001075000001", "SUC_KHOE", "THOI_VIEC_NGAY"),
          ("Lò Thị Yên", "001075000002", "TRINH_DO_CHUA_DAT", "THOI_VIEC_HOC_NGHE"))


@pytest.fixture
def page(qtbot, ctx, unit_id):
    from ui.tinh_gian_page import TinhGianPage

    batch = tinh_gian.create_batch(ctx, 2026, 2)
    for name, cccd, reason, settlement in PEOPLE:
        person = records.create(ctx, "person", {
            "full_name": name, "birth_date": "01/01/1975", "gender": "nam", "unit_id": unit_id,
            "cccd": cccd, "coefficient": 3.66, "recruited_on": "01/09/2000",
            "employment_kind": "VIEN_CHUC"})
        evaluations.save(ctx, person, 2025, "KHTNV")
        tinh_gian.add_member(ctx, batch, person, {"reason_code": reason, "settlement_code": settlement})
    widget = TinhGianPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def stored(ctx) -> dict[str, tuple]:
    rows = ctx.db.execute("SELECT p.full_name, m.reason_code, m.settlement_code, m.manual_amount "
                          "FROM tg_member m JOIN person p ON p.id = m.person_id").fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def row_of(page, name: str) -> int:
    return [m["full_name"] for m in page.members.rows].index(name)


def type_amount(qtbot, page, text: str) -> None:
    page.manual.setFocus()
    qtbot.keyClick(page.manual, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.manual, text)


def test_choosing_a_person_shows_their_values_and_saving_keeps_them(page, qtbot, ctx):
    for name, _cccd, reason, settlement in PEOPLE:
        page.member_table.selectRow(row_of(page, name))
        assert (page.reason.currentData(), page.settlement.currentData()) == (reason, settlement)
    page.member_table.selectRow(row_of(page, "Hà Văn Tú"))
    type_amount(qtbot, page, "75000000")
    page.save_member()
    assert stored(ctx)["Hà Văn Tú"] == ("SUC_KHOE", "THOI_VIEC_NGAY", 75_000_000)
    assert stored(ctx)["Lò Thị Yên"] == ("TRINH_DO_CHUA_DAT", "THOI_VIEC_HOC_NGHE", None)
    qtbot.waitUntil(lambda: bool(page.editor.member and page.editor.member["manual_amount"]))
    assert page.member_table.currentIndex().row() == row_of(page, "Hà Văn Tú")


@pytest.mark.parametrize("reply, amounts", [("cancel", None), ("discard", None), ("save", 5_000_000)])
def test_a_typed_amount_asks_before_another_row(page, qtbot, ctx, reply, amounts):
    asked: list[str] = []
    page.confirm_unsaved = lambda text: asked.append(text) or reply
    first, other = row_of(page, "Hà Văn Tú"), row_of(page, "Lò Thị Yên")
    page.member_table.selectRow(first)
    type_amount(qtbot, page, "5000000")
    page.member_table.setFocus()
    qtbot.keyClick(page.member_table, Qt.Key.Key_Down if other > first else Qt.Key.Key_Up)
    qtbot.wait(20)
    assert len(asked) == 1 and "«Người trong đợt tinh giản»" in asked[0]
    assert stored(ctx)["Hà Văn Tú"][2] == amounts
    if reply == "cancel":
        assert page.manual.value() == 5_000_000 and page.editor.member["full_name"] == "Hà Văn Tú"
        assert page.member_table.currentIndex().row() == first
    else:
        qtbot.waitUntil(lambda: page.editor.member is not None
                        and page.editor.member["full_name"] == "Lò Thị Yên")
        assert page.reason.currentData() == "TRINH_DO_CHUA_DAT" and not page.editor.is_dirty()


def test_a_step_settles_the_typed_value_first(page, qtbot, ctx):
    from PySide6.QtWidgets import QPushButton

    asked: list[str] = []
    page.confirm_unsaved = lambda text: asked.append(text) or "cancel"
    page.member_table.selectRow(row_of(page, "Hà Văn Tú"))
    type_amount(qtbot, page, "5000000")
    [submit] = [b for b in page.findChildren(QPushButton) if b.text() == "Trình"]
    submit.click()
    assert len(asked) == 1 and page.batches.text(0, 1) == "Dự kiến"
    assert page.manual.value() == 5_000_000


def test_the_page_says_the_deadlines_are_not_verified(page, ctx):
    from PySide6.QtWidgets import QLabel

    unverified = [i for i in ctx.catalogues.items("han_tinh_gian") if not i.get("verified")]
    notes = [w.text() for w in page.findChildren(QLabel) if "Hạn nộp theo" in w.text()]
    assert bool(unverified) == bool(notes) and (not notes or "chưa kiểm chứng" in notes[0])
