"""m0004 (performance indexes) from the golden file of version 2: every row intact,
the new indexes present and used by the queries they were made for."""

import shutil
from pathlib import Path

from safety_helpers import golden_rows

from db import migrations
from desktop_app.context import open_context

GOLDEN = Path(__file__).resolve().parents[1] / "data"
TABLES = ["office", "unit", "position", "quota", "person", "assignment", "evaluation"]
INDEXES = {"assignment_roll", "evaluation_level", "person_duplicates", "person_retire",
           "person_salary", "person_unit_roll", "person_sort"}


def test_upgrade_from_v2_adds_the_indexes_and_keeps_rows(tmp_path):
    golden = GOLDEN / "schema_v2.sqlite"
    copy = Path(shutil.copy(golden, tmp_path / "bienche.sqlite"))
    before = golden_rows(copy, golden, TABLES)
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
    after = golden_rows(copy, golden, TABLES)
    assert after == before
