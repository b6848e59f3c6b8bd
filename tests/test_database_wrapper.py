"""db.database.Database (our thin wrapper, no sqlite-utils import at start-up)
behaves as the sqlite_utils.Database it replaced: the same script of calls run
against both, step by step, leaves the same rows, the same transaction state
and the same errors."""

from __future__ import annotations

import sqlite3
import sys

import pytest
import sqlite_utils

from db.connection import connect
from db.database import Database, first_keyword

SCHEMA = ("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);"
          "CREATE TABLE log (n INTEGER);"
          "CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.id); END;")


def _step_results(db, other: sqlite3.Connection) -> list:
    """Run one script of calls; after each, what this and another connection see."""
    seen = []

    def state(label):
        mine = db.conn.execute("SELECT id, v FROM t ORDER BY id").fetchall()
        theirs = other.execute("SELECT id, v FROM t ORDER BY id").fetchall()
        seen.append((label, db.conn.in_transaction, mine, theirs))

    db.executescript(SCHEMA)
    state("script")
    db.execute("INSERT INTO t (v) VALUES (?)", ["một"])  # outside a transaction: committed at once
    state("insert")
    db.execute("INSERT INTO t (v) VALUES (:v)", {"v": "hai"})
    state("named")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO t (v) VALUES (NULL)")  # no transaction left open behind it
    state("failed")
    with db.atomic():
        db.execute("INSERT INTO t (v) VALUES ('ba')")
        state("in atomic")
        with pytest.raises(ValueError), db.atomic():  # nested: a savepoint, rolled back alone
            db.execute("INSERT INTO t (v) VALUES ('bốn')")
            raise ValueError
        state("after savepoint")
        db.executescript("INSERT INTO t (v) VALUES ('năm'); INSERT INTO t (v) VALUES ('sáu');")
        state("script in atomic")
    state("committed")
    with pytest.raises(KeyError), db.atomic():
        db.execute("UPDATE t SET v = 'x'")
        raise KeyError
    state("rolled back")
    db.execute("BEGIN")
    db.execute("INSERT INTO t (v) VALUES ('bảy')")
    state("explicit begin")
    db.execute("COMMIT")
    state("explicit commit")
    db.execute("/* a comment */ -- and another\n SAVEPOINT s1")
    state("savepoint")
    db.execute("RELEASE s1")
    seen.append(("tables", sorted(db.table_names())))
    seen.append(("log", db.execute("SELECT count(*) FROM log").fetchone()[0]))
    seen.append(("recursive", db.execute("PRAGMA recursive_triggers").fetchone()[0]))
    return seen


def test_the_wrapper_behaves_as_sqlite_utils(tmp_path):
    ours_path, theirs_path = tmp_path / "ours.sqlite", tmp_path / "theirs.sqlite"
    ours = Database(sqlite3.connect(ours_path))
    theirs = sqlite_utils.Database(sqlite3.connect(theirs_path))
    ours_seen = _step_results(ours, sqlite3.connect(ours_path))
    theirs_seen = _step_results(theirs, sqlite3.connect(theirs_path))
    assert ours_seen == theirs_seen
    assert ("rolled back", False, [(1, "một"), (2, "hai"), (3, "ba"), (4, "năm"), (5, "sáu")],
            [(1, "một"), (2, "hai"), (3, "ba"), (4, "năm"), (5, "sáu")]) in ours_seen


def test_sqlite_utils_is_not_loaded_to_open_a_file_and_its_table_api_still_works(tmp_path):
    import subprocess

    # What the GUI imports to show its window (ui.app, the main window, Tổng quan) and opening a
    # file must not import sqlite-utils: ≈ 0,25 s of every start-up (click, dateutil, pluggy).
    code = ("import sys; from desktop_app.context import open_context; "
            "import ui.app, ui.main_window, ui.dashboard_page, ui.staff_page; "
            f"ctx = open_context({str(tmp_path / 'a.sqlite')!r}); "
            "print('sqlite_utils' in sys.modules); ctx.close()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    db = connect(tmp_path / "b.sqlite")
    db.execute("CREATE TABLE unit (id INTEGER PRIMARY KEY, name TEXT)")
    db.execute("INSERT INTO unit (name) VALUES ('Trường Tiểu học Phúc Đồng')")
    assert list(db["unit"].rows) == [{"id": 1, "name": "Trường Tiểu học Phúc Đồng"}]
    assert db.table_names() == db.full().table_names()
    db.close()


@pytest.mark.parametrize(("sql", "keyword"), [
    ("  begin immediate", "BEGIN"), ("-- x\nCOMMIT", "COMMIT"), ("/* a */ /* b */release s", "RELEASE"),
    ("\ufeff;SELECT 1", "SELECT"), ("", ""), ("-- only a comment", "")])
def test_first_keyword(sql, keyword):
    assert first_keyword(sql) == keyword


def test_a_write_transaction_that_reads_first_waits_for_another_writer(tmp_path):
    """The dashboard worker stores its cache from a second connection while the clerk saves.
    A transaction that reads before it writes must wait for that writer (busy timeout), not
    fail at once with "database is locked" as a deferred BEGIN's read→write upgrade does."""
    import threading
    import time

    path = tmp_path / "a.sqlite"
    db = connect(path)
    db.executescript("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    other = connect(path)
    holding, release = threading.Event(), threading.Event()

    def writer():
        with other.atomic():
            other.execute("INSERT INTO t (v) VALUES ('worker')")
            holding.set()
            release.wait(5)

    thread = threading.Thread(target=writer)
    thread.start()
    holding.wait(5)
    threading.Timer(0.3, release.set).start()
    started = time.monotonic()
    with db.atomic():
        db.execute("SELECT count(*) FROM t").fetchone()
        db.execute("INSERT INTO t (v) VALUES ('clerk')")
    thread.join()
    assert time.monotonic() - started >= 0.2  # it waited for the worker's commit
    assert [r[0] for r in db.execute("SELECT v FROM t ORDER BY id")] == ["worker", "clerk"]
    db.close()
    other.close()
