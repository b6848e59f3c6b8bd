"""The integrity check run in the background while the GUI builds its window
(db/integrity.py) is as safe as the check on open it replaces: a damaged file
is still refused with the same Vietnamese explanation (naming the newest good
backup), nothing is written to it, writes wait for the answer, a file with
migrations pending is checked before anything else, and the GUI then opens
the file again, checking first, with the same offer to restore."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from safety_helpers import filled_file, unit_codes

from db import integrity, migrations
from desktop_app.context import open_context
from desktop_app.errors import DatabaseError
from desktop_app.services import backup, records

PAGE = 4096


def damage_unit_table(path) -> None:
    """Garble the unit table's root page: the schema still reads, quick_check does not pass."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'unit'").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * PAGE
    data[start:start + PAGE] = bytes(b ^ 0x5A for b in data[start:start + PAGE])
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged(tmp_path):
    path = filled_file(tmp_path / "bienche.sqlite", units=60)
    good = backup.backup_now(path, "thucong")
    damage_unit_table(path)
    return path, good


def test_a_damaged_file_is_refused_and_nothing_is_written(damaged):
    path, good = damaged
    before = path.read_bytes()
    ctx = open_context(path, lock=True, program="GUI", check="background")
    try:
        assert ctx.db.integrity is not None  # opened at once, the check still to answer
        with pytest.raises(DatabaseError) as info:
            ctx.wait_opening()
        assert info.value.kind == "corrupt" and "bị hỏng" in str(info.value)
        assert info.value.backup == good
        assert "Bản sao lưu tốt gần nhất" in str(info.value)
        with pytest.raises(sqlite3.DatabaseError):
            ctx.db.execute("INSERT INTO setting (key, value) VALUES ('x', 'y')")
        with pytest.raises(sqlite3.DatabaseError):
            records.create(ctx, "unit", {"code": "MOI", "name": "Trường mới", "field": "TH"})
        assert not ctx.db.conn.in_transaction
    finally:
        ctx.close()
    assert path.read_bytes() == before  # not one byte written, no -wal left to fold in
    assert not (path.parent / "backups").exists() or all(
        b.reason != "mo" for b in backup.list_backups(path))  # no open-time backup of damage


def test_a_write_waits_for_the_answer(damaged, monkeypatch):
    path, _good = damaged
    release = threading.Event()
    started_before_answer = []
    real = integrity.check_now

    def slow_check(conn, file):
        release.wait(5)
        real(conn, file)

    monkeypatch.setattr(integrity, "check_now", slow_check)
    ctx = open_context(path, check="background")
    try:
        check = ctx.db.integrity
        threading.Timer(0.2, release.set).start()
        started_before_answer.append(not check.checked.is_set())
        with pytest.raises(sqlite3.DatabaseError):
            ctx.db.execute("INSERT INTO setting (key, value) VALUES ('x', 'y')")
        assert started_before_answer == [True] and check.checked.is_set()
    finally:
        ctx.close()


def test_a_good_file_opens_at_once_and_writes_after_the_ok(tmp_path):
    path = filled_file(tmp_path / "bienche.sqlite", units=3)
    ctx = open_context(path, lock=True, program="GUI", check="background")
    try:
        assert unit_codes(path) == ["TH000", "TH001", "TH002"]
        records.create(ctx, "unit", {"code": "MOI", "name": "Trường mới", "field": "TH"})  # waits, then goes
        ctx.wait_opening()
        assert ctx.db.integrity is None and ctx.opening_done()
        assert [b.reason for b in backup.list_backups(path)] == ["mo"]  # made by the check's thread
        assert backup.list_backups(path)[0].path.stat().st_size > 0
    finally:
        ctx.close()
    assert "MOI" in unit_codes(path)
    mo = backup.list_backups(path)[0].path
    assert "MOI" not in unit_codes(mo)  # the open-time backup holds the file as it was opened


def test_pending_migrations_are_checked_before_anything(tmp_path):
    path = filled_file(tmp_path / "bienche.sqlite", units=60)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST - 1}")  # "an older file": m{LATEST} pending
    conn.close()
    damage_unit_table(path)
    with pytest.raises(DatabaseError) as info:
        open_context(path, check="background")
    assert info.value.kind == "corrupt"


def test_a_worker_opening_meanwhile_shares_the_running_check(tmp_path, monkeypatch):
    path = filled_file(tmp_path / "bienche.sqlite", units=3)
    release = threading.Event()
    calls = []
    real = integrity.check_now

    def counted(conn, file):
        calls.append(file)
        release.wait(5)
        real(conn, file)

    waiting = threading.Event()
    real_wait = integrity.BackgroundCheck.wait_check

    def wait_check(self):
        waiting.set()  # the worker found the running check and waits for its answer
        real_wait(self)

    monkeypatch.setattr(integrity, "check_now", counted)
    monkeypatch.setattr(integrity.BackgroundCheck, "wait_check", wait_check)
    gui = open_context(path, check="background")
    opened = []
    worker = threading.Thread(target=lambda: opened.append(open_context(path)))
    worker.start()
    assert waiting.wait(10)  # release the check only once the worker shares it (no race on a busy machine)
    release.set()
    worker.join(10)
    try:
        assert len(calls) == 1 and len(opened) == 1  # one quick_check for both connections
    finally:
        gui.close()
        opened[0].close()
    fresh = open_context(path)  # no check running any more: a new open checks again
    fresh.close()
    assert len(calls) == 2


def test_the_gui_reopens_a_damaged_file_the_way_it_always_did(damaged, qapp, monkeypatch, tmp_path):
    from PySide6.QtCore import QSettings

    from ui import app as app_module
    from ui import main_window

    path, good = damaged
    before = path.read_bytes()
    offered, shown = [], []
    monkeypatch.setattr(main_window, "QSettings",
                        lambda: QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))
    monkeypatch.setattr(app_module, "offer_restore", lambda exc: offered.append(exc) or False)
    monkeypatch.setattr(app_module.vi, "error", lambda parent, title, text: shown.append(text))
    assert app_module.run_gui(path) == 1
    assert offered[0].kind == "corrupt" and offered[0].backup is not None
    assert shown[0].startswith("Không mở được dữ liệu.") and "Bản sao lưu tốt gần nhất" in shown[0]
    assert path.read_bytes() == before
    assert all(b.reason not in ("mo", "dong") for b in backup.list_backups(path))
