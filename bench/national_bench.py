"""National consolidation bench (SPEC §8, §11): N province-scale packages are
generated, exported and consolidated into one database; prints rows per
second and peak RSS, and shows that memory stays flat between 5 and N packages.

The demo generator (``bienche demo --scale province``) is not on main yet, so
each "province" is made by tests/packages/offices.fill over many synthetic
offices' worth of units (``--units``, ``--people`` per package). Usage:
    uv run python bench/national_bench.py [--packages 10] [--units 300] [--people 6000]
    uv run python bench/national_bench.py --packages 34 --units 2500 --people 50000   # ≈1.7 M staff
Peak RSS is measured in a fresh child process per run, so runs do not share a high-water mark.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app.context import open_context  # noqa: E402
from desktop_app.packages import consolidate  # noqa: E402
from desktop_app.packages.export import export_package  # noqa: E402
from desktop_app.services import office  # noqa: E402


def make_package(folder: Path, seed: int, units: int, people: int) -> Path:
    """A province-sized office written with bulk SQL (the services validate row by row: too slow here)."""
    ctx = open_context(folder / f"src{seed}.sqlite")
    office.save(ctx, {"name": f"Sở Nội vụ tỉnh số {seed}", "level": "tinh"})
    with ctx.db.atomic():
        ctx.db.conn.executemany(
            "INSERT INTO unit (id, code, name, name_key, field, valid_from, classes, pupils) "
            "VALUES (?, ?, ?, ?, 'TH', '2015-01-01', ?, ?)",
            [(u, f"DV{u:05d}", f"Trường Tiểu học số {u} tỉnh {seed}", f"truong tieu hoc so {u}",
              10 + (u + seed) % 20, 300 + (u * seed) % 700) for u in range(1, units + 1)])
        ctx.db.conn.executemany(
            "INSERT INTO quota (unit_id, year, nsnn, revenue_paid, contract) VALUES (?, ?, ?, 1, 1)",
            [(u, y, 20 + (u + y + seed) % 15) for u in range(1, units + 1) for y in (2021, 2025, 2026)])
        ctx.db.conn.executemany(
            "INSERT INTO person (id, full_name, name_key, sort_key, birth_date, gender, cccd, unit_id, "
            "pay_source, employment_kind, coefficient, recruited_on) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'NSNN', 'VIEN_CHUC', ?, '2015-09-01')",
            [(p, f"Nguyễn Văn Bình {p}", f"nguyen van binh {p}", f"binh nguyen van {p}",
              f"{1965 + p % 35}-0{1 + p % 9}-1{p % 10}", "nam" if p % 2 else "nu",
              f"{seed:03d}{p:09d}", 1 + p % units, 2.34 + (p % 9) * 0.33) for p in range(1, people + 1)])
        ctx.db.conn.executemany(
            "INSERT INTO assignment (person_id, valid_from, change, unit_id) VALUES (?, '2015-09-01', "
            "'tuyen_dung', ?)", [(p, 1 + p % units) for p in range(1, people + 1)])
        ctx.db.conn.executemany(
            "INSERT INTO evaluation (person_id, year, level) VALUES (?, 2025, 'HTTNV')",
            [(p,) for p in range(1, people + 1)])
    out = folder / f"tinh{seed:02d}.zip"
    export_package(ctx, out, dt.date(2026, 11, 1))
    ctx.close()
    (folder / f"src{seed}.sqlite").unlink()
    return out


def consolidate_child(paths: list[str], db: str) -> dict:
    """Runs in a fresh process: import ``paths`` into ``db``; report rows, seconds and peak RSS."""
    ctx = open_context(db)
    office.save(ctx, {"name": "Bộ Nội vụ (mô phỏng)", "level": "tinh"})
    start = time.perf_counter()
    trust = [json.loads(zipfile.ZipFile(p).read("manifest.json"))["key_fingerprint"] for p in paths]
    start = time.perf_counter()  # the clerk's confirmation of each key is not part of the import
    outcome = consolidate.import_packages(ctx, paths, make_backup=False, trust=trust)
    seconds = time.perf_counter() - start
    ctx.close()
    rows = sum(s.rows for s in outcome.summaries)
    return {"packages": len(paths), "rows": rows, "seconds": seconds,
            "statuses": sorted({s.status for s in outcome.summaries}),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_child(paths: list[Path], db: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(db), *map(str, paths)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def rows(db: Path, scale: str) -> list[dict]:
    """For bench/run.py: consolidating N packages vs 1 (rows per second), own files, not ``db``."""
    from common import row

    count, units, people = (10, 300, 6000) if scale == "province" else (3, 30, 300)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = [make_package(folder, seed, units, people) for seed in range(1, count + 1)]
        one = run_child(paths[:1], folder / "p1.sqlite")
        full = run_child(paths, folder / "pN.sqlite")
    per_row, base_per_row = full["seconds"] / full["rows"] * 1e6, one["seconds"] / one["rows"] * 1e6
    return [row(f"consolidate {count} packages vs 1, µs per row ({scale})", per_row, base_per_row, "µs",
                "— (phẳng)", None, full["peak_rss_mb"])]


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(consolidate_child(sys.argv[3:], sys.argv[2])))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--packages", type=int, default=10)
    ap.add_argument("--units", type=int, default=300)
    ap.add_argument("--people", type=int, default=6000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        paths = [make_package(folder, seed, args.units, args.people) for seed in range(1, args.packages + 1)]
        print(f"Generated {len(paths)} packages in {time.perf_counter() - start:.1f} s "
              f"({sum(p.stat().st_size for p in paths) / 1e6:.1f} MB zipped)")
        baseline = run_child(paths[:1], folder / "p1.sqlite")
        five = run_child(paths[:5], folder / "p5.sqlite")
        full = run_child(paths, folder / "pN.sqlite")
    for label, r in (("baseline 1", baseline), ("5", five), (str(args.packages), full)):
        print(f"{label:>10} packages: {r['rows']:>10,} rows in {r['seconds']:7.1f} s = "
              f"{r['rows'] / r['seconds']:>9,.0f} rows/s; peak RSS {r['peak_rss_mb']:.1f} MB; "
              f"{r['statuses']}")
    growth = (full["peak_rss_mb"] - five["peak_rss_mb"]) / five["peak_rss_mb"] * 100
    verdict = "flat (within 10%)" if abs(growth) <= 10 else "NOT flat"
    print(f"Peak RSS {args.packages} vs 5 packages: {growth:+.1f}% — {verdict}")


if __name__ == "__main__":
    main()
