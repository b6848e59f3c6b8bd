"""Import speed and memory on a 50,000-row staff sheet (SPEC §11).

Builds the sheet once (clerk layout: titles, two-row header, Nam/Nữ birth
dates, footer), then in separate processes, so each peak memory is its own:
  - baseline: iterating the same file with openpyxl read-only (values only);
  - ours, dry run: read + detect + check every row, nothing written;
  - ours, real import: the same plus the one-transaction write.
  - ours, reading only: calamine grid + header detection (no row checks);
Prints times, the ratios baseline / ours (target ≥ 10×) and peak RSS
(target ≤ 400 MB). Usage: uv run python bench/import_bench.py [ROWS]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "importing")]


def build(folder: Path, rows: int) -> tuple[Path, Path]:
    from import_fixtures import staff_rows
    from openpyxl import Workbook

    from desktop_app.context import open_context
    from desktop_app.services import office, records

    db = folder / "bench.sqlite"
    ctx = open_context(db)
    office.save(ctx, {"name": "Ủy ban nhân dân phường Phúc Đồng", "level": "xa"})
    records.create(ctx, "unit", {"code": "TH01", "name": "Trường Tiểu học Phúc Đồng", "field": "TH"})
    ctx.close()
    from import_fixtures import SUB, TITLE, TOP

    path = folder / "staff.xlsx"
    book = Workbook(write_only=True)
    ws = book.create_sheet("Danh sách")
    for line in TITLE:
        ws.append([line])
    ws.append([])
    ws.append(TOP)
    ws.append(SUB)
    ws.append([f"({i})" for i in range(1, len(TOP) + 1)])
    for row in staff_rows(rows):
        ws.append(row)
    ws.append(["", "Tổng cộng"])
    ws.append(["", "Người lập biểu", "", "", "", "", "", "Thủ trưởng đơn vị"])
    book.save(path)
    return path, db


def step(name: str, path: str, db: str) -> None:
    """Run one measured step in this process; print a JSON line."""
    start = time.perf_counter()
    if name == "openpyxl":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        count = sum(1 for ws in book.worksheets for _ in ws.iter_rows(values_only=True))
        book.close()
    elif name == "read":  # our reading alone: calamine grid + header detection
        from desktop_app.entities import PERSON
        from desktop_app.importing.layout import detect
        from desktop_app.importing.reader import read_book

        sheets = read_book(path)
        count = sum(len(s.rows) for s in sheets if detect(s, PERSON))
    else:
        from desktop_app.context import open_context
        from desktop_app.importing.service import import_file

        ctx = open_context(db)
        result = import_file(ctx, "staff", path, dry_run=name == "dry")
        assert result.ok, [str(p) for p in result.problems[:5]]
        count = result.rows
        ctx.close()
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"step": name, "seconds": seconds, "rows": count, "peak_mb": peak_mb}))


def measure(name: str, path: Path, db: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--step", name, str(path), str(db)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        path, db = build(Path(tmp), rows)
        print(f"built {rows:,} rows × {11} columns in {time.perf_counter() - t0:.1f} s "
              f"({path.stat().st_size / 1e6:.1f} MB)")
        base = measure("openpyxl", path, db)
        read = measure("read", path, db)
        dry = measure("dry", path, db)
        real = measure("real", path, db)
    for m in (base, read, dry, real):
        print(f"{m['step']:>9}: {m['seconds']:7.2f} s  {m['rows']:>7,} rows  peak RSS {m['peak_mb']:6.0f} MB")
    ratio = base["seconds"] / read["seconds"]
    print(f"ratio openpyxl read-only / our reading:     {ratio:5.1f}× (target ≥ 10×)")
    print(f"ratio openpyxl read-only / our dry run:     {base['seconds'] / dry['seconds']:5.1f}×")
    print(f"ratio openpyxl read-only / our real import: {base['seconds'] / real['seconds']:5.1f}×")
    print(f"peak memory of our import: {max(dry['peak_mb'], real['peak_mb']):.0f} MB (target ≤ 400 MB)")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--step":
        step(*sys.argv[2:5])
    else:
        main()
