"""The Nhân sự page at province scale (50,000 people, 2,500 units): first rows
painted, and one as-you-type search keystroke (typed char by char, the list
reset and repainted each time). Baseline in the same run: a bare sqlite3
SELECT of the first 200 rows in name order. Targets (issue "Data entry for
every record"): first paint ≤ 150 ms; keystroke median ≤ 30 ms, p95 ≤ 60 ms.
Data: ``bienche demo --scale province`` (``services.demo``); ``--quick`` uses
the plain executemany builder of ``bench/staff_data.py`` (50,000 people, 5 s).
Run: ``uv run python bench/staff_page_bench.py [--quick]``; bench/run.py's
"search" row calls ``rows`` on its demo file (the keystrokes alone)."""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import staff_data  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop_app.context import open_context  # noqa: E402
from desktop_app.services import demo  # noqa: E402
from ui.staff_page import StaffPage  # noqa: E402

QUERIES = ("nguyen thi hang", "tran van duc", "le thu phuong")
KEYSTROKES = 30


def _ms(seconds: float) -> float:
    return seconds * 1000


def bare_first_rows(path: Path, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        conn = sqlite3.connect(path)
        conn.execute("SELECT * FROM person ORDER BY sort_key, id LIMIT 200").fetchall()
        conn.close()
        times.append(time.perf_counter() - started)
    return _ms(statistics.median(times))


def first_paint(ctx) -> tuple[float, StaffPage]:
    started = time.perf_counter()
    page = StaffPage(ctx)
    page.resize(1400, 860)
    page.show()
    page.table.viewport().repaint()
    return _ms(time.perf_counter() - started), page


def keystrokes(page: StaffPage, cpu: list[float] | None = None) -> list[float]:
    """Wall time of each keystroke (and, into ``cpu``, this process's CPU time for it)."""
    times: list[float] = []
    for query in QUERIES:
        page.search.clear()
        for ch in query:
            if len(times) == KEYSTROKES:
                return times
            started, used = time.perf_counter(), time.process_time()
            QTest.sendKeyEvent(QTest.KeyAction.Click, page.search, Qt.Key.Key_unknown, ch,
                               Qt.KeyboardModifier.NoModifier)
            page.table.viewport().repaint()
            times.append(_ms(time.perf_counter() - started))
            if cpu is not None:
                cpu.append(_ms(time.process_time() - used))
    return times


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]


def rows(db: Path, scale: str) -> list[dict]:
    """Keystrokes typed into the Nhân sự page's search over the demo file's people
    (the whole ordered list already read, as after the first paint); baseline: a bare
    SELECT of the first 200 rows in name order."""
    from common import TODAY, row

    app = QApplication.instance() or QApplication([])
    ctx = open_context(db, today=TODAY)
    baseline = bare_first_rows(db)
    page = StaffPage(ctx)
    page.resize(1400, 860)
    page.show()
    app.processEvents()
    page.model.complete_ids()  # the list a clerk has once the page has been open a moment
    cpu: list[float] = []
    times = keystrokes(page, cpu)
    people_count = ctx.db.execute("SELECT count(*) FROM person").fetchone()[0]
    page.close()
    page.deleteLater()
    app.processEvents()
    ctx.close()
    median, p95 = statistics.median(times), _p95(times)
    what = (f"people search keystroke, Nhân sự page, {people_count:,} people ({scale}; "
            f"{len(times)} keys)")
    return [row(f"{what}, median", median, baseline, "ms", "median ≤ 30 ms", median <= 30),
            row(f"{what}, p95", p95, baseline, "ms", "p95 ≤ 60 ms", p95 <= 60),
            row(f"people search: CPU time per key, median, {people_count:,} people ({scale})",
                statistics.median(cpu), baseline, "ms", "(tham khảo)", None)]


def main() -> None:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "province.sqlite"
        started = time.perf_counter()
        if "--quick" in sys.argv:
            ctx = staff_data.build(path)
        else:
            ctx = open_context(path)
            demo.generate(ctx, "province", seed=1)
        people_count = ctx.db.execute("SELECT count(*) FROM person").fetchone()[0]
        units_count = ctx.db.execute("SELECT count(*) FROM unit").fetchone()[0]
        print(f"data: {people_count} người, {units_count} đơn vị"
              f", built in {time.perf_counter() - started:.1f} s")
        ctx.db.execute("SELECT count(*) FROM person").fetchone()  # warm the page cache like the baseline
        baseline = bare_first_rows(path)
        paint, page = first_paint(ctx)
        started = time.perf_counter()
        app.processEvents()  # starts reading the full ordered id list in a thread
        page.model.complete_ids()  # and takes it
        complete = _ms(time.perf_counter() - started)
        print(f"baseline: bare SELECT first 200 rows     {baseline:7.1f} ms")
        print(f"first rows painted                       {paint:7.1f} ms  ({paint / baseline:4.1f}× baseline)"
              "  target ≤ 150 ms")
        print(f"whole ordered list, after the first paint {complete:6.1f} ms")
        times = keystrokes(page)
        p95 = _p95(times)
        print(f"keystroke ({len(times)}): median {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  "
              f"max {max(times):6.1f} ms  targets ≤ 30 / ≤ 60 ms")
        print(f"  shown after '{page.search.text()}': {page.count.text()}")
        page.close()
        page.deleteLater()
        app.processEvents()
        del page
        ctx.close()


if __name__ == "__main__":
    main()
