"""m0009 (issue #21: the unit's own yearly rating, finance.unit_level) from the golden file of
version 2: every row intact, the new column present and empty, the file at the latest version."""

import datetime as dt
import shutil
from pathlib import Path

from safety_helpers import golden_rows

from db import migrations
from desktop_app.context import open_context
from desktop_app.services import records

GOLDEN = Path(__file__).resolve().parents[1] / "data"
TABLES = ["office", "unit", "finance", "person", "assignment", "evaluation"]


def test_upgrade_from_v2_adds_an_empty_unit_rating(tmp_path):
    golden = GOLDEN / "schema_v2.sqlite"
    copy = Path(shutil.copy(golden, tmp_path / "bienche.sqlite"))
    before = golden_rows(copy, golden, TABLES)
    ctx = open_context(copy, lock=True, today=dt.date(2026, 11, 23))
    assert ctx.db.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST >= 9
    columns = [r[1] for r in ctx.db.execute("PRAGMA table_info(finance)")]
    assert "unit_level" in columns
    assert ctx.db.execute("SELECT count(*) FROM finance WHERE unit_level IS NOT NULL").fetchone()[0] == 0
    ctx.close()
    assert golden_rows(copy, golden, TABLES) == before
    ctx = open_context(copy, lock=True, today=dt.date(2026, 11, 23))
    unit_id = ctx.db.execute("SELECT id FROM unit ORDER BY id LIMIT 1").fetchone()[0]
    records.create(ctx, "finance", {"unit_id": unit_id, "year": 2031, "unit_level": "HTXSNV"})
    assert ctx.db.execute("SELECT unit_level FROM finance WHERE year = 2031").fetchone()[0] == "HTXSNV"
    ctx.close()
