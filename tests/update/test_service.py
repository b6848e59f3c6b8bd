"""Taking an update: only a genuine, newer bundle that opens this data file is installed, after a
backup; every refusal leaves nothing started, no backup and the data file unchanged. The CLI
says the same in Vietnamese, exit 2, no traceback."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from db import migrations
from desktop_app import signing
from desktop_app.cli import run as cli
from desktop_app.errors import PermissionDenied
from desktop_app.services import backup
from desktop_app.update import service
from desktop_app.update.bundle import UpdateError

from .conftest import make


class Launcher:
    def __init__(self):
        self.started = []

    def __call__(self, path):
        self.started.append((path, path.read_bytes()))


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_genuine_newer_bundle_is_backed_up_then_launched(ctx, genuine, installer, keys):
    launch = Launcher()
    manifest, saved, extracted = service.apply(ctx, genuine, keys[1], launch, current="0.1.0")
    assert manifest.version == "9.0.0"
    assert launch.started == [(extracted, installer.read_bytes())]
    assert saved.exists() and backup.parse_name(saved).reason == "capnhat"
    with sqlite3.connect(saved) as copy:
        assert copy.execute("SELECT name FROM office").fetchone()[0] == "Ủy ban nhân dân phường Phúc Đồng"


def _assert_refused(ctx, bundle, key, words, current="0.1.0"):
    launch = Launcher()
    before = list(backup.list_backups(ctx.path))
    with pytest.raises(UpdateError) as caught:
        service.apply(ctx, bundle, key, launch, current=current)
    assert words in str(caught.value)
    assert launch.started == [] and list(backup.list_backups(ctx.path)) == before


def test_a_downgrade_or_the_same_version_is_refused(ctx, installer, keys, tmp_path):
    for version in ("0.1.0", "0.0.9"):
        older = make(installer, tmp_path / f"{version}.bcupdate", keys[0], version=version)
        _assert_refused(ctx, older, keys[1], "không cài lùi")


def test_a_bundle_older_than_the_data_files_schema_is_refused(ctx, installer, keys, tmp_path):
    old = make(installer, tmp_path / "old.bcupdate", keys[0], schema_version=migrations.LATEST - 1,
               min_schema_version=1)
    _assert_refused(ctx, old, keys[1], "không mở được tệp dữ liệu")


def test_a_bundle_that_cannot_upgrade_so_old_a_file_is_refused(ctx, installer, keys, tmp_path):
    new = make(installer, tmp_path / "new.bcupdate", keys[0], schema_version=migrations.LATEST + 3,
               min_schema_version=migrations.LATEST + 1)
    _assert_refused(ctx, new, keys[1], "phiên bản trung gian")


def test_tampered_installer_wrong_key_refused_with_nothing_started(ctx, genuine, installer, keys, tmp_path):
    import zipfile

    forged = tmp_path / "forged.bcupdate"
    with zipfile.ZipFile(genuine) as zin, zipfile.ZipFile(forged, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, data[:-1] + b"!" if info.filename.startswith("installer/") else data)
    _assert_refused(ctx, forged, keys[1], "mã băm")
    _assert_refused(ctx, genuine, signing.public_key(signing.new_private_key()), "chữ ký không hợp lệ")


def test_only_an_administrator_applies_an_update(ctx, genuine, keys):
    ctx.role, ctx.user = "chi_xem", "xem"
    with pytest.raises(PermissionDenied):
        service.apply(ctx, genuine, keys[1], Launcher(), current="0.1.0")


def test_a_build_without_a_publisher_key_refuses_every_bundle(tmp_path):
    unconfigured = tmp_path / "update-publisher.pub"
    unconfigured.write_text("# chưa có khóa\n", encoding="utf-8")
    with pytest.raises(UpdateError, match="chưa được gắn khóa"):
        service.publisher_key(unconfigured)
    configured = tmp_path / "ok.pub"
    key = signing.public_key(signing.new_private_key())
    configured.write_text(f"# khóa\n{signing.encode(key)}\n", encoding="utf-8")
    assert service.publisher_key(configured) == key


def test_the_shipped_key_file_is_read_without_error_or_refuses_clearly():
    try:
        assert len(service.publisher_key()) == signing.KEY_BYTES
    except UpdateError as exc:
        assert "chưa được gắn khóa" in str(exc)


def test_cli_check_accepts_a_genuine_bundle(ctx, genuine, keys, monkeypatch, capsys):
    path = ctx.path
    ctx.close()
    monkeypatch.setattr(service, "publisher_key", lambda: keys[1])
    assert cli(["update", "check", str(genuine), "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "9.0.0" in out and "Sửa biểu BM02-VC." in out and "hợp lệ" in out


def test_cli_refusals_are_vietnamese_exit_2_and_change_nothing(ctx, installer, keys, tmp_path,
                                                                monkeypatch, capsys):
    path = ctx.path
    ctx.close()
    forged = make(installer, tmp_path / "forged.bcupdate", signing.new_private_key())
    monkeypatch.setattr(service, "publisher_key", lambda: keys[1])
    monkeypatch.setattr(service, "launch_installer", lambda p: pytest.fail("started"))
    before = _digest(path)
    for action in ("check", "apply"):
        assert cli(["update", action, str(forged), "--db", str(path)]) == 2
        err = capsys.readouterr().err
        assert "chữ ký không hợp lệ" in err and "Traceback" not in err
    assert _digest(path) == before
