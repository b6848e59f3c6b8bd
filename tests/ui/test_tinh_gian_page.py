"""«Tinh giản» page (issue #20), driven from the keyboard: a batch from the suggestions, the
blocked suggestion refused with its reason, the hand-entered amount and the total, the steps up
to settling (confirmed) and its undo, and printing the batch's list."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.services import evaluations, records


def _press(qtbot, button):
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def _button(page, text):
    from PySide6.QtWidgets import QPushButton

    [found] = [b for b in page.findChildren(QPushButton) if b.text() == text]
    return found


def test_a_batch_from_suggestion_to_settlement_and_back(qtbot, ctx, unit_id, tmp_path):
    from ui.tinh_gian_page import TinhGianPage

    ids = [
        records.create(
            ctx,
            "person",
            {
                "full_name": name,
                "birth_date": "01/01/1975",
                "gender": "nam",
                "unit_id": unit_id,
                "cccd": cccd,
                "coefficient": 3.66,
                "recruited_on": "01/09/2000",
                "employment_kind": "VIEN_CHUC",
                "under_review": review,
            },
        )
        for name, cccd, review in (
            ("Hà Văn Tú", "001075000001", False),
            ("Mai Thị Yến", "001075000002", True),
        )
    ]
    for pid in ids:
        evaluations.save(ctx, pid, 2025, "KHTNV")
    page = TinhGianPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.year.setValue(2026)
    page.quarter.setCurrentIndex(1)
    _press(qtbot, _button(page, "Lập đợt mới"))
    assert page.batches.text(0, 0) == "Đợt quý 2/2026" and page.batches.text(0, 1) == "Dự kiến"
    texts = {
        page.suggestions.text(r, 0): page.suggestions.text(r, 3) for r in range(page.suggestions.rowCount())
    }
    assert texts["Hà Văn Tú"] == "" and "xem xét kỷ luật" in texts["Mai Thị Yến"]
    assert "(chưa kiểm chứng)" in page.suggestions.text(0, 1)
    blocked = [r for r in range(page.suggestions.rowCount()) if page.suggestions.text(r, 0) == "Mai Thị Yến"][
        0
    ]
    page.suggestion_table.selectRow(blocked)
    _press(qtbot, page.add_button)
    assert "chưa thực hiện tinh giản" in page.status.text() and page.members.rowCount() == 0
    page.voluntary.setFocus()
    qtbot.keyClick(page.voluntary, Qt.Key.Key_Space)  # volunteering does not lift a discipline review
    _press(qtbot, page.add_button)
    assert page.voluntary.isChecked()
    assert "xem xét kỷ luật" in page.status.text() and page.members.rowCount() == 0
    qtbot.keyClick(page.voluntary, Qt.Key.Key_Space)
    page.suggestion_table.selectRow(1 - blocked)
    _press(qtbot, page.add_button)
    assert page.members.rowCount() == 1 and page.members.text(0, 6) == "CHƯA NHẬP"
    page.member_table.selectRow(0)
    page.manual.setFocus()
    qtbot.keyClick(page.manual, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.manual, "75000000")
    _press(qtbot, _button(page, "Lưu dòng đã chọn"))
    assert page.members.text(0, 5) == "75.000.000" and page.members.text(0, 6) == "nhập tay"
    assert page.total.text() == "Tổng cộng: 1 người, kinh phí 75.000.000 đồng"
    for text in ("Trình", "Phê duyệt"):
        _press(qtbot, _button(page, text))
    assert page.batches.text(0, 1) == "Được phê duyệt", page.status.text()
    page.confirm = lambda text: "Hà Văn Tú" in text
    _press(qtbot, _button(page, "Giải quyết…"))
    assert ctx.db.execute("SELECT leave_reason FROM person WHERE id = ?", [ids[0]]).fetchone() == (
        "TINH_GIAN",
    )
    assert page.batches.text(0, 1) == "Đã giải quyết"
    _press(qtbot, _button(page, "Hoàn tác giải quyết"))
    assert ctx.db.execute("SELECT left_on FROM person WHERE id = ?", [ids[0]]).fetchone() == (None,)
    out = tmp_path / "in"
    out.mkdir()
    page.choose_folder = lambda: str(out)
    _press(qtbot, _button(page, "In danh sách…"))
    qtbot.waitUntil(lambda: page.status.text().startswith("Đã lưu"), timeout=60000)
    assert sorted(p.suffix for p in out.iterdir()) == [".pdf", ".xlsx"]
