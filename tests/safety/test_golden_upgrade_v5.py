"""m0005 (dashboard write log and cache) from the golden file of version 2 and from a file
at version 4: every row intact, the log and cache tables and their triggers present, the
first recompute cold and equal to the full one, later writes logged per unit."""

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from safety_helpers import golden_rows

from db import migrations, queries_dashboard
from desktop_app.context import open_context
from desktop_app.services import dash_cache, dashboard, records

GOLDEN = Path(__file__).resolve().parents[1] / "data"
TABLES = ["office", "unit", "position", "quota", "person", "assignment", "evaluation"]
TODAY = dt.date(2026, 11, 23)


def _upgrade_and_check(copy: Path, golden: Path) -> None:
    before = golden_rows(copy, golden, TABLES)
    ctx = open_context(copy, lock=True, today=TODAY)
    db = ctx.db
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST >= 5
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"dash_dirty", "dash_cache"} <= names
    triggers = {r[0] for r in db.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' "
                                         "AND name LIKE 'dash_%'")}
    assert triggers == {"person", "assignment", "evaluation", "unit", "quota", "finance", "position",
                        "division", "setting", "office", "catalogue_item", "catalogue_version", "event",
                        "event_unit",
                        # m0008: the personnel file's records count as writes to the person
                        "training", "award", "discipline", "family_member", "prior_work", "contract"}
    assert queries_dashboard.written_since(db, 0)  # the first recompute after upgrading is cold
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert dash_cache.compute(ctx) == dashboard.compute(ctx)
    ctx.close()
    assert golden_rows(copy, golden, TABLES) == before


def test_upgrade_from_v2(tmp_path):
    golden = GOLDEN / "schema_v2.sqlite"
    _upgrade_and_check(Path(shutil.copy(golden, tmp_path / "bienche.sqlite")), golden)


def test_upgrade_from_v4_then_writes_are_logged_per_unit(tmp_path):
    golden = GOLDEN / "schema_v2.sqlite"
    copy = Path(shutil.copy(golden, tmp_path / "bienche.sqlite"))
    conn = sqlite3.connect(copy)
    assert migrations.migrate(conn, upto=4) == [3, 4]
    conn.close()
    _upgrade_and_check(copy, golden)
    ctx = open_context(copy, today=TODAY)
    try:
        seq = queries_dashboard.last_seq(ctx.db)
        person, unit = ctx.db.execute("SELECT id, unit_id FROM person WHERE unit_id IS NOT NULL "
                                      "ORDER BY id LIMIT 1").fetchone()
        records.update(ctx, "person", person, {"birth_date": "01/01/1970"})
        written = set(queries_dashboard.written_since(ctx.db, seq))
        assert (1, unit) in written and (9, 0) not in written  # this unit only, nothing global
        assert dash_cache.compute(ctx) == dashboard.compute(ctx)
    finally:
        ctx.close()


def test_insert_or_ignore_still_logs_the_write(tmp_path):
    """Inside a trigger the outer statement's conflict policy wins: the log must not rely on
    INSERT OR REPLACE (an INSERT OR IGNORE INTO person would silently skip it)."""
    ctx = open_context(tmp_path / "f.sqlite", today=TODAY)
    try:
        unit = records.create(ctx, "unit", {"code": "DV01", "name": "Trường Mầm non Một", "field": "MN"})
        for name in ("Nguyễn Văn A", "Nguyễn Văn B"):
            seq = queries_dashboard.last_seq(ctx.db)
            ctx.db.execute("INSERT OR IGNORE INTO person (full_name, unit_id) VALUES (?, ?)", [name, unit])
            assert queries_dashboard.written_since(ctx.db, seq) == [(1, unit)]
    finally:
        ctx.close()
