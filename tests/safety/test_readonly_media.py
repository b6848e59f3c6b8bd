"""A data file on a read-only disk or folder (issue #16): it used to be unreadable, with a
message pointing to a «chế độ chỉ xem» that does not exist. Reading commands now open it
read-only and say that nothing can be saved there; writing commands are refused with the
way out; the file is never changed."""

from __future__ import annotations

import hashlib

import pytest
from disk import CLI, on_small_disk, small_disk_available
from safety_helpers import small_office

pytestmark = pytest.mark.skipif(not small_disk_available(), reason="needs Linux mount namespaces")

NOTE = "chỉ cho phép đọc"


@pytest.fixture
def office_file(tmp_path):
    path = tmp_path / "dl.sqlite"
    ctx, _, _ = small_office(path)
    ctx.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()
    return path


@pytest.mark.parametrize("command", [["info"], ["info", "--json"], ["check"],
                                     ["export", "bm02-vc", "--out", "OUT/bc.xlsx"]])
def test_reading_commands_work_and_say_nothing_can_be_saved(office_file, tmp_path, command):
    digest = hashlib.sha256(office_file.read_bytes()).hexdigest()
    args = [a.replace("OUT", str(tmp_path)) for a in command]
    run = on_small_disk(tmp_path, 4096, [office_file], [*CLI, *args, "--db", "{disk}/dl.sqlite"],
                        readonly=True)
    assert run.returncode == 0, run.stderr
    assert NOTE in run.stderr and "không lưu được gì" in run.stderr and "chế độ chỉ xem" not in run.stderr
    if command[0] == "info":
        assert "Phúc Đồng" in run.stdout
    if command[0] == "export":
        assert (tmp_path / "bc.xlsx").read_bytes()[:2] == b"PK"
    assert hashlib.sha256((run.disk / "dl.sqlite").read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in run.disk.iterdir()) == ["dl.sqlite"]


@pytest.mark.parametrize("command", [["import", "units", "FILE"], ["demo"], ["backup"]])
def test_writing_commands_are_refused_with_the_way_out(office_file, tmp_path, command):
    sheet = tmp_path / "dv.csv"
    sheet.write_text("Mã đơn vị,Tên đơn vị,Lĩnh vực\nX1,Trường A,TH\n", encoding="utf-8")
    args = [str(sheet) if a == "FILE" else a for a in command]
    digest = hashlib.sha256(office_file.read_bytes()).hexdigest()
    run = on_small_disk(tmp_path, 4096, [office_file], [*CLI, *args, "--db", "{disk}/dl.sqlite"],
                        readonly=True)
    assert run.returncode in (2, 3) and "Traceback" not in run.stderr, run.stderr
    assert NOTE in run.stderr and "chế độ chỉ xem" not in run.stderr
    assert hashlib.sha256((run.disk / "dl.sqlite").read_bytes()).hexdigest() == digest
