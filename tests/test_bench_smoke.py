"""The bench harness runs at office scale and prints every requested row
(bench/run.py). Times are never asserted: only that the table is complete."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_harness_prints_every_requested_row(tmp_path, office_demo_file):
    out = tmp_path / "bench.json"
    db = tmp_path / "demo.sqlite"
    db.write_bytes(office_demo_file.read_bytes())
    run = ROOT / "bench" / "run.py"
    done = subprocess.run([sys.executable, str(run), "--scale", "office", "--db", str(db),
                           "--json", str(out), "--only", "dashboard", "search", "safety"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    rows = json.loads(out.read_text(encoding="utf-8"))
    operations = [r["operation"] for r in rows]
    assert operations[0].startswith("dashboard recompute (office)")
    assert sum("search keystroke" in op for op in operations) == 2
    assert any(op.startswith("open the data file with quick_check") for op in operations)
    assert not any("LỖI" in op for op in operations)
    for r in rows:
        assert set(r) >= {"operation", "ours", "baseline", "ratio", "peak_rss_mb", "target", "met"}
        assert r["operation"] in done.stdout
        assert r["ours"] is not None and r["peak_rss_mb"] > 0
