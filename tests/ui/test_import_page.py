"""The Nhập dữ liệu page: file chosen, columns shown and correctable, the check
runs off the GUI thread, problems listed, then the import writes everything."""

import sys
from pathlib import Path

import pytest

from db import repo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "importing"))
from import_fixtures import FIRST_DATA_ROW, person_row, staff_book  # noqa: E402


@pytest.fixture
def page(main_window, monkeypatch):
    main_window.show_page("import")
    page = main_window.page("import")
    page.kind.setCurrentIndex(page.kind.findData("staff"))
    page.inform = lambda text, error=False: page.messages.append(text)
    page.messages = []
    return page


def load(page, rows, tmp_path) -> Path:
    path = tmp_path / "ds.xlsx"
    staff_book(rows, path)
    page.choose_file = lambda: str(path)
    page.pick_file()
    return path


def run_and_wait(page, qtbot, dry_run: bool):
    page.start(dry_run)
    qtbot.waitUntil(lambda: page.worker is None, timeout=30000)


def test_check_then_import(page, qtbot, tmp_path, ctx):
    load(page, [person_row(1, "Nguyễn Văn Hùng"), person_row(2, "Trần Thị Lan", male=False)], tmp_path)
    headers = {page.mapping.item(r, 1).text(): page.mapping.cellWidget(r, 3).currentData()
               for r in range(page.mapping.rowCount())}
    assert headers["B"] == "full_name" and headers["C"] == headers["D"] == "birth_date"
    assert not page.import_button.isEnabled()
    run_and_wait(page, qtbot, dry_run=True)
    assert page.result.ok and page.import_button.isEnabled()
    assert repo.count(ctx.db, "person") == 0
    run_and_wait(page, qtbot, dry_run=False)
    assert page.messages == ["Đã nhập 2 dòng từ tệp ds.xlsx."]
    assert {p["full_name"] for p in repo.query(ctx.db, "SELECT full_name FROM person")} == {
        "Nguyễn Văn Hùng", "Trần Thị Lan"}


def test_problems_listed_and_mapping_corrected(page, qtbot, tmp_path, ctx):
    load(page, [person_row(1, "Nguyễn Văn Hùng", coefficient="abc")], tmp_path)
    run_and_wait(page, qtbot, dry_run=True)
    assert page.problems.rowCount() == 1
    cells = [page.problems.item(0, c).text() for c in range(6)]
    assert cells[1:5] == [str(FIRST_DATA_ROW), "H", "HSL", "abc"]
    assert not page.import_button.isEnabled() and page.errors_button.isEnabled()
    row = next(r for r in range(page.mapping.rowCount()) if page.mapping.item(r, 1).text() == "H")
    combo = page.mapping.cellWidget(row, 3)
    combo.setCurrentIndex(combo.findData(None))  # ignore the coefficient column
    run_and_wait(page, qtbot, dry_run=True)
    assert page.result.ok and page.problems.rowCount() == 0


def test_mapping_step_by_keyboard_then_remembered(page, qtbot, tmp_path, ctx):
    from PySide6.QtCore import Qt

    rows = [person_row(1, "Nguyễn Văn Hùng"), person_row(2, "Trần Thị Lan", male=False)]
    rows[0][8] = rows[1][8] = "Hợp đồng"  # «Loại hình»: two catalogue items fit; asked, not guessed
    load(page, rows, tmp_path)
    run_and_wait(page, qtbot, dry_run=True)
    assert page.review.values.rowCount() == 1 and not page.import_button.isEnabled()
    assert page.review.currentWidget() is page.review.values
    cells = [page.review.values.item(0, c).text() for c in range(4)]
    assert cells == ["Loại lao động", "Hợp đồng", "2", f"{FIRST_DATA_ROW}, {FIRST_DATA_ROW + 1}"]
    combo = page.review.values.cellWidget(0, 4)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the first suggestion
    code = combo.currentData()
    assert code in {"HDLD_111", "HD_KHAC"}
    run_and_wait(page, qtbot, dry_run=True)
    assert page.result.ok and page.import_button.isEnabled()
    assert any("«Hợp đồng» →" in page.review.understood.item(i).text()
               for i in range(page.review.understood.count()))
    run_and_wait(page, qtbot, dry_run=False)
    assert {r[0] for r in ctx.db.execute("SELECT employment_kind FROM person")} == {code}
    more = tmp_path / "them.xlsx"
    again = [person_row(3, "Lê Văn Ba", cccd="001185000333")]
    again[0][8] = "Hợp đồng"
    staff_book(again, more)
    page.choose_file = lambda: str(more)
    page.pick_file()
    run_and_wait(page, qtbot, dry_run=True)
    assert page.result.ok and page.review.values.rowCount() == 0  # remembered for this office


