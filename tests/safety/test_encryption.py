"""Encrypted backups and packages (SPEC §7): round trip, wrong password and
tampered files refused in Vietnamese with nothing changed."""

from __future__ import annotations

import getpass

import pytest
from safety_helpers import content_hash, small_office, unit_codes

from desktop_app import encryption
from desktop_app.cli import EXIT_USER_ERROR, run
from desktop_app.errors import ValidationError
from desktop_app.services import records

SECRET = "mật khẩu dài đủ 12"


def test_bytes_round_trip_and_the_header_is_as_documented():
    blob = encryption.encrypt_bytes(b"du lieu" * 100, SECRET)
    assert blob[:12] == b"BIENCHE-ENC\x00" and blob[12] == 1 and tuple(blob[13:16]) == (15, 8, 1)
    assert len(blob) == encryption.HEADER.size + 700 + 16 and b"du lieu" not in blob
    assert encryption.decrypt_bytes(blob, SECRET) == b"du lieu" * 100
    assert encryption.encrypt_bytes(b"x", SECRET) != encryption.encrypt_bytes(b"x", SECRET)  # fresh salt


@pytest.mark.parametrize("where", [12, 13, 20, 40, 50, -1, -20])
def test_any_changed_byte_is_refused(where):
    blob = bytearray(encryption.encrypt_bytes(b"so lieu bien che", SECRET))
    blob[where] ^= 0x01
    with pytest.raises(ValidationError) as info:
        encryption.decrypt_bytes(bytes(blob), SECRET, "a.enc")
    message = str(info.value)
    assert ("Sai mật khẩu" in message or "phiên bản" in message) and "«a.enc»" in message


def test_wrong_password_and_plain_files_are_refused():
    blob = encryption.encrypt_bytes(b"abc", SECRET)
    with pytest.raises(ValidationError, match="Sai mật khẩu.*Không có gì bị thay đổi"):
        encryption.decrypt_bytes(blob, SECRET + "x")
    with pytest.raises(ValidationError, match="không phải tệp mã hóa"):
        encryption.decrypt_bytes(b"SQLite format 3\x00" + bytes(100), SECRET, "x.sqlite")
    with pytest.raises(ValidationError, match="Cần nhập mật khẩu"):
        encryption.encrypt_bytes(b"abc", "")


@pytest.fixture
def data(tmp_path):
    ctx, _, _ = small_office(tmp_path / "bienche.sqlite")
    ctx.close()
    (tmp_path / "pw.txt").write_text(SECRET + "\n", encoding="utf-8")
    (tmp_path / "wrong.txt").write_text("sai\n", encoding="utf-8")
    return tmp_path / "bienche.sqlite"


def _add_unit(path, code="MOI01"):
    from desktop_app.context import open_context

    ctx = open_context(path)
    records.create(ctx, "unit", {"code": code, "name": "Đơn vị thêm sau", "field": "TH"})
    ctx.close()


def test_encrypted_backup_round_trip_through_the_cli(data, capsys):
    pw, out = str(data.parent / "pw.txt"), data.parent / "usb"
    assert run(["backup", "--db", str(data), "--to", str(out), "--encrypt", "--password-file", pw]) == 0
    files = list(out.iterdir())
    assert len(files) == 1 and files[0].suffix == ".enc" and encryption.is_encrypted(files[0])
    assert "Phúc Đồng".encode() not in files[0].read_bytes() and b"SQLite format" not in files[0].read_bytes()
    assert "Đã sao lưu (mã hóa) vào" in capsys.readouterr().out
    before = content_hash(data, skip=("audit",))  # a restore keeps the log and adds to it
    _add_unit(data)
    changed = content_hash(data)
    wrong = str(data.parent / "wrong.txt")
    assert run(["restore", "--db", str(data), str(files[0]), "--password-file", wrong,
                "--reason", "Thử"]) == EXIT_USER_ERROR
    assert "Sai mật khẩu" in capsys.readouterr().err
    assert content_hash(data) == changed and "MOI01" in unit_codes(data)
    assert run(["restore", "--db", str(data), str(files[0]), "--password-file", pw,
                "--reason", "Thử sao lưu mã hóa"]) == 0
    assert content_hash(data, skip=("audit",)) == before and "MOI01" not in unit_codes(data)
    assert [p.name for p in data.parent.iterdir() if p.name.startswith(".bienche-")] == []


def test_the_password_is_asked_when_no_file_is_given(data, monkeypatch, capsys):
    answers = iter([SECRET, SECRET + "!"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    assert run(["backup", "--db", str(data), "--to", str(data.parent / "o"), "--encrypt"]) == EXIT_USER_ERROR
    assert "Hai lần nhập mật khẩu không giống nhau" in capsys.readouterr().err
    assert not any((data.parent / "o").glob("*.enc"))
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": SECRET)
    assert run(["backup", "--db", str(data), "--to", str(data.parent / "o"), "--encrypt"]) == 0
    enc = next((data.parent / "o").glob("*.enc"))
    _add_unit(data)
    assert run(["restore", "--db", str(data), str(enc), "--reason", "Thử"]) == 0
    assert "MOI01" not in unit_codes(data)


def _key(path) -> str:
    from desktop_app.context import open_context
    from desktop_app.packages import keys

    ctx = open_context(path)
    try:
        return keys.own_fingerprint(ctx)
    finally:
        ctx.close()


def test_encrypted_package_export_verify_and_import(data, tmp_path, capsys):
    pw, wrong = str(tmp_path / "pw.txt"), str(tmp_path / "wrong.txt")
    out = tmp_path / "goi.zip.enc"
    assert run(["package", "export", "--db", str(data), "--out", str(out), "--encrypt",
                "--password-file", pw]) == 0
    assert encryption.is_encrypted(out)
    assert run(["package", "verify", str(out), "--password-file", pw]) == 0
    assert "mã băm của mọi tệp đều khớp" in capsys.readouterr().out
    ctx, _, _ = small_office(tmp_path / "tinh.sqlite", name="Sở Nội vụ tỉnh Bắc Ninh")
    ctx.close()
    province = tmp_path / "tinh.sqlite"
    before = content_hash(province)
    assert run(["package", "import", "--db", str(province), str(out), "--password-file", wrong]) \
        == EXIT_USER_ERROR
    assert "Sai mật khẩu" in capsys.readouterr().err and content_hash(province) == before
    tampered = tmp_path / "sua.zip.enc"
    blob = bytearray(out.read_bytes())
    blob[len(blob) // 2] ^= 0x40
    tampered.write_bytes(bytes(blob))
    assert run(["package", "import", "--db", str(province), str(tampered), "--password-file", pw]) \
        == EXIT_USER_ERROR
    assert "đã bị sửa hay hỏng" in capsys.readouterr().err and content_hash(province) == before
    sender = _key(data)
    assert run(["package", "import", "--db", str(province), str(out), "--password-file", pw]) == 1
    assert "Chưa tin cậy khóa ký" in capsys.readouterr().err and content_hash(province) == before
    assert run(["package", "import", "--db", str(province), str(out), "--password-file", pw,
                "--trust", sender]) == 0
    printed = capsys.readouterr().out
    assert "goi.zip | Ủy ban nhân dân xã Phúc Đồng" in printed and "đã nhập" in printed
    assert content_hash(province) != before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".bienche-")] == []
