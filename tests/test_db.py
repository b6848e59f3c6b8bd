import sqlite3

import pytest

from db import migrations
from db.connection import open_database, schema_version
from desktop_app.errors import DatabaseError


def test_schema_is_created_and_reopened(db_path):
    db = open_database(db_path)
    assert schema_version(db) == migrations.LATEST
    tables = set(db.table_names())
    assert {"office", "unit", "division", "event", "event_unit", "finance", "position", "quota",
            "person", "assignment", "evaluation", "audit", "catalogue_item",
            "catalogue_version"} <= tables
    db.close()
    again = open_database(db_path)
    assert schema_version(again) == migrations.LATEST
    assert again.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    again.close()


def test_file_from_a_newer_app_is_refused(db_path):
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    with pytest.raises(DatabaseError, match="phiên bản Biên chế mới hơn") as info:
        open_database(db_path)
    assert info.value.kind == "newer"


def test_not_a_database_is_a_known_error(tmp_path):
    path = tmp_path / "rac.sqlite"
    path.write_bytes(b"day khong phai la tep sqlite" * 100)
    with pytest.raises(DatabaseError, match="không phải tệp dữ liệu") as info:
        open_database(path)
    assert info.value.kind == "notadb"


def test_failed_migration_leaves_file_unchanged(db_path, monkeypatch):
    db = open_database(db_path)
    db.close()
    broken = migrations.MIGRATIONS + [(migrations.LATEST + 1, "CREATE TABLE x (a);\nSELEKT 1;")]
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    monkeypatch.setattr(migrations, "LATEST", migrations.LATEST + 1)
    with pytest.raises(DatabaseError, match="SELEKT"):
        open_database(db_path)
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(broken) - 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'x'").fetchone()[0] == 0
    conn.close()


def test_foreign_keys_are_enforced(db_path):
    db = open_database(db_path)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO division (unit_id, name) VALUES (999, 'Tổ Toán')")
    db.close()
