"""Putting a backup back in place of the data file (SPEC §7: "restore is one click
and itself backed up first").

Order: check the backup (quick_check, a schema this app understands), back up
the current file (a raw copy if it is too damaged for SQLite to read), then
replace the data. The replacement goes through the online backup API into the
live file when SQLite can still open it, so readers see the old or the new
data and never a torn file; a file whose header is destroyed is replaced by a
temporary copy and ``os.replace``. The caller holds the writer lock and has
no connection of its own open on the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

from db.connection import open_database, readonly_uri
from db.lock import WriterLock
from desktop_app import catalogues
from desktop_app.atomic import atomic_write
from desktop_app.context import Context
from desktop_app.errors import DatabaseError, ValidationError
from desktop_app.services import backup, gate, restore_keep


def restore(db_path: str | Path, backup_file: str | Path,
            now: dt.datetime | None = None) -> Path | None:
    """Replace ``db_path`` with ``backup_file``; return the backup made of the current file
    (None when there was no current file)."""
    db_path, source = Path(db_path), Path(backup_file)
    if not source.is_file():
        raise ValidationError(f"Không tìm thấy tệp sao lưu «{source}».")
    why = backup.verify(source)
    if why:
        raise ValidationError(f"Không khôi phục từ «{source.name}» được: {why}.")
    if source.resolve() == db_path.resolve():
        raise ValidationError("Tệp sao lưu chính là tệp dữ liệu đang dùng.")
    safety = _save_current(db_path, now)
    try:
        if not _restore_online(source, db_path):
            _restore_by_replace(source, db_path)
    except PermissionError as exc:  # Windows: another program still has the file open
        raise DatabaseError(f"Không thay được tệp dữ liệu «{db_path.name}» vì một chương trình khác "
                            "đang mở nó. Hãy đóng các chương trình đó rồi khôi phục lại; dữ liệu hiện "
                            f"tại vẫn nguyên vẹn và đã được sao lưu ({safety}).", kind="busy") from exc
    return safety


def restore_open(ctx, backup_file: str | Path, reason: str = "", *,
                 keep_access: bool = True) -> Path | None:
    """Restore under an open Context (the GUI's "Khôi phục", the CLI's ``restore``), keeping
    its writer lock. Quản trị only, with a reason (the gate; the audit).

    Closes the context's connection, restores, and reopens (migrating if the
    backup is older) on the same Context; then keeps the replaced file's users,
    sign-in setting and period locks (unless ``keep_access`` is False) and its
    audit log, recording the restore on top (services/restore_keep.py).
    Returns the safety backup.
    """
    gate.authorise(ctx, gate.ADMIN)
    reason = require_reason(reason)
    if ctx.writer_lock is None or not ctx.writer_lock.held:
        raise DatabaseError("Cần mở tệp dữ liệu ở chế độ ghi (giữ khóa) trước khi khôi phục.",
                            kind="locked")
    summary: dict = {"tep": Path(backup_file).name, "ly_do": reason, "truoc": restore_keep.counts(ctx)}
    ctx.db.close()
    try:
        safety = restore(ctx.path, backup_file)
    finally:
        ctx.db = open_database(ctx.path, before_migrate=backup.migration_hook(ctx.path))
        catalogues.install(ctx.db)
        ctx.__dict__.pop("catalogues", None)  # the cached lists belong to the old data
    summary["ban_sao_truoc_khi_khoi_phuc"] = safety.name if safety else None
    restore_keep.carry_over(ctx, safety, summary, keep_access)
    return safety


def restore_damaged(db_path: str | Path, backup_file: str | Path, program: str = "GUI",
                    reason: str = "", who: dict | None = None) -> Path | None:
    """Start-up with a damaged file, or none (nothing open, nothing of it readable to keep):
    take the writer lock, restore, record it in the restored file's log as ``who`` (a Context's
    ``identity()``; the OS user when None), release."""
    reason = (reason or "").strip() or "Tệp dữ liệu bị hỏng: khôi phục bản sao lưu tốt gần nhất."
    lock = WriterLock(Path(db_path), program).acquire()
    try:
        damaged = Path(db_path).exists()  # else there was no file at all
        safety = restore(db_path, backup_file)
        ctx = Context(db=open_database(db_path, before_migrate=backup.migration_hook(db_path)),
                      path=Path(db_path), **(who or {}))
        try:
            summary = {"tep": Path(backup_file).name, "ly_do": reason, "tep_hong": damaged,
                       "ban_sao_truoc_khi_khoi_phuc": safety.name if safety else None}
            restore_keep.carry_over(ctx, None, summary, keep_access=False)
        finally:
            ctx.db.close()
        return safety
    finally:
        lock.release()


def require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Cần ghi lý do khôi phục dữ liệu từ bản sao lưu (trên dòng lệnh: "
                              "--reason \"…\").")
    return reason


def _save_current(db_path: Path, now: dt.datetime | None) -> Path | None:
    """Back up the file about to be replaced; keep a raw copy if SQLite cannot read it."""
    if not db_path.exists():
        return None
    try:
        saved = backup.backup_now(db_path, "khoiphuc", now=now)
    except (sqlite3.DatabaseError, DatabaseError):
        return _raw_copy(db_path, now or dt.datetime.now())
    if backup.verify(saved) is None:
        return saved
    # SQLite copied the damaged pages as they were: label it so it never counts as a good backup
    found = backup.parse_name(saved)
    assert found is not None, "backup_now names its files so that parse_name reads them"
    damaged = backup.free_name(saved.parent, db_path.stem, found.taken, "hong")
    os.replace(saved, damaged)
    return damaged


def _raw_copy(db_path: Path, now: dt.datetime) -> Path:
    """Bytes as they are (with any -wal beside them), for whoever may rescue the data later."""
    folder = backup.backups_dir(db_path)
    target = backup.free_name(folder, db_path.stem, now, "hong")
    with atomic_write(target) as handle, open(db_path, "rb") as src:
        shutil.copyfileobj(src, handle)
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        with atomic_write(target.with_name(target.name + "-wal")) as handle, open(wal, "rb") as src:
            shutil.copyfileobj(src, handle)
    return target


def _restore_online(source: Path, db_path: Path) -> bool:
    """Backup API from ``source`` into the live file; False if the live file cannot be opened."""
    src = sqlite3.connect(readonly_uri(source), uri=True)
    try:
        dst = sqlite3.connect(str(db_path))
        try:
            dst.execute("PRAGMA busy_timeout = 5000")
            src.backup(dst)
            ok = dst.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        except sqlite3.DatabaseError:
            ok = False
        finally:
            dst.close()
    finally:
        src.close()
    return ok


def _restore_by_replace(source: Path, db_path: Path) -> None:
    with atomic_write(db_path, replaces_database=True) as handle:
        copy = sqlite3.connect(handle.name)
        src = sqlite3.connect(readonly_uri(source), uri=True)
        try:
            src.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            src.close()
            copy.close()
        # A -wal left by the damaged file would be replayed onto the restored one
        for suffix in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(db_path.with_name(db_path.name + suffix))
