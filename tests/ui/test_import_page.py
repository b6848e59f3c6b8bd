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
