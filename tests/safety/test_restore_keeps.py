"""Restore is Quản trị's, with a reason, and it forgets nothing of the office's decisions
(issue #15 item 6): the current users, "login required" and period locks stay unless the
administrator takes the backup's; the audit log is never replaced by the backup's (the
current log stays row for row, rows only the backup had are appended, and the restore
itself is recorded on top with its counts)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from safety_helpers import content_hash, damage_pages, small_office

from desktop_app.cli import run
from desktop_app.context import open_context
from desktop_app.errors import PermissionDenied, ValidationError
from desktop_app.services import backup, period_lock, records, users
from desktop_app.services.restore import restore_open

GOLDEN = Path(__file__).resolve().parents[1] / "data"
ADMIN, ADMIN_PASSWORD = "qt.ha", "Quantri#2026"


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def office_file(tmp_path):
    """An office backed up early (no accounts, nothing locked); afterwards it got accounts,
    login required, a locked year and a new unit. Returns (data file, the early backup)."""
    data = tmp_path / "bienche.sqlite"
    ctx, _, _ = small_office(data)
    earlier = backup.backup_now(ctx, "thucong", dest_dir=tmp_path / "usb")
    users.create_user(ctx, ADMIN, ADMIN_PASSWORD, "quan_tri", "Hà Quản Trị")
    users.create_user(ctx, "xem", "Chixem#2026", "chi_xem")
    users.set_login_required(ctx, True)
    period_lock.lock_year(ctx, 2025, "Đã gửi báo cáo năm 2025")
    records.create(ctx, "unit", {"code": "MOI01", "name": "Trường mới lập", "field": "TH"})
    ctx.close()
    return data, earlier


def _state(path: Path) -> dict:
    return {"users": _rows(path, "SELECT * FROM app_user ORDER BY id"),
            "locks": _rows(path, "SELECT * FROM period_lock ORDER BY id"),
            "login": _rows(path, "SELECT value FROM setting WHERE key = 'dang_nhap.bat_buoc'"),
            "audit": _rows(path, "SELECT * FROM audit ORDER BY id")}


def _summary(path: Path) -> tuple[tuple, dict]:
    row = _rows(path, "SELECT app_user, action, entity, field, new FROM audit ORDER BY id DESC LIMIT 1")[0]
    return row[:4], json.loads(row[4])


def _cli_restore(data, source, monkeypatch, *extra):
    monkeypatch.setenv("BIENCHE_PASSWORD", ADMIN_PASSWORD)
    return run(["--user", ADMIN, "restore", str(source), "--reason", "Nhập nhầm trường mới", *extra,
                "--db", str(data)])


def test_restore_keeps_users_login_locks_and_audit_and_is_itself_audited(office_file, monkeypatch):
    data, earlier = office_file
    before = _state(data)
    units_before = _rows(data, "SELECT count(*) FROM unit")[0][0]
    units_backup = _rows(earlier, "SELECT count(*) FROM unit")[0][0]
    assert _rows(earlier, "SELECT count(*) FROM app_user") == [(0,)]  # the backup knew nobody
    assert _cli_restore(data, earlier, monkeypatch) == 0
    after = _state(data)
    assert _rows(data, "SELECT code FROM unit WHERE code = 'MOI01'") == []  # the data went back
    assert after["users"] == before["users"] and len(after["users"]) == 2
    assert after["locks"] == before["locks"] and after["login"] == [("true",)]
    assert after["audit"][:len(before["audit"])] == before["audit"]  # not one row rewritten
    assert len(after["audit"]) == len(before["audit"]) + 1  # the backup's log was a part of it
    who, summary = _summary(data)
    assert who == (ADMIN, "khoi_phuc", "tep_du_lieu", "tom_tat")
    assert summary["ly_do"] == "Nhập nhầm trường mới" and summary["tep"] == earlier.name
    assert summary["truoc"]["don_vi"] == units_before and summary["sau"]["don_vi"] == units_backup
    assert summary["truoc"]["nhat_ky"] == len(before["audit"])
    assert summary["nhat_ky_chi_co_trong_ban_sao_luu"] == 0
    assert summary["giu_quyen_truy_cap"] == {"app_user": 2, "period_lock": 1, "dang_nhap_bat_buoc": 1}
    safety = next(b for b in backup.list_backups(data) if b.reason == "khoiphuc").path
    assert summary["ban_sao_truoc_khi_khoi_phuc"] == safety.name
    assert _rows(safety, "SELECT code FROM unit WHERE code = 'MOI01'") == [("MOI01",)]  # backed up first


def test_the_kept_lock_and_login_still_hold_after_the_restore(office_file, monkeypatch, capsys):
    data, earlier = office_file
    assert _cli_restore(data, earlier, monkeypatch) == 0
    ctx = open_context(data)
    quota = ctx.db.execute("SELECT id FROM quota WHERE year = 2025").fetchone()[0]
    users.login(ctx, ADMIN, ADMIN_PASSWORD)
    with pytest.raises(ValidationError, match="2025 đã được chốt"):
        records.update(ctx, "quota", quota, {"nsnn": 99})
    ctx.close()
    monkeypatch.delenv("BIENCHE_PASSWORD")
    assert run(["init", "--office", "Tên khác", "--level", "xa", "--db", str(data)]) == 2
    assert "yêu cầu đăng nhập" in capsys.readouterr().err


def test_an_edited_copy_cannot_rewrite_the_log(office_file, tmp_path):
    data, earlier = office_file
    edited = tmp_path / "edited.sqlite"
    shutil.copy(earlier, edited)
    conn = sqlite3.connect(edited)
    with conn:
        conn.execute("DELETE FROM audit WHERE id IN (1, 2, 3)")
        conn.execute("UPDATE audit SET new = 'sửa lén' WHERE id = 4")
        conn.execute("INSERT INTO audit (at, app_user, os_user, action, entity, field, new) "
                     "VALUES ('2020-01-01 00:00:00', 'ai_do', 'x', 'sua', 'unit', 'name', 'giả')")
    conn.close()
    before = _state(data)
    ctx = open_context(data, lock=True, program="GUI")
    users.login(ctx, ADMIN, ADMIN_PASSWORD)
    restore_open(ctx, edited, "Thử bản sao chép")
    ctx.close()
    after = _state(data)["audit"]
    assert after[:len(before["audit"])] == before["audit"]
    appended = [r[1:] for r in after[len(before["audit"]):-1]]
    assert sorted(r[-1] for r in appended) == ["giả", "sửa lén"]
    assert _summary(data)[1]["nhat_ky_chi_co_trong_ban_sao_luu"] == 2


def test_replace_access_takes_the_backups_users_and_locks_but_keeps_the_log(office_file, monkeypatch):
    data, earlier = office_file
    before = _state(data)
    assert _cli_restore(data, earlier, monkeypatch, "--replace-access") == 0
    after = _state(data)
    assert after["users"] == [] and after["locks"] == [] and after["login"] == []
    assert after["audit"][:len(before["audit"])] == before["audit"]
    assert "giu_quyen_truy_cap" not in _summary(data)[1]


def test_an_older_schema_backup_keeps_users_locks_and_login(office_file, tmp_path):
    data, _ = office_file
    old = tmp_path / "v1.sqlite"
    shutil.copy(GOLDEN / "schema_v1.sqlite", old)
    before = _state(data)
    ctx = open_context(data, lock=True, program="GUI")
    users.login(ctx, ADMIN, ADMIN_PASSWORD)
    restore_open(ctx, old, "Bản sao lưu của phiên bản cũ")
    assert period_lock.locked_years(ctx) == [2025] and users.login_required(ctx)
    ctx.close()
    after = _state(data)
    assert after["users"] == before["users"] and after["locks"] == before["locks"]
    assert after["audit"][:len(before["audit"])] == before["audit"]
    v1_audit = _rows(old, "SELECT at, app_user, os_user, action, entity, entity_id, field, old, new "
                          "FROM audit ORDER BY id")
    kept = {r[1:] for r in after["audit"]}
    assert all(row in kept for row in v1_audit)  # the restored file's own log is kept too


@pytest.mark.parametrize("who", ["xem", "unsigned", "no reason"])
def test_restore_needs_an_administrator_and_a_reason(office_file, who):
    data, earlier = office_file
    before = content_hash(data)
    ctx = open_context(data, lock=True, program="GUI")
    if who == "xem":
        users.login(ctx, "xem", "Chixem#2026")
    elif who == "no reason":
        users.login(ctx, ADMIN, ADMIN_PASSWORD)
    with pytest.raises(ValidationError if who == "no reason" else PermissionDenied):
        restore_open(ctx, earlier, "" if who == "no reason" else "Lý do")
    ctx.close()
    assert content_hash(data) == before
    assert not any(b.reason == "khoiphuc" for b in backup.list_backups(data))


def test_restoring_over_a_damaged_file_is_audited(office_file, monkeypatch):
    data, earlier = office_file
    damage_pages(data)
    monkeypatch.delenv("BIENCHE_PASSWORD", raising=False)
    assert run(["restore", str(earlier), "--reason", "Tệp hỏng sau khi mất điện", "--db", str(data)]) == 0
    who, summary = _summary(data)
    assert who[1:] == ("khoi_phuc", "tep_du_lieu", "tom_tat") and summary["tep_hong"] is True
    assert summary["ly_do"] == "Tệp hỏng sau khi mất điện"


def test_over_a_damaged_file_the_backup_says_who_may_restore(office_file, monkeypatch, capsys):
    data, _ = office_file
    guarded = backup.backup_now(data, "thucong", dest_dir=data.parent / "usb2")  # login required here
    damage_pages(data)
    monkeypatch.delenv("BIENCHE_PASSWORD", raising=False)
    assert run(["restore", str(guarded), "--reason", "Tệp hỏng", "--db", str(data)]) == 2
    assert "yêu cầu đăng nhập" in capsys.readouterr().err
    monkeypatch.setenv("BIENCHE_PASSWORD", "Chixem#2026")
    assert run(["--user", "xem", "restore", str(guarded), "--reason", "Tệp hỏng", "--db", str(data)]) == 2
    assert "Chỉ tài khoản Quản trị" in capsys.readouterr().err
    assert not any(b.reason == "khoiphuc" for b in backup.list_backups(data))  # nothing was replaced
    assert _cli_restore(data, guarded, monkeypatch) == 0
    assert _summary(data)[0][0] == ADMIN
