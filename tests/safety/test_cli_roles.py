"""The command line is no side door (issue #15 item 5, STYLE §18): with "login required",
every writing command without valid credentials is refused (exit 2, Vietnamese message,
nothing written), a Chỉ xem account writes nothing, and the right credentials work.
Without login required the CLI acts as the OS user and the audit names them."""

from __future__ import annotations

import getpass
import shutil

import pytest
from safety_helpers import content_hash, small_office, staff_rows, write_sheet

from desktop_app.cli import run
from desktop_app.context import open_context
from desktop_app.packages import catalogue_package
from desktop_app.packages.export import export_package
from desktop_app.services import backup, office, period_lock, users

PASSWORDS = {"qt.ha": "Quantri#2026", "hoa.nt": "Chuyenvien#26", "xem": "Chixem#2026"}
ROLES = {"qt.ha": "quan_tri", "hoa.nt": "chuyen_vien", "xem": "chi_xem"}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A guarded office (three accounts, login required, 2025 locked) and the inputs of
    every writing command; copied by each test, never written to."""
    folder = tmp_path_factory.mktemp("guarded")
    ctx, _, _ = small_office(folder / "bienche.sqlite")
    other, _, _ = small_office(folder / "other.sqlite", name="Ủy ban nhân dân xã Hòa Bình")
    export_package(other, folder / "other.zip")
    other.close()
    catalogue_package.export_catalogues(ctx, folder / "danhmuc.zip")
    saved = backup.backup_now(ctx, "thucong", dest_dir=folder / "saved")
    shutil.move(saved, folder / "earlier.sqlite")
    for name, password in PASSWORDS.items():
        users.create_user(ctx, name, password, ROLES[name])
    users.set_login_required(ctx, True)
    period_lock.lock_year(ctx, 2025, "Đã gửi báo cáo năm 2025")
    ctx.close()
    write_sheet(folder / "staff.xlsx", "staff", staff_rows(3))
    return folder


@pytest.fixture
def guarded(template, tmp_path, monkeypatch):
    for name in ("bienche.sqlite", "other.zip", "danhmuc.zip", "earlier.sqlite", "staff.xlsx"):
        shutil.copy(template / name, tmp_path / name)
    monkeypatch.setenv("BIENCHE_NEW_PASSWORD", "Matkhaumoi#1")
    monkeypatch.delenv("BIENCHE_PASSWORD", raising=False)
    return tmp_path


def _commands(folder):
    """Every command that writes the data file (name → arguments)."""
    return {
        "init": ["init", "--office", "Ủy ban nhân dân xã Đổi Tên", "--level", "xa"],
        "demo": ["demo"],
        "import": ["import", "staff", str(folder / "staff.xlsx")],
        "package import": ["package", "import", str(folder / "other.zip")],
        "package catalogue-import": ["package", "catalogue-import", str(folder / "danhmuc.zip")],
        "restore": ["restore", str(folder / "earlier.sqlite"), "--reason", "Quay lại bản trước"],
        "user add": ["user", "add", "moi", "--role", "chuyen_vien"],
        "user require-login": ["user", "require-login", "off"],
        "user password": ["user", "password", "hoa.nt"],
        "office": ["office", "--signer-name", "Người Khác"],
        "tinh-gian new": ["tinh-gian", "new", "--year", "2026", "--quarter", "2"],
    }


WRITES = ["init", "demo", "import", "package import", "package catalogue-import", "restore", "user add",
          "user require-login", "user password", "office", "tinh-gian new"]


def _run(folder, argv, user=None, monkeypatch=None):
    if user is not None:
        monkeypatch.setenv("BIENCHE_PASSWORD", PASSWORDS[user])
        argv = ["--user", user, *argv]
    return run([*argv, "--db", str(folder / "bienche.sqlite")])


def test_the_list_covers_the_writing_commands(guarded):
    from desktop_app.cli import COMMANDS, READ_ONLY

    writing = {c for c in COMMANDS if c not in READ_ONLY}
    assert {name.split()[0] for name in WRITES} == writing


@pytest.mark.parametrize("name", WRITES)
def test_without_credentials_every_write_is_refused(guarded, capsys, name):
    before = content_hash(guarded / "bienche.sqlite")
    assert _run(guarded, _commands(guarded)[name]) == 2
    err = capsys.readouterr().err
    assert "yêu cầu đăng nhập" in err and "--user" in err and "Traceback" not in err
    assert content_hash(guarded / "bienche.sqlite") == before


@pytest.mark.parametrize("name", WRITES)
def test_chi_xem_is_refused_everywhere(guarded, capsys, monkeypatch, name):
    before = content_hash(guarded / "bienche.sqlite")
    assert _run(guarded, _commands(guarded)[name], "xem", monkeypatch) == 2
    err = capsys.readouterr().err
    assert "«xem»" in err and "Chỉ xem" in err and "Traceback" not in err
    assert content_hash(guarded / "bienche.sqlite") == before


@pytest.mark.parametrize("name", ["init", "restore", "user add", "user require-login", "office"])
def test_chuyen_vien_cannot_do_an_administrators_work(guarded, capsys, monkeypatch, name):
    before = content_hash(guarded / "bienche.sqlite")
    assert _run(guarded, _commands(guarded)[name], "hoa.nt", monkeypatch) == 2
    assert "Chỉ tài khoản Quản trị" in capsys.readouterr().err
    assert content_hash(guarded / "bienche.sqlite") == before


def test_a_wrong_password_is_refused_and_counted(guarded, capsys, monkeypatch):
    monkeypatch.setenv("BIENCHE_PASSWORD", "doan-mo-thoi")
    assert run(["--user", "qt.ha", "import", "staff", str(guarded / "staff.xlsx"),
                "--db", str(guarded / "bienche.sqlite")]) == 2
    assert "Sai tên đăng nhập hoặc mật khẩu (còn 4 lần" in capsys.readouterr().err
    ctx = open_context(guarded / "bienche.sqlite")
    assert ctx.db.execute("SELECT count(*) FROM person").fetchone()[0] == 3
    assert ctx.db.execute("SELECT failed_count FROM app_user WHERE username = 'qt.ha'").fetchone()[0] == 1
    ctx.close()


def test_no_password_and_no_terminal_is_refused_without_waiting(guarded, capsys):
    before = content_hash(guarded / "bienche.sqlite")
    assert run(["--user", "qt.ha", "import", "staff", str(guarded / "staff.xlsx"),
                "--db", str(guarded / "bienche.sqlite")]) == 2  # pytest's stdin is no terminal
    assert "BIENCHE_PASSWORD" in capsys.readouterr().err
    assert content_hash(guarded / "bienche.sqlite") == before


def _audit_users(path, action):
    ctx = open_context(path)
    try:
        return [r[0] for r in ctx.db.execute("SELECT DISTINCT app_user FROM audit WHERE action = ?",
                                             [action])]
    finally:
        ctx.close()


@pytest.mark.parametrize("name", ["init", "import", "restore", "user add", "user require-login",
                                  "user password"])
def test_an_administrator_signed_in_may_and_the_audit_names_them(guarded, monkeypatch, name):
    before = content_hash(guarded / "bienche.sqlite")
    assert _run(guarded, _commands(guarded)[name], "qt.ha", monkeypatch) == 0
    assert content_hash(guarded / "bienche.sqlite") != before
    ctx = open_context(guarded / "bienche.sqlite")
    last = ctx.db.execute("SELECT app_user, os_user FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    ctx.close()
    assert tuple(last) == ("qt.ha", getpass.getuser())


def test_everyone_signed_in_may_change_their_own_password_only(guarded, monkeypatch, capsys):
    monkeypatch.setenv("BIENCHE_NEW_PASSWORD", "Moi#xem2026")
    assert _run(guarded, ["user", "password", "xem"], "xem", monkeypatch) == 0
    ctx = open_context(guarded / "bienche.sqlite")
    users.login(ctx, "xem", "Moi#xem2026")  # the new one works (the old one no longer does)
    assert ctx.role == "chi_xem"
    ctx.close()
    monkeypatch.delenv("BIENCHE_PASSWORD")
    assert run(["user", "password", "xem", "--db", str(guarded / "bienche.sqlite")]) == 2
    assert "yêu cầu đăng nhập" in capsys.readouterr().err


def test_a_chuyen_vien_signed_in_imports(guarded, monkeypatch):
    assert _run(guarded, _commands(guarded)["import"], "hoa.nt", monkeypatch) == 0
    assert _audit_users(guarded / "bienche.sqlite", "nhap") == ["hoa.nt"]


def test_demo_with_credentials_on_a_guarded_empty_file(tmp_path, monkeypatch, capsys):
    data = tmp_path / "trong.sqlite"
    assert run(["init", "--office", "Ủy ban nhân dân xã Mẫu", "--level", "xa", "--db", str(data)]) == 0
    monkeypatch.setenv("BIENCHE_NEW_PASSWORD", PASSWORDS["qt.ha"])
    assert run(["user", "add", "qt.ha", "--role", "quan_tri", "--db", str(data)]) == 0  # the first one
    monkeypatch.setenv("BIENCHE_PASSWORD", PASSWORDS["qt.ha"])
    assert run(["--user", "qt.ha", "user", "require-login", "on", "--db", str(data)]) == 0
    monkeypatch.delenv("BIENCHE_PASSWORD")
    assert run(["demo", "--db", str(data)]) == 2
    assert "yêu cầu đăng nhập" in capsys.readouterr().err
    monkeypatch.setenv("BIENCHE_PASSWORD", PASSWORDS["qt.ha"])
    assert run(["--user", "qt.ha", "demo", "--db", str(data)]) == 0
    ctx = open_context(data)
    assert ctx.db.execute("SELECT count(*) FROM unit").fetchone()[0] > 100
    ctx.close()


def test_without_login_required_the_cli_acts_as_the_os_user(tmp_path, monkeypatch, capsys):
    data = tmp_path / "mot_nguoi.sqlite"
    assert run(["init", "--office", "Ủy ban nhân dân xã Một Người", "--level", "xa", "--db", str(data)]) == 0
    sheet = write_sheet(tmp_path / "staff.xlsx", "staff", staff_rows(2, unit="TH01"))
    ctx = open_context(data)
    from desktop_app.services import records

    records.create(ctx, "unit", {"code": "TH01", "name": "Trường Tiểu học", "field": "TH"})
    ctx.close()
    assert run(["import", "staff", str(sheet), "--db", str(data)]) == 0
    assert _audit_users(data, "nhap") == [getpass.getuser()]
    # the first account needs no one; once an administrator exists, the next needs them
    monkeypatch.setenv("BIENCHE_NEW_PASSWORD", "Matkhaumoi#1")
    assert run(["user", "add", "qt", "--role", "quan_tri", "--full-name", "Lê Quản Trị",
                "--db", str(data)]) == 0
    assert run(["user", "add", "khac", "--role", "chuyen_vien", "--db", str(data)]) == 2
    assert "Chỉ tài khoản Quản trị" in capsys.readouterr().err
    assert run(["init", "--office", "Tên khác", "--level", "xa", "--db", str(data)]) == 2  # no rename
    monkeypatch.setenv("BIENCHE_PASSWORD", "Matkhaumoi#1")
    assert run(["--user", "qt", "user", "add", "khac", "--role", "chuyen_vien", "--db", str(data)]) == 0
    assert run(["user", "list", "--json", "--db", str(data)]) == 0
    out = capsys.readouterr().out
    assert '"username": "khac"' in out and '"require_login": false' in out and "password" not in out
    ctx = open_context(data)
    assert office.get(ctx)["name"] == "Ủy ban nhân dân xã Một Người"
    ctx.close()
