"""First rows painted on the record list page against a bare sqlite3 SELECT
of the first 200 rows of the same table. The staff page (ui/staff_page.py) is
measured when it exists; until it is on main the units page is, and the row
says so. Target: ≤ 150 ms. Run through bench/run.py."""

from __future__ import annotations

import importlib.util
import os
import sqlite3
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

    def paint() -> None:
        page = page_class(ctx)
        page.resize(1200, 800)
        page.show()
        app.processEvents()
        page.grab()  # forces the first rows to be painted
        page.close()
        page.deleteLater()

    paint()  # the first page pays module imports; a user's first page load does not repeat them
    ours = median_ms(paint, 5)
    conn = sqlite3.connect(db)

    def select() -> None:
        conn.execute(f"SELECT * FROM {table} ORDER BY rowid LIMIT 200").fetchall()  # noqa: S608 - fixed name

    base = median_ms(select, 5)
    ctx.close()
    return [row(f"{label}: first rows painted ({scale})", ours / 1000, base / 1000, "s", "≤ 150 ms",
                ours <= 150)]
