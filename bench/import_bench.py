"""Import speed and memory on a 50,000-row staff sheet (SPEC §11).

Builds the sheet once (clerk layout: titles, two-row header, Nam/Nữ birth
dates, footer), then in separate processes, so each peak memory is its own:
  - baseline: iterating the same file with openpyxl read-only (values only);
  - ours, dry run: read + detect + check every row, nothing written;
  - ours, real import: the same plus the one-transaction write.
  - ours, reading only: calamine grid + header detection (no row checks);
Prints times, the ratios baseline / ours (target ≥ 10×) and peak RSS
(target ≤ 400 MB), and where the real import's time goes, timed inside its
process at the service's progress messages: start (imports, opening the data
file: paid once by the app), read (calamine grid, header, stored references),
check, backup, write (rows and commit), wall and CPU seconds.

Two files are measured: the one openpyxl's write-only mode makes (inline
strings, every non-ASCII letter an XML entity: slow for both readers) and the
same sheet saved as Excel and LibreOffice save it, with a shared-strings table
(``--inline-only`` skips it). Usage: uv run python bench/import_bench.py [ROWS] [--inline-only]
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
    from openpyxl import Workbook

    from desktop_app.context import open_context
    from desktop_app.services import office, records

    db = folder / "bench.sqlite"
    ctx = open_context(db)
    office.save(ctx, {"name": "Ủy ban nhân dân phường Phúc Đồng", "level": "xa"})
    records.create(ctx, "unit", {"code": "TH01", "name": "Trường Tiểu học Phúc Đồng", "field": "TH"})
    ctx.close()
    path = folder / "staff.xlsx"
    book = Workbook(write_only=True)
    _fill(book.create_sheet("Danh sách"), rows)
    book.save(path)
    return path, db


def build_shared(folder: Path, rows: int, db: Path) -> tuple[str, Path, Path]:
    """The same sheet saved with a shared-strings table, as Excel does: re-saved by LibreOffice
    when it is installed, else written by openpyxl's normal mode; with its own copy of the fresh
    database (an import fills the first)."""
    import shutil

    from openpyxl import Workbook

    path, copy = folder / "staff-shared.xlsx", folder / "bench-shared.sqlite"
    shutil.copyfile(db, copy)
    soffice = shutil.which("soffice")
    if soffice:
        out = folder / "lo"
        subprocess.run([soffice, "--headless", "--convert-to", "xlsx", "--outdir", str(out),
                        str(folder / "staff.xlsx")], check=True, capture_output=True, timeout=600)
        (out / "staff.xlsx").replace(path)
        return "LibreOffice-saved copy (shared strings)", path, copy
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    _fill(sheet, rows)
    book.save(path)
    return "openpyxl normal-mode copy (shared strings)", path, copy


def _fill(ws, rows: int) -> None:
    from import_fixtures import SUB, TITLE, TOP, staff_rows

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


def step(name: str, path: str, db: str) -> None:
    """Run one measured step in this process; print a JSON line."""
    start, cpu = time.perf_counter(), time.process_time()
    marks: dict[str, tuple[float, float]] = {}  # phase → (wall, CPU) seconds since start
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
        marks["open"] = (time.perf_counter() - start, time.process_time() - cpu)

        def progress(done: int, total: int, text: str) -> None:  # the service's phase messages
            marks.setdefault(text.split()[1], (time.perf_counter() - start, time.process_time() - cpu))

        result = import_file(ctx, "staff", path, dry_run=name == "dry", progress=progress)
        assert result.ok, [str(p) for p in result.problems[:5]]
        count = result.rows
        ctx.close()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mb = _peak_mb()
    print(json.dumps({"step": name, "seconds": seconds, "cpu": cpu, "rows": count, "peak_mb": peak_mb,
                      "marks": marks}))


def _peak_mb() -> float:
    """This process's peak RSS: VmHWM (reset by exec; ru_maxrss keeps the parent's peak
    across fork + exec, so a step would report the builder's memory)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(name: str, path: Path, db: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--step", name, str(path), str(db)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def rows(db: Path, scale: str) -> list[dict]:
    """For bench/run.py: a 50k-row sheet (5k at office scale) into a fresh file; each step
    in its own process so each peak RSS is its own. ``db`` is not used: imports write."""
    from common import row

    count = 50_000 if scale == "province" else 5_000
    with tempfile.TemporaryDirectory() as tmp:
        path, target = build(Path(tmp), count)
        base = measure("openpyxl", path, target)
        real = measure("real", path, target)
    speed = base["seconds"] / real["seconds"]
    return [row(f"import {count:,}-row staff sheet (whole import; ×faster {speed:.1f})", real["seconds"],
                base["seconds"], "s", "≥ 10× faster, ≤ 400 MB",
                speed >= 10 and real["peak_mb"] <= 400, real["peak_mb"])]


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rows = int(args[0]) if args else 50_000
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        path, db = build(Path(tmp), rows)
        print(f"built {rows:,} rows × {11} columns in {time.perf_counter() - t0:.1f} s "
              f"({path.stat().st_size / 1e6:.1f} MB)")
        files = [("openpyxl write-only file (inline strings)", path, db)]
        if "--inline-only" not in sys.argv:
            files.append(build_shared(Path(tmp), rows, db))
        for label, file, target in files:
            report(label, {name: measure(name, file, target) for name in ("openpyxl", "read", "dry", "real")})


def report(label: str, m: dict[str, dict]) -> None:
    print(f"\n{label}:")
    for x in (m[k] for k in ("openpyxl", "read", "dry", "real")):
        print(f"{x['step']:>9}: {x['seconds']:7.2f} s (CPU {x['cpu']:5.2f} s)  {x['rows']:>7,} rows  "
              f"peak RSS {x['peak_mb']:6.0f} MB")
    base = m["openpyxl"]["seconds"]
    for step, what in (("read", "our reading"), ("dry", "our dry run"), ("real", "our real import")):
        print(f"ratio openpyxl read-only / {what + ':':<17} {base / m[step]['seconds']:5.1f}× (target ≥ 10×)")
    real = m["real"]
    edges = [("start", (0.0, 0.0)), ("read", real["marks"]["open"]), ("check", real["marks"]["kiểm"]),
             ("backup", real["marks"]["sao"]), ("write", real["marks"]["ghi"]),
             ("end", (real["seconds"], real["cpu"]))]
    print("real import, one process: " + " + ".join(
        f"{name} {b[0] - a[0]:.2f} s (CPU {b[1] - a[1]:.2f} s)"
        for (name, a), (_, b) in zip(edges, edges[1:], strict=False)))
    print("  start = imports + opening the data file; read = calamine + header + stored references"
          " + rows to records; write = rows + commit")
    print(f"peak memory of our import: {max(m['dry']['peak_mb'], m['real']['peak_mb']):.0f} MB "
          "(target ≤ 400 MB)")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--step":
        step(*sys.argv[2:5])
    else:
        main()
