"""Dashboard recompute (targets + findings + trends + forecast) on a generated
province-size file (2,500 units, 50,000 staff, quotas and budgets 2016–2026),
median of 5, against a baseline measured in the same run (one roll count at
a date). Target: ≤ 200 ms. Run: uv run python bench/dashboard_bench.py
``rows(db, scale)`` measures, on a copy of a ``bienche demo`` file for bench/run.py, the
page's recompute (services.dash_cache) after one edit — the ≤ 200 ms row — with nothing
changed, after reopening, from an empty cache, and the full recompute without the cache.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db import queries_dashboard  # noqa: E402
from desktop_app.context import open_context  # noqa: E402
from desktop_app.services import asof, check, dash_cache, dashboard, office, records, targets  # noqa: E402

FIELDS = ("MN", "TH", "THCS", "TH_THCS", "YTE", "VHTTDL", "DVTH_XA", "NONG_NGHIEP")


def generate(path: Path, units: int = 2500, staff: int = 50000) -> None:
    ctx = open_context(path, today=dt.date(2026, 11, 23))
    office.save(ctx, {"name": "Sở Nội vụ tỉnh Thử Nghiệm", "level": "tinh"})
    rnd = random.Random(1)
    db = ctx.db.conn
    with ctx.db.atomic():
        db.executemany("INSERT INTO unit (id, code, name, field, valid_from, valid_to, status, deputies, "
                       "classes, pupils, sessions_per_day, region) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                       [(i, f"DV{i:05d}", f"Đơn vị số {i}", FIELDS[i % len(FIELDS)], "2010-01-01",
                         "2024-08-01" if i % 9 == 0 else None, "sap_nhap" if i % 9 == 0 else "hoat_dong",
                         rnd.randint(1, 4), rnd.randint(5, 45), rnd.randint(100, 1500), 2, rnd.randint(1, 3))
                        for i in range(1, units + 1)])
        db.executemany("INSERT INTO quota (unit_id, year, nsnn, revenue_paid, contract) VALUES (?,?,?,?,?)",
                       [(u, y, 22 - (y - 2016) // 3, 2, 1) for u in range(1, units + 1)
                        for y in range(2016, 2027)])
        db.executemany("INSERT INTO finance (unit_id, year, revenue, recurrent_spending, nsnn_spending) "
                       "VALUES (?,?,?,?,?)",
                       [(u, y, rnd.randint(0, 12) * 1e8, 1e9, rnd.randint(5, 9) * 1e8)
                        for u in range(1, units + 1) for y in range(2016, 2027)])
        db.executemany("INSERT INTO position (unit_id, regime, group_code, name, required_count) "
                       "VALUES (?,?,?,?,?)",
                       [(u, "ND106-2020", g, g, n) for u in range(1, units + 1)
                        for g, n in (("LDQL", 3), ("CDNN_CN", 12), ("CDNN_DC", 3), ("HTPV", 2))])
        people = []
        for p in range(1, staff + 1):
            born = rnd.randint(1964, 2000)
            people.append((p, f"Người {p}", f"nguoi {p}", f"{p}", f"{born}-0{rnd.randint(1, 9)}-15",
                           rnd.choice(("nam", "nu")), p % units + 1, "V.07.03.29" if p % 3 else "V.01.02.01",
                           "NSNN" if p % 10 else "NGUON_THU", "VIEN_CHUC" if p % 12 else "HDLD_111",
                           "2015-09-01", f"{born + 61}-06-01"))
        db.executemany("INSERT INTO person (id, full_name, name_key, sort_key, birth_date, gender, unit_id, "
                       "title_code, pay_source, employment_kind, recruited_on, retire_on) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", people)
        db.executemany("INSERT INTO assignment (person_id, valid_from, change, unit_id, title_code, "
                       "pay_source, employment_kind) VALUES (?,?,?,?,?,?,?)",
                       [(p[0], p[10], "tuyen_dung", p[6], p[7], p[8], p[9]) for p in people])
    ctx.close()


def median_ms(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _cpu_ms(fn) -> tuple[float, float]:
    """(wall ms, CPU ms) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _median(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def _after_edit(ctx, runs: int) -> list[tuple[float, float]]:
    """One typical edit (a person's coefficient, through records.update), then the page's recompute."""
    person, kind = ctx.db.execute("SELECT id, salary_class FROM person WHERE left_on IS NULL "
                                  "AND salary_class IS NOT NULL ORDER BY id LIMIT 1 OFFSET 500").fetchone()
    scale = ctx.catalogues.item("ngach_luong", kind) or {}
    out = []
    for i in range(runs):
        records.update(ctx, "person", person, {"coefficient": scale["min"] if i % 2 else scale["max"]})
        out.append(_cpu_ms(lambda: dash_cache.compute(ctx)))
    return out


def rows(db: Path, scale: str) -> list[dict]:
    """The page's recompute (services.dash_cache) after one edit, with nothing changed, after
    reopening the file and from an empty cache; the full recompute without the cache for
    reference. Baseline: the roll counted at today (one grouped SQL). Runs on a copy: the
    bench edits a person."""
    from common import TODAY, row

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "dash.sqlite"
        with sqlite3.connect(db) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)
        ctx = open_context(copy, today=TODAY)
        base = median_ms(lambda: asof.roll_counts(ctx, ctx.today), 3)
        full = _median([_cpu_ms(lambda: dashboard.compute(ctx)) for _ in range(3)])
        cold = []
        for _ in range(3):
            queries_dashboard.clear_cache(ctx.db)
            dash_cache.forget(ctx)
            cold.append(_cpu_ms(lambda: dash_cache.compute(ctx)))
        edit = _median(_after_edit(ctx, 7))
        same = _median([_cpu_ms(lambda: dash_cache.compute(ctx)) for _ in range(5)])
        ctx.close()
        reopen = []
        for _ in range(3):
            again = open_context(copy, today=TODAY)
            dash_cache.forget(again)
            reopen.append(_cpu_ms(lambda: dash_cache.compute(again)))  # noqa: B023 - called right here
            again.close()
    cold_wall, cold_cpu = _median(cold)
    return [row(f"dashboard recompute ({scale}) after one edit", edit[0], base, "ms", "≤ 200 ms",
                edit[0] <= 200),
            row(f"  same, CPU time ({scale})", edit[1], base, "ms", "—", None),
            row(f"  nothing changed, same process ({scale})", same[0], base, "ms", "—", None),
            row(f"  file reopened the same day ({scale})", _median(reopen)[0], base, "ms", "—", None),
            row(f"  reopened, CPU time ({scale})", _median(reopen)[1], base, "ms", "—", None),
            row(f"  cold: empty cache, first open of the day ({scale})", cold_wall, base, "ms",
                "≤ 200 ms", cold_wall <= 200),
            row(f"  cold, CPU time ({scale})", cold_cpu, base, "ms", "—", None),
            row(f"  full recompute without the cache ({scale})", full[0], base, "ms", "—", None),
            row(f"  full recompute, CPU time ({scale})", full[1], base, "ms", "—", None)]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "province.sqlite"
        generate(path)
        ctx = open_context(path, today=dt.date(2026, 11, 23))
        base = median_ms(lambda: asof.roll_counts(ctx, ctx.today))
        print(f"baseline roll_counts at a date:  {base:8.1f} ms")
        print(f"targets.all_targets:             {median_ms(lambda: targets.all_targets(ctx)):8.1f} ms")
        print(f"check.findings (all rules):      {median_ms(lambda: check.findings(ctx)):8.1f} ms")
        total = median_ms(lambda: dashboard.compute(ctx))
        print(f"dashboard.compute (everything):  {total:8.1f} ms  "
              f"(target ≤ 200 ms; {total / base:.1f}× baseline)")
        ctx.close()


if __name__ == "__main__":
    main()
