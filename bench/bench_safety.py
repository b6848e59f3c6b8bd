"""What data safety costs on open: quick_check, the open-time backup, the writer lock.

Builds a province-sized file with plain SQL (2.500 units, 60.000 people,
60.000 assignments), then times opening with and without PRAGMA quick_check
(the baseline is the plain open, measured in the same run) and one online
backup. Run: ``uv run python bench/bench_safety.py [--units N] [--people N]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.connection import open_database  # noqa: E402
from db.lock import WriterLock  # noqa: E402
from desktop_app.services import backup  # noqa: E402


def build(path: Path, units: int, people: int) -> None:
    db = open_database(path)
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO unit (id, code, name, name_key, field) VALUES (?, ?, ?, ?, 'TH')",
            [(i, f"U{i:05d}", f"Trường số {i}", f"truong so {i}") for i in range(1, units + 1)])
        db.conn.executemany(
            "INSERT INTO person (id, full_name, name_key, sort_key, birth_date, unit_id, note) "
            "VALUES (?, ?, ?, ?, '1980-01-01', ?, ?)",
            [(i, f"Nguyễn Văn {i}", f"nguyen van {i}", f"{i} nguyen van", i % units + 1, "ghi chú " * 5)
             for i in range(1, people + 1)])
        db.conn.executemany(
            "INSERT INTO assignment (person_id, valid_from, change, unit_id) VALUES (?, '2010-01-01', "
            "'tuyen_dung', ?)", [(i, i % units + 1) for i in range(1, people + 1)])
    db.close()


def timed(label: str, fn, repeat: int = 5) -> float:
    best = min(_once(fn) for _ in range(repeat))
    print(f"{label:<42} {best * 1000:8.1f} ms (tốt nhất trong {repeat} lần)")
    return best


def _once(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def rows(db: Path, scale: str) -> list[dict]:
    """For bench/run.py: opening a copy of the demo file with quick_check vs without."""
    import shutil

    from common import row

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "copy.sqlite"
        shutil.copyfile(db, path)
        base = min(_once(lambda: open_database(path, check=False).close()) for _ in range(3))
        ours = min(_once(lambda: open_database(path).close()) for _ in range(3))
    return [row(f"open the data file with quick_check vs without ({scale})", ours, base, "s",
                "— (đo chi phí)", None)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=2500)
    parser.add_argument("--people", type=int, default=60000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bienche.sqlite"
        build(path, args.units, args.people)
        print(f"Tệp: {path.stat().st_size / 1e6:.1f} MB, {args.units} đơn vị, {args.people} người")
        base = timed("mở tệp, không quick_check (mốc)", lambda: open_database(path, check=False).close())
        check = timed("mở tệp, có quick_check", lambda: open_database(path).close())
        timed("sao lưu bằng API trực tuyến", lambda: backup.backup_now(path, "thucong",
                                                                      dest_dir=Path(folder) / "b"))
        timed("lấy và trả khóa ghi", lambda: WriterLock(path).acquire().release())
        print(f"quick_check thêm {(check - base) * 1000:.1f} ms vào mỗi lần mở "
              f"({check / base:.1f} lần mốc)")


if __name__ == "__main__":
    main()
