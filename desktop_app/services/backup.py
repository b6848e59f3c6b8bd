"""Backups of the data file with SQLite's online backup API (SPEC §7, STYLE practice 3).

A backup is a complete, standalone copy (journal mode DELETE, no -wal file)
named ``<stem>-YYYYMMDD-HHMMSS-<reason>.sqlite`` in a ``backups`` folder beside
the data file. The online backup API copies a consistent snapshot even while
the file is open, so backups are taken on open, before a migration, restore
or import, and on close. Every new backup thins the folder: all of today,
one a day for 7 days, one a week for 8 weeks, one a month for 12 months.
Restoring lives in ``services/restore.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from db import migrations
from db.connection import readonly_uri
from db.database import file_problem
from desktop_app.atomic import WriteFailed, atomic_write

REASONS = {
    "mo": "khi mở tệp",
    "dong": "khi đóng chương trình",
    "nangcap": "trước khi nâng cấp lược đồ",
    "khoiphuc": "trước khi khôi phục",
    "nhap": "trước khi nhập dữ liệu",
    "thucong": "sao lưu theo yêu cầu",
    "capnhat": "trước khi cập nhật phần mềm",
    "hong": "bản sao tệp bị hỏng",
}
_NAME = re.compile(r"^(?P<stem>.+)-(?P<ts>\d{8}-\d{6})-(?P<reason>[a-z]+)(?:-(?P<seq>\d+))?\.sqlite$")
OPEN_BACKUP_INTERVAL = dt.timedelta(hours=1)
DAMAGED_KEPT_DAYS = 56


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: dt.datetime
    reason: str
    seq: int = 1  # several backups within one second: -2, -3… after the reason

    @property
    def label(self) -> str:
        """Vietnamese one-liner for lists and messages."""
        why = REASONS.get(self.reason, self.reason)
        return f"{self.path.name} (lúc {self.taken:%H:%M:%S} ngày {self.taken:%d/%m/%Y}, {why})"


def backups_dir(db_path: str | Path) -> Path:
    return Path(db_path).resolve().parent / "backups"


def backup_now(source, reason: str = "thucong", dest_dir: str | Path | None = None,
               now: dt.datetime | None = None) -> Path:
    """Back up ``source`` (a Context or a data file path); return the new file.

    Thins the default folder afterwards; a folder the user chose (``dest_dir``,
    e.g. a USB stick) is never thinned.
    """
    db_path = Path(source.path if hasattr(source, "db") else source)
    if hasattr(source, "db"):
        return backup_connection(source.db.conn, db_path, reason, dest_dir, now)
    conn = sqlite3.connect(readonly_uri(db_path), uri=True)
    try:
        return backup_connection(conn, db_path, reason, dest_dir, now)
    finally:
        conn.close()


def backup_connection(conn: sqlite3.Connection, db_path: str | Path, reason: str,
                      dest_dir: str | Path | None = None, now: dt.datetime | None = None) -> Path:
    """Copy the database behind ``conn`` (which is ``db_path``) into a new backup file."""
    now = now or dt.datetime.now()
    folder = Path(dest_dir) if dest_dir else backups_dir(db_path)
    target = free_name(folder, Path(db_path).stem, now, reason)
    try:
        with atomic_write(target) as handle:
            _copy_into(conn, handle.name)
    except sqlite3.Error as exc:  # the copy's disk is full or cannot be written
        raise _copy_failed(exc, target) from exc
    if dest_dir is None:
        thin(folder, Path(db_path).stem, now)
    return target


def _copy_into(conn: sqlite3.Connection, name: str) -> None:
    copy = sqlite3.connect(name)
    try:
        conn.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")  # one standalone file, no -wal beside it
    finally:
        copy.close()
        with contextlib.suppress(OSError):  # a failed copy may leave its rollback journal
            os.unlink(name + "-journal")


def _copy_failed(exc: sqlite3.Error, target: Path) -> BaseException:
    known = file_problem(exc, target)
    if known is exc:
        return exc
    return WriteFailed(f"Không sao lưu được vào «{target.parent}»: {known} Tệp dữ liệu không bị ảnh hưởng.")


def backup_on_open(source, now: dt.datetime | None = None) -> Path | None:
    """The open-time backup (of a Context, or of a data file path from another
    thread), skipped if one was taken in the last hour."""
    now = now or dt.datetime.now()
    newest = list_backups(source.path if hasattr(source, "db") else source)
    if newest and now - newest[-1].taken < OPEN_BACKUP_INTERVAL:
        return None
    return backup_now(source, "mo", now=now)


def backup_on_close(ctx) -> Path:
    """The GUI calls this when the main window closes (before ctx.close())."""
    return backup_now(ctx, "dong")


def backup_before_import(ctx) -> Path:
    """Importers call this before their transaction starts."""
    return backup_now(ctx, "nhap")


def migration_hook(db_path: str | Path):
    """A ``before_migrate`` callback for db.connection.open_database."""
    def hook(conn: sqlite3.Connection, version: int) -> None:
        backup_connection(conn, db_path, "nangcap")
    return hook


def list_backups(db_path: str | Path, folder: str | Path | None = None) -> list[Backup]:
    """Backups of this data file, oldest first."""
    folder = Path(folder) if folder else backups_dir(db_path)
    if not folder.is_dir():
        return []
    found = [b for p in folder.iterdir() if (b := parse_name(p, Path(db_path).stem))]
    return sorted(found, key=lambda b: (b.taken, b.seq))


def parse_name(path: Path, stem: str | None = None) -> Backup | None:
    match = _NAME.match(path.name)
    if not match or (stem is not None and match["stem"] != stem):
        return None
    try:
        ts = match["ts"]  # YYYYmmdd-HHMMSS; by hand: strptime's first call imports _strptime (9 ms)
        taken = dt.datetime(int(ts[:4]), int(ts[4:6]), int(ts[6:8]), int(ts[9:11]), int(ts[11:13]),
                            int(ts[13:]))
    except ValueError:
        return None
    return Backup(path, taken, match["reason"], int(match["seq"] or 1))


def newest_good_backup(db_path: str | Path) -> Backup | None:
    """The newest backup that passes quick_check and that this app can open."""
    for backup in reversed(list_backups(db_path)):
        if verify(backup.path) is None:
            return backup
    return None


def verify(path: str | Path) -> str | None:
    """None if ``path`` is a sound Biên chế data file we can open, else why not (Vietnamese)."""
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
    except sqlite3.Error:
        return "không mở được tệp"
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
        if rows != ["ok"]:
            return "tệp bị hỏng (" + "; ".join(rows)[:200] + ")"
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError:
        return "không phải tệp dữ liệu Biên chế hoặc đã bị hỏng"
    finally:
        conn.close()
    if version < 1:
        return "không phải tệp dữ liệu Biên chế"
    if version > migrations.LATEST:
        return (f"tệp do phiên bản mới hơn tạo ra (lược đồ {version}, phiên bản này chỉ hiểu "
                f"đến {migrations.LATEST})")
    return None


def thin(folder: str | Path, stem: str, now: dt.datetime) -> list[Path]:
    """Delete the backups the rotation no longer keeps; return what was deleted."""
    backups = [b for p in Path(folder).iterdir() if (b := parse_name(p, stem))]
    keep = set(to_keep(backups, now))
    gone = [b.path for b in backups if b.path not in keep]
    for path in gone:
        path.unlink(missing_ok=True)
        path.with_name(path.name + "-wal").unlink(missing_ok=True)  # beside a raw damaged copy
    return gone


def to_keep(backups: list[Backup], now: dt.datetime) -> list[Path]:
    """All of today; the newest of each day for 7 days, each week for 8, each month for 12."""
    today = now.date()
    buckets: dict[tuple, Backup] = {}
    kept = []
    for b in sorted(backups, key=lambda b: (b.taken, b.seq)):
        age = (today - b.taken.date()).days
        if age <= 0 or (b.reason == "hong" and age <= DAMAGED_KEPT_DAYS):
            # today (or a clock that ran ahead); a damaged file's raw copy must not push a
            # good backup out of its bucket, so it is kept aside for a while instead
            kept.append(b.path)
            continue
        if b.reason == "hong":
            continue
        iso = b.taken.isocalendar()
        for limit, key in ((7, ("d", b.taken.date())), (56, ("w", iso[0], iso[1])),
                           (366, ("m", b.taken.year, b.taken.month))):
            if age <= limit:
                buckets[key] = b  # sorted ascending, so the newest of each bucket wins
    kept.extend(b.path for b in buckets.values())
    return kept


def free_name(folder: Path, stem: str, now: dt.datetime, reason: str) -> Path:
    base = f"{stem}-{now:%Y%m%d-%H%M%S}-{reason}"
    target, n = folder / f"{base}.sqlite", 2
    while target.exists():
        target, n = folder / f"{base}-{n}.sqlite", n + 1
    return target
