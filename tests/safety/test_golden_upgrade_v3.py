"""m0003 (consolidation) from the golden files of versions 1 and 2: rows intact,
every data row owned by the office itself (office_uid NULL), unit codes and
CCCD numbers unique per office instead of globally, references still enforced."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from safety_helpers import golden_rows

from db import migrations
from desktop_app.context import open_context

GOLDEN = Path(__file__).resolve().parents[1] / "data"
TABLES = ["office", "unit", "position", "quota", "person", "assignment", "evaluation", "audit",
          "app_user", "period_lock"]
OWNED = ["unit", "division", "event", "event_unit", "finance", "position", "quota", "person",
         "assignment", "evaluation"]


@pytest.fixture(params=["schema_v1.sqlite", "schema_v2.sqlite"])
def golden_copy(request, tmp_path):
    source = GOLDEN / request.param
    return source, Path(shutil.copy(source, tmp_path / "bienche.sqlite"))


def test_upgrade_keeps_rows_and_marks_them_as_own(golden_copy):
    source, copy = golden_copy
    before = golden_rows(copy, source, TABLES)
    ctx = open_context(copy, lock=True)
    db = ctx.db
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    for table in OWNED:
        assert db.execute(f"SELECT count(*) FROM {table} WHERE office_uid IS NOT NULL").fetchone()[0] == 0
    ctx.close()
    assert golden_rows(copy, source, TABLES) == before


def test_codes_and_cccd_unique_per_office(golden_copy):
    _source, copy = golden_copy
    ctx = open_context(copy)
    db = ctx.db
    with pytest.raises(sqlite3.IntegrityError, match="unit.code"):
        db.execute("INSERT INTO unit (code, name, field) VALUES ('TH01', 'Trùng mã', 'TH')")
    with pytest.raises(sqlite3.IntegrityError, match="person.cccd"):
        db.execute("INSERT INTO person (full_name, cccd) VALUES ('Trùng', '001185012345')")
    db.execute("INSERT INTO source_office (uid, name, as_of, package_created_at, format_version, "
               "data_sha256, imported_at) VALUES ('x1', 'Xã Khác', '2026-01-01', 'a', 1, 'h', 'b')")
    unit = db.execute("INSERT INTO unit (code, name, field, office_uid) VALUES ('TH01', 'Khác', 'TH', 'x1')"
                      ).lastrowid
    db.execute("INSERT INTO person (full_name, cccd, unit_id, office_uid) VALUES ('Khác', '001185012345', ?, "
               "'x1')", [unit])
    with pytest.raises(sqlite3.IntegrityError):  # still unique within the other office
        db.execute("INSERT INTO unit (code, name, field, office_uid) VALUES ('TH01', 'B', 'TH', 'x1')")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):  # children still reference unit
        db.execute("INSERT INTO division (unit_id, name) VALUES (999, 'Tổ')")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        db.execute("INSERT INTO evaluation (person_id, year, level) VALUES (999, 2025, 'HTNV')")
    ctx.close()
