"""No stale numbers (issue #18 §6): pages listen to the services' change
notification — Nhân sự's list and count after a write made by a worker (as an
import is), the Biên chế totals line after a cell is typed, the Báo cáo preview
after the data changed, and never the previous form's figures under a new name."""

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.context import open_context
from desktop_app.services import records
from desktop_app.vntext import format_number
from ui.quota_grid_model import COLUMNS as QUOTA_COLUMNS


def write_in_a_worker(ctx, db_path, rows) -> None:
    def work():
        worker = open_context(db_path, today=ctx.today, changes=ctx.changes)
        try:
            with worker.db.atomic():
                for row in rows:
                    records.create(worker, "person", row)
        finally:
            worker.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()


def test_staff_count_follows_a_write_made_by_a_worker(main_window, qtbot, ctx, db_path, units):
    main_window.show_page("staff")
    page = main_window.page("staff")
    assert page.count.text() == "0 người"
    write_in_a_worker(ctx, db_path, [{"full_name": f"Người {i}", "unit_id": units["TH01"]} for i in range(3)])
    expected = ctx.db.execute("SELECT count(*) FROM person WHERE left_on IS NULL").fetchone()[0]
    qtbot.waitUntil(lambda: page.count.text() == f"{expected} người")
    assert page.model.rowCount() == 3


def test_quota_totals_line_follows_a_typed_cell(main_window, qtbot, ctx, units):
    main_window.show_page("quotas")
    page = main_window.page("quotas")
    giao = {c.field: i for i, c in enumerate(QUOTA_COLUMNS) if c.field}
    row = next(i for i, r in enumerate(page.model.rows) if r.unit["id"] == units["TH01"])
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, giao["nsnn"]))
    qtbot.keyClick(page.table, "3")
    qtbot.keyClicks(QApplication.focusWidget(), "7")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ctx.db.execute("SELECT count(*) FROM quota").fetchone()[0] == 1)
    given = ctx.db.execute("SELECT sum(nsnn) FROM quota WHERE year = ?", [page.model.year]).fetchone()[0]
    assert given == 37
    qtbot.waitUntil(lambda: f"NSNN giao {format_number(given)}," in page.hint.text())


def test_report_preview_follows_the_data_and_the_chosen_form(main_window, qtbot, ctx, units):
    main_window.show_page("reports")
    page = main_window.page("reports")
    page.form_list.setCurrentRow(list(page.forms).index("dvsn"))
    with qtbot.waitSignal(page.previewed, timeout=20000):
        page.preview()
    before = page.model.report
    records.update(ctx, "unit", units["TH01"], {"name": "Trường Tiểu học Phúc Đồng mới"})
    qtbot.waitUntil(lambda: page.model.report is not before)
    labels = [r.label for r in page.model.report.rows]
    assert any("Phúc Đồng mới" in str(label) for label in labels)
    other = next(i for i, form_id in enumerate(page.forms) if form_id != "dvsn")
    page.form_list.setCurrentRow(other)
    assert page.model.report is None and page.model.rowCount() == 0
    assert "Xem trước" in page.summary.text()


def test_positions_page_follows_positions_written_by_a_worker(main_window, qtbot, ctx, db_path, units):
    main_window.show_page("positions")
    page = main_window.page("positions")
    page.picker.select(units["TH01"])
    unit = page.records.unit_id
    assert unit == units["TH01"] and page.records.model.rowCount() == 0

    def work():
        worker = open_context(db_path, today=ctx.today, changes=ctx.changes)
        try:
            records.create(worker, "position", {"unit_id": unit, "regime": "ND232-2026", "group_code": "CMNV",
                                                "name": "Giáo viên", "required_count": 5})
        finally:
            worker.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: page.records.model.rowCount() == 1)
