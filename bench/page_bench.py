"""First rows painted on the record list page against a bare sqlite3 SELECT
of the first 200 rows of the same table. The staff page (ui/staff_page.py) is
measured when it exists; until it is on main the units page is, and the row
says so. Target: ≤ 150 ms. Run through bench/run.py.

The clock runs from constructing the page to ``grab()`` returning (which lays
out and paints the whole page, the table's first rows included); the work
the page defers until after its first paint (the staff page's whole ordered
id list, read in a thread) is not part of it, and gets a row of its own:
from constructing the page until that list is in the model."""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import statistics
import time
from pathlib import Path

from common import TODAY, median_ms, row

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _page_factory():
    if importlib.util.find_spec("ui.staff_page") is not None:
        from ui.staff_page import StaffPage

        return "staff page", StaffPage, "person"
    from ui.units_page import UnitsPage

    return "units page (no ui/staff_page.py on main)", UnitsPage, "unit"


def rows(db: Path, scale: str) -> list[dict]:
    from desktop_app.context import open_context
    from ui.app import make_application

    app = make_application([])
    label, page_class, table = _page_factory()
    ctx = open_context(db, today=TODAY)

    whole: list[float] = []

    def paint() -> None:
        started = time.perf_counter()
        page = page_class(ctx)
        page.resize(1200, 800)
        page.show()
        page.grab()  # lays out and paints the page: the first rows are on screen
        painted = time.perf_counter()
        app.processEvents()  # what the page deferred until after its first paint
        complete = getattr(page.model, "complete_ids", None)
        if complete is not None:
            complete()
        whole.append((time.perf_counter() - started) * 1000)
        page.close()
        page.deleteLater()
        app.processEvents()
        took.append((painted - started) * 1000)

    took: list[float] = []
    paint()  # the first page pays module imports; a user's first page load does not repeat them
    took.clear()
    whole.clear()
    for _ in range(5):
        paint()
    ours, complete_ms = statistics.median(took), statistics.median(whole)
    conn = sqlite3.connect(db)

    def select() -> None:
        conn.execute(f"SELECT * FROM {table} ORDER BY rowid LIMIT 200").fetchall()  # noqa: S608 - fixed name

    base = median_ms(select, 5)
    ctx.close()
    return [row(f"{label}: first rows painted ({scale})", ours / 1000, base / 1000, "s", "≤ 150 ms",
                ours <= 150),
            row(f"{label}: whole ordered list ready, from opening ({scale})", complete_ms / 1000,
                base / 1000, "s", "(không có chỉ tiêu)", None)]
