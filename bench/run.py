"""One table of SPEC §11 performance against baselines measured in the same run.

    uv run python bench/run.py [--scale office|province] [--json OUT] [--only NAME …] [--db FILE]

Builds the workload with ``bienche demo`` (into a temp folder, or reuses
``--db``), then runs each bench module's ``rows(db, scale)`` in its own
subprocess, so each peak RSS is its own, and prints: operation, our time,
the baseline, ratio, peak RSS, target, met. Compare ratios, not times: the
machine may be shared.
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

# name → bench module exposing rows(db: Path, scale: str) -> list[dict]
BENCHES = {
    "startup": "startup_bench",
    "page": "page_bench",
    "search": "staff_page_bench",
    "unit-search": "units_search",
    "reports": "reports_bench",
    "import": "import_bench",
    "dashboard": "dashboard_bench",
    "demo": "demo_bench",
    "safety": "bench_safety",
    "national": "national_bench",
}
DEFAULT = [n for n in BENCHES if n != "national"]  # national consolidates N provinces: run it by name


def build_demo(db: Path, scale: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "desktop_app.main", "demo", "--scale", scale, "--seed", "1",
                    "--db", str(db)], check=True, cwd=HERE.parent, capture_output=True)
    return time.perf_counter() - started


def child(name: str, db: Path, scale: str) -> None:
    module = importlib.import_module(BENCHES[name])
    print(json.dumps(module.rows(db, scale), ensure_ascii=False))


def run_one(name: str, db: Path, scale: str) -> list[dict]:
    done = subprocess.run([sys.executable, __file__, "--child", name, "--db", str(db), "--scale", scale],
                          capture_output=True, text=True, cwd=HERE.parent)
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        return [{"operation": f"{name}: LỖI {tail}", "ours": None, "baseline": None, "unit": "",
                 "ratio": None, "peak_rss_mb": None, "target": "", "met": False}]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cell(value, fmt: str) -> str:
    return "—" if value is None else format(value, fmt)


def print_table(rows: list[dict]) -> None:
    print(f"{'operation':<74} {'ours':>10} {'baseline':>10} {'ratio':>7} {'RSS MB':>7}  "
          f"{'target':<22} met")
    for r in rows:
        met = {True: "yes", False: "NO", None: "—"}[r["met"]]
        print(f"{r['operation']:<74} {_cell(r['ours'], '10.3f')} {_cell(r['baseline'], '10.3f')} "
              f"{_cell(r['ratio'], '7.2f')} {_cell(r['peak_rss_mb'], '7.0f')}  {r['target']:<22} {met}"
              + (f"  [{r['unit']}]" if r["unit"] else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("office", "province"), default="province")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHES))
    parser.add_argument("--db", type=Path, help="reuse this demo file instead of building one")
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.db, args.scale)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        db = args.db
        if db is None or not db.exists():
            db = db or Path(folder) / "demo.sqlite"
            print(f"bienche demo --scale {args.scale}: {build_demo(db, args.scale):.1f} s", flush=True)
        rows: list[dict] = []
        for name in args.only or DEFAULT:
            rows += run_one(name, db, args.scale)
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
