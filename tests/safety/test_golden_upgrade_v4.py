"""m0004 (performance indexes) from the golden file of version 2: every row intact,
the new indexes present and used by the queries they were made for."""

import shutil
import sqlite3
from pathlib import Path

from db import migrations
from desktop_app.context import open_context

GOLDEN = Path(__file__).resolve().parents[1] / "data"
TABLES = ["office", "unit", "position", "quota", "person", "assignment", "evaluation"]
INDEXES = {"assignment_roll", "evaluation_level", "person_duplicates", "person_retire",
           "person_salary", "person_unit_roll", "person_sort"}


def _rows(path: Path, golden: Path) -> dict[str, list[tuple]]:
    """The golden file's columns of each table (later migrations add columns)."""
    old = sqlite3.connect(f"file:{golden.as_posix()}?mode=ro", uri=True)
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        out = {}
        for t in TABLES:
            cols = ", ".join(r[1] for r in old.execute(f"PRAGMA table_info({t})"))
            out[t] = conn.execute(f"SELECT {cols} FROM {t} ORDER BY rowid").fetchall()
        return out
    finally:
        old.close()
        conn.close()


def test_upgrade_from_v2_adds_the_indexes_and_keeps_rows(tmp_path):
    golden = GOLDEN / "schema_v2.sqlite"
    copy = Path(shutil.copy(golden, tmp_path / "bienche.sqlite"))
    before = _rows(copy, golden)
    ctx = open_context(copy, lock=True)
    db = ctx.db
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST >= 4
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert INDEXES <= names
    plan = " ".join(r[3] for r in db.execute(
        "EXPLAIN QUERY PLAN SELECT unit_id, pay_source, employment_kind, title_code, count(*) "
        "FROM assignment WHERE valid_from <= '2026-01-01' "
        "GROUP BY unit_id, pay_source, employment_kind, title_code"))
    assert "COVERING INDEX assignment_roll" in plan
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    ctx.close()
    after = _rows(copy, golden)
    assert after == before
