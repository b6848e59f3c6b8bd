"""Dashboard recompute (targets + findings + trends + forecast) on a generated
province-size file (2,500 units, 50,000 staff, quotas and budgets 2016–2026),
median of 5, against a baseline measured in the same run (one roll count at
a date). Target: ≤ 200 ms. Run: uv run python bench/dashboard_bench.py
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.context import open_context  # noqa: E402
from desktop_app.services import asof, check, dashboard, office, targets  # noqa: E402

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
