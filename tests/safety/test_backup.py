import datetime as dt
import sqlite3

import pytest
from safety_helpers import filled_file, unit_codes

from db import migrations
from desktop_app.context import open_context
from desktop_app.services import backup

NOW = dt.datetime(2026, 11, 23, 4, 15, 0)


def test_backup_is_a_complete_standalone_copy(ctx, unit_id, tmp_path):
    path = backup.backup_now(ctx, "thucong", now=NOW)
    assert path == ctx.path.parent / "backups" / "bienche-20261123-041500-thucong.sqlite"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no -wal, no temp
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT code FROM unit").fetchall() == [("TH01",)]
    conn.close()


def test_backup_of_a_path_and_to_a_chosen_folder(tmp_path):
    data = filled_file(tmp_path / "du_lieu.sqlite", units=3)
    usb = tmp_path / "usb"
    first = backup.backup_now(data, "thucong", dest_dir=usb, now=NOW)
    second = backup.backup_now(data, "thucong", dest_dir=usb, now=NOW)
    assert first.name == "du_lieu-20261123-041500-thucong.sqlite"
    assert second.name == "du_lieu-20261123-041500-thucong-2.sqlite"
    assert unit_codes(second) == unit_codes(data) == ["TH000", "TH001", "TH002"]
    assert [b.path for b in backup.list_backups(data, usb)] == [first, second]


def test_open_for_writing_backs_up_at_most_once_an_hour(tmp_path):
    data = filled_file(tmp_path / "bienche.sqlite", units=2)
    assert backup.list_backups(data) == []  # reading (lock=False) makes none
    ctx = open_context(data, lock=True)
    ctx.close()
    made = backup.list_backups(data)
    assert [b.reason for b in made] == ["mo"]
    ctx = open_context(data, lock=True)
    assert backup.backup_on_open(ctx) is None
    later = made[0].taken + backup.OPEN_BACKUP_INTERVAL + dt.timedelta(seconds=1)
    assert backup.backup_on_open(ctx, now=later) is not None
    ctx.close()
    assert len(backup.list_backups(data)) == 3 - 1  # the second open was skipped


def test_a_new_file_is_not_backed_up_on_open(tmp_path):
    open_context(tmp_path / "moi.sqlite", lock=True).close()
    assert backup.list_backups(tmp_path / "moi.sqlite") == []


def test_backup_before_migration(tmp_path, monkeypatch):
    data = filled_file(tmp_path / "bienche.sqlite", units=2)
    extra = (migrations.LATEST + 1, "CREATE TABLE ghi_chu_moi (id INTEGER PRIMARY KEY);")
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + [extra])
    monkeypatch.setattr(migrations, "LATEST", migrations.LATEST + 1)
    ctx = open_context(data)
    ctx.close()
    (made,) = backup.list_backups(data)
    assert made.reason == "nangcap"
    conn = sqlite3.connect(made.path)  # taken before the migration ran
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST - 1
    assert unit_codes(made.path) == ["TH000", "TH001"]
    conn.close()


def test_failing_backup_stops_the_migration(tmp_path, monkeypatch):
    data = filled_file(tmp_path / "bienche.sqlite", units=1)
    extra = (migrations.LATEST + 1, "CREATE TABLE ghi_chu_moi (id INTEGER PRIMARY KEY);")
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + [extra])
    monkeypatch.setattr(migrations, "LATEST", migrations.LATEST + 1)

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "backup_connection", no_space)
    with pytest.raises(OSError):
        open_context(data)
    conn = sqlite3.connect(data)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST - 1
    conn.close()


def _fake_backups(folder, start, end, step):
    folder.mkdir(parents=True, exist_ok=True)
    made, when = [], start
    while when <= end:
        path = folder / f"bienche-{when:%Y%m%d-%H%M%S}-mo.sqlite"
        path.write_bytes(b"")
        made.append(when)
        when += step
    return made


def test_thinning_keeps_today_then_daily_weekly_monthly(tmp_path):
    folder = tmp_path / "backups"
    made = _fake_backups(folder, NOW - dt.timedelta(days=400), NOW, dt.timedelta(hours=8))
    (folder / "khac-20200101-000000-mo.sqlite").write_bytes(b"")  # another data file's backup
    (folder / "ghi chu.txt").write_text("không phải bản sao lưu")
    deleted = backup.thin(folder, "bienche", NOW)
    kept = sorted(b.taken for p in folder.iterdir() if (b := backup.parse_name(p, "bienche")))
    assert len(kept) + len(deleted) == len(made)
    assert (folder / "khac-20200101-000000-mo.sqlite").exists() and (folder / "ghi chu.txt").exists()
    today = [t for t in made if t.date() == NOW.date()]
    assert today and set(today) <= set(kept)
    for days in range(1, 8):  # each of the last 7 days: its newest backup survives
        day = NOW.date() - dt.timedelta(days=days)
        assert max(t for t in made if t.date() == day) in kept
    for weeks in range(0, 8):  # each of the last 8 ISO weeks keeps its newest
        week = (NOW - dt.timedelta(weeks=weeks)).isocalendar()[:2]
        in_week = [t for t in made if t.isocalendar()[:2] == week and (NOW - t).days <= 56]
        assert max(in_week) in kept
    months = {(t.year, t.month) for t in kept if (NOW.date() - t.date()).days > 56}
    older = [t for t in kept if (NOW.date() - t.date()).days > 56]
    assert len(older) == len(months) and 9 <= len(months) <= 12  # one per month beyond 8 weeks
    assert min(kept).date() >= NOW.date() - dt.timedelta(days=366)
    assert len(kept) < len(today) + 7 + 8 + 13


def test_thinning_is_stable(tmp_path):
    folder = tmp_path / "backups"
    _fake_backups(folder, NOW - dt.timedelta(days=90), NOW, dt.timedelta(hours=7))
    backup.thin(folder, "bienche", NOW)
    assert backup.thin(folder, "bienche", NOW) == []  # a second pass deletes nothing more


def test_new_backup_thins_the_default_folder_only(ctx, tmp_path):
    folder = ctx.path.parent / "backups"
    _fake_backups(folder, NOW - dt.timedelta(days=30), NOW - dt.timedelta(days=1), dt.timedelta(hours=6))
    usb = tmp_path / "usb"
    _fake_backups(usb, NOW - dt.timedelta(days=30), NOW - dt.timedelta(days=1), dt.timedelta(hours=6))
    before = len(list(usb.iterdir()))
    backup.backup_now(ctx, "thucong", dest_dir=usb, now=NOW)
    assert len(list(usb.iterdir())) == before + 1
    backup.backup_now(ctx, "thucong", now=NOW)
    assert len(list(folder.iterdir())) < before


def test_a_damaged_copy_never_pushes_out_a_good_backup(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    day = NOW - dt.timedelta(days=3)
    good = folder / f"bienche-{day:%Y%m%d}-080000-mo.sqlite"
    bad = folder / f"bienche-{day:%Y%m%d}-090000-hong.sqlite"
    old_bad = folder / f"bienche-{NOW - dt.timedelta(days=200):%Y%m%d}-090000-hong.sqlite"
    for path in (good, bad, old_bad, old_bad.with_name(old_bad.name + "-wal")):
        path.write_bytes(b"")
    backup.thin(folder, "bienche", NOW)
    assert sorted(p.name for p in folder.iterdir()) == sorted([good.name, bad.name])
