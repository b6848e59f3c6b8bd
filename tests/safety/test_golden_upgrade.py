"""Golden files (STYLE practice 13): databases written by earlier schema versions,
opened by today's app, must migrate to LATEST with every row intact."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from db import migrations
from desktop_app.context import open_context
from desktop_app.services import backup

GOLDEN = Path(__file__).resolve().parents[1] / "data"
TABLES = ["office", "unit", "position", "quota", "person", "assignment", "evaluation", "audit"]


def _columns(table: str) -> str:
    """The version-1 columns: later migrations may add columns, never lose these."""
    conn = sqlite3.connect(f"file:{(GOLDEN / 'schema_v1.sqlite').as_posix()}?mode=ro", uri=True)
    try:
        return ", ".join(r[1] for r in conn.execute(f"PRAGMA table_info({table})"))
    finally:
        conn.close()


def _rows(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"SELECT {_columns(t)} FROM {t} ORDER BY rowid").fetchall()
                for t in TABLES}
    finally:
        conn.close()


@pytest.fixture
def v1_copy(tmp_path):
    source = GOLDEN / "schema_v1.sqlite"
    conn = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    return Path(shutil.copy(source, tmp_path / "bienche.sqlite"))


def test_v1_file_migrates_to_latest_with_rows_intact(v1_copy):
    before = _rows(v1_copy)
    assert before["unit"] and before["person"] and before["quota"]
    ctx = open_context(v1_copy, lock=True)
    assert ctx.db.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    assert ctx.db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert ctx.db.execute("PRAGMA foreign_key_check").fetchall() == []
    ctx.close()
    assert _rows(v1_copy) == before


def test_upgrade_is_preceded_by_a_backup_of_the_old_version(v1_copy):
    before = _rows(v1_copy)
    open_context(v1_copy).close()
    (made,) = [b for b in backup.list_backups(v1_copy) if b.reason == "nangcap"]
    conn = sqlite3.connect(made.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    assert _rows(made.path) == before


def test_m0002_adds_users_and_period_locks(v1_copy):
    ctx = open_context(v1_copy)
    db = ctx.db
    assert {"app_user", "period_lock"} <= set(db.table_names())
    db.execute("INSERT INTO app_user (username, role, password_hash, created_at) "
               "VALUES ('canbo', 'chi_xem', 'x', '2026-11-23')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO app_user (username, role, password_hash, created_at) "
                   "VALUES ('CANBO', 'chuyen_vien', 'x', '2026-11-23')")  # names ignore case
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO app_user (username, role, password_hash, created_at) "
                   "VALUES ('khach', 'khach', 'x', '2026-11-23')")
    db.execute("INSERT INTO period_lock (year, locked_at, locked_by) VALUES (2026, 'a', 'quantri')")
    with pytest.raises(sqlite3.IntegrityError):  # one open lock per year
        db.execute("INSERT INTO period_lock (year, locked_at, locked_by) VALUES (2026, 'b', 'x')")
    with pytest.raises(sqlite3.IntegrityError):  # an unlock needs who and why
        db.execute("UPDATE period_lock SET unlocked_at = 'c' WHERE year = 2026")
    ctx.close()