def test_preview_marks_bad_rows_and_valid_rows_import_when_confirmed(page, qtbot, tmp_path, ctx):
    path = load(page, [person_row(1, "Nguyễn Văn Hùng"), person_row(2, "Sai Hệ Số", coefficient="abc"),
                       person_row(3, "Trần Thị Lan", male=False)], tmp_path)
    run_and_wait(page, qtbot, dry_run=True)
    sample = page.review.sample
    assert sample.rowCount() == 3
    column = next(c for c in range(sample.columnCount())
                  if sample.horizontalHeaderItem(c).text() == "Hệ số lương")
    assert sample.item(1, column).toolTip() and not sample.item(0, column).toolTip()
    assert sample.item(0, column).text() == "3,66"
    assert page.skip_button.isEnabled() and not page.import_button.isEnabled()
    page.confirm = lambda text: False
    page.import_valid_rows()
    assert page.worker is None and repo.count(ctx.db, "person") == 0  # declined: nothing written
    errors = tmp_path / "loi.xlsx"
    page.confirm = lambda text: "2 dòng hợp lệ" in text
    page.choose_save_path = lambda title, name: str(errors)
    page.import_valid_rows()
    qtbot.waitUntil(lambda: page.worker is None, timeout=30000)
    assert repo.count(ctx.db, "person") == 2 and errors.exists() and path.exists()
    assert "Đã nhập 2 dòng hợp lệ" in page.messages[-1]


def test_update_mode_and_dates_from_the_page(page, qtbot, tmp_path, ctx):
    load(page, [person_row(1, "Nguyễn Văn Hùng")], tmp_path)
    qtbot.keyClicks(page.as_of, "31/12/2020")
    run_and_wait(page, qtbot, dry_run=True)
    run_and_wait(page, qtbot, dry_run=False)
    changed = tmp_path / "capnhat.xlsx"
    staff_book([person_row(1, "Nguyễn Văn Hùng", coefficient="3,99")], changed)
    page.choose_file = lambda: str(changed)
    page.pick_file()
    page.update_box.setChecked(True)
    qtbot.keyClicks(page.effective, "01/07/2026")
    run_and_wait(page, qtbot, dry_run=True)
    lines = [page.review.understood.item(i).text() for i in range(page.review.understood.count())]
    assert any("«Nguyễn Văn Hùng»: Hệ số lương: 3,66 → 3,99" in line for line in lines)
    run_and_wait(page, qtbot, dry_run=False)
    posts = ctx.db.execute("SELECT valid_from, valid_to, change, coefficient FROM assignment ORDER BY id")
    assert posts.fetchall() == [("2010-09-01", "2026-07-01", "tuyen_dung", 3.66),
                                ("2026-07-01", None, "cap_nhat_tep", 3.99)]


def test_the_error_copy_is_never_saved_over_the_file_or_the_data(page, qtbot, tmp_path, ctx):
    """Input audit: «Lưu các dòng có lỗi» / «Lưu tệp đánh dấu lỗi» given the file being imported
    or the data file: a message, the file untouched, nothing imported, no crash dialog."""
    path = load(page, [person_row(1, "Nguyễn Văn Hùng"), person_row(2, "Sai Hệ Số", coefficient="abc")],
                tmp_path)
    run_and_wait(page, qtbot, dry_run=True)
    original, data = path.read_bytes(), ctx.path.read_bytes()
    page.confirm = lambda text: True
    for target, words in ((path, "trùng với tệp đang nhập"), (ctx.path, "tệp dữ liệu (SQLite)")):
        page.messages.clear()
        page.choose_save_path = lambda title, name, target=target: str(target)
        page.import_valid_rows()
        assert page.worker is None and repo.count(ctx.db, "person") == 0
        assert words in page.messages[-1]
        page.messages.clear()
        page.save_errors()
        assert words in page.messages[-1]
    assert path.read_bytes() == original and ctx.path.read_bytes() == data
