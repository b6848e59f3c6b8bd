"""Unit list search and sort at province scale (2,500 units), as the Đơn vị
page runs them on every keystroke. Baseline in the same run: the plain SQL
search ordered by code. Run: ``uv run python bench/units_search.py``."""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.context import open_context  # noqa: E402
from desktop_app.services import office, records, units  # noqa: E402

KINDS = ("Trường Tiểu học", "Trường Mầm non", "Trường Trung học cơ sở", "Trạm Y tế", "Trung tâm Văn hóa")
PLACES = ("Phúc Đồng", "Ngọc Thụy", "Gia Thụy", "Đông Anh", "Long Biên", "Bồ Đề", "Việt Hưng")


def _fill(ctx, count: int) -> None:
    rng = random.Random(1)
    with ctx.db.atomic():
        for i in range(count):
            name = f"{rng.choice(KINDS)} {rng.choice(PLACES)} {i}"
            records.create(ctx, "unit", {"code": f"U{i:05d}", "name": name, "pupils": rng.randint(50, 2000),
                                         "field": rng.choice(["TH", "MN", "THCS", "YTE"])})


def _median_ms(call, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def rows(db: Path, scale: str) -> list[dict]:
    """Keystrokes typed into the Đơn vị search on the demo file: median and p95 of each
    prefix of a typed name; baseline: the plain SQL search ordered by code. An extra
    row: the issue's keystroke row is the people search (bench/staff_page_bench.py)."""
    from common import TODAY, row, times_ms

    ctx = open_context(db, today=TODAY)
    typed = "truong tieu hoc"
    took = []
    for i in range(1, len(typed) + 1):
        took += times_ms(lambda t=typed[:i]: units.search_ids(ctx, t), 3)
    took.sort()
    base = statistics.median(times_ms(lambda: units.search_ids(ctx, order="code"), 5))
    median, p95 = statistics.median(took), took[int(len(took) * 0.95) - 1]
    n = ctx.db.execute("SELECT count(*) FROM unit").fetchone()[0]
    ctx.close()
    what = f"extra: unit search keystroke, Đơn vị page, {n:,} unit names ({scale})"
    return [row(f"{what}, median", median, base, "ms", "median ≤ 30 ms", median <= 30),
            row(f"{what}, p95", p95, base, "ms", "p95 ≤ 60 ms", p95 <= 60)]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "bench.sqlite")
        office.save(ctx, {"name": "Sở Nội vụ", "level": "tinh"})
        _fill(ctx, 2500)
        baseline = _median_ms(lambda: units.search_ids(ctx, order="code"))
        print(f"baseline: SQL search ordered by code      {baseline:7.1f} ms")
        cases = {"all, Vietnamese name order": lambda: units.search_ids(ctx),
                 "all, by field label": lambda: units.search_ids(ctx, order="field"),
                 "all, by pupils (SQL)": lambda: units.search_ids(ctx, order="pupils"),
                 "'t' (first keystroke)": lambda: units.search_ids(ctx, "t"),
                 "'truong tieu hoc'": lambda: units.search_ids(ctx, "truong tieu hoc")}
        for label, call in cases.items():
            took = _median_ms(call)
            print(f"{label:40s} {took:7.1f} ms  ({took / baseline:4.1f}× baseline)")
        ctx.close()


if __name__ == "__main__":
    main()
