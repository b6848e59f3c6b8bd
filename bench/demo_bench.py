"""Time the province demo against a bare sqlite3 executemany of the same rows.

    uv run python bench/demo_bench.py [--scale province|office] [--seed N]

1. generate the demo into a fresh file (timed: the whole service call);
2. read every generated table back into memory;
3. baseline: open a fresh migrated file (same schema, PRAGMAs and indexes) and
   insert those rows with one executemany per table in one transaction (timed);
4. print both times (wall and process CPU), the ratios (target ≤ 3×) and the row counts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db import queries_dashboard  # noqa: E402
from db.connection import open_database  # noqa: E402
from desktop_app.context import open_context  # noqa: E402
from desktop_app.services import demo  # noqa: E402

TABLES = ("office", "unit", "division", "event", "event_unit", "position", "person", "assignment",
          "evaluation", "quota", "finance", "audit")


def rows(db: Path, scale: str) -> list[dict]:
    """For bench/run.py: the demo at ``scale`` (its own fresh file) vs executemany."""
    from common import row

    m = measure(scale, 1)
    return [row(f"bienche demo --scale {scale} (wall)", m["generated"], m["baseline"], "s", "≤ 3×",
                m["generated"] <= 3 * m["baseline"]),
            row(f"bienche demo --scale {scale} (CPU)", m["generated_cpu"], m["baseline_cpu"], "s", "≤ 3×",
                m["generated_cpu"] <= 3 * m["baseline_cpu"])]


def measure(scale: str, seed: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(Path(tmp) / "demo.sqlite", today=dt.date(2026, 11, 23))
        started, cpu = time.perf_counter(), time.process_time()
        summary = demo.generate(ctx, scale=scale, seed=seed)
        generated, generated_cpu = time.perf_counter() - started, time.process_time() - cpu
        data = {t: _read(ctx.db.conn, t) for t in TABLES}
        ctx.close()

        base = open_database(Path(tmp) / "baseline.sqlite")
        started, cpu = time.perf_counter(), time.process_time()
        total = sum(len(r) for _, r in data.values())
        with base.atomic(), queries_dashboard.unlogged(base, total):  # bare rows: no dashboard log
            for table, (columns, rows) in data.items():
                marks = ", ".join("?" for _ in columns)
                base.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
                                      rows)
        baseline, baseline_cpu = time.perf_counter() - started, time.process_time() - cpu
        base.close()
    return {"generated": generated, "generated_cpu": generated_cpu, "baseline": baseline,
            "baseline_cpu": baseline_cpu, "summary": summary, "rows": sum(len(r) for _, r in data.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=demo.SCALES, default="province")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    m = measure(args.scale, args.seed)
    generated, generated_cpu, baseline, baseline_cpu = (m["generated"], m["generated_cpu"], m["baseline"],
                                                        m["baseline_cpu"])
    rows, summary = m["rows"], m["summary"]
    print(f"demo --scale {args.scale} --seed {args.seed}: {rows:,} rows "
          f"({', '.join(f'{v:,} {k}' for k, v in summary.items())})")
    print(f"  generate (service, whole call): {generated:7.2f} s wall, {generated_cpu:7.2f} s CPU")
    print(f"  baseline (bare executemany):    {baseline:7.2f} s wall, {baseline_cpu:7.2f} s CPU")
    print(f"  ratio: {generated / baseline:.2f}× wall, {generated_cpu / baseline_cpu:.2f}× CPU (target ≤ 3×; "
          "CPU is steadier on a busy machine)")


def _read(conn, table: str) -> tuple[list[str], list[tuple]]:
    cursor = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")  # noqa: S608 - fixed names
    return [d[0] for d in cursor.description], cursor.fetchall()


if __name__ == "__main__":
    main()
