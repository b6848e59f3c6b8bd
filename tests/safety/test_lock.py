import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from safety_helpers import filled_file, unit_codes

from db.lock import WriterLock, lock_path, read_holder
from desktop_app.cli import EXIT_DATA_ERROR, run
from desktop_app.context import open_context
from desktop_app.errors import DatabaseError

ROOT = Path(__file__).resolve().parents[2]
HOLDER = """
import sys
from desktop_app.context import open_context
ctx = open_context(sys.argv[1], lock=True, program="GUI")
print("dang giu", flush=True)
sys.stdin.readline()
ctx.close()
"""


@pytest.fixture
def other_process(tmp_path):
    """Another process (like the GUI) that holds the writer lock until its stdin closes."""
    data = filled_file(tmp_path / "bienche.sqlite", units=2)
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(data)], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == "dang giu"
    yield data, proc
    if proc.poll() is None:
        proc.stdin.close()
        proc.wait(timeout=30)


def test_second_writer_is_told_who_holds_the_file(other_process):
    data, proc = other_process
    holder = read_holder(data)
    assert holder["pid"] == proc.pid and holder["program"] == "GUI"
    assert holder["host"] == socket.gethostname()
    with pytest.raises(DatabaseError) as info:
        open_context(data, lock=True)
    assert info.value.kind == "locked"
    message = str(info.value)
    assert f"tiến trình {proc.pid}" in message and "giao diện Biên chế" in message
    assert f"trên máy «{socket.gethostname()}»" in message and "hãy đóng chương trình đó" in message


def test_cli_writing_commands_are_refused_and_reading_ones_work(other_process, capsys):
    data, proc = other_process
    assert run(["init", "--db", str(data), "--office", "Xã khác", "--level", "xa"]) == EXIT_DATA_ERROR
    assert "đang được mở để ghi bởi giao diện Biên chế" in capsys.readouterr().err
    backup_file = next((data.parent / "backups").iterdir())
    assert run(["restore", "--db", str(data), str(backup_file)]) == EXIT_DATA_ERROR
    assert f"tiến trình {proc.pid}" in capsys.readouterr().err
    assert run(["info", "--db", str(data)]) == 0
    assert run(["backup", "--db", str(data)]) == 0
    assert unit_codes(data) == ["TH000", "TH001"]


def test_lock_is_free_again_when_the_holder_ends(other_process):
    data, proc = other_process
    proc.stdin.close()
    proc.wait(timeout=30)
    ctx = open_context(data, lock=True)
    assert read_holder(data)["pid"] == os.getpid()
    ctx.close()
    assert read_holder(data) is None  # released: no stale description left behind


def test_lock_dies_with_a_killed_holder(other_process):
    data, proc = other_process
    proc.kill()  # a crash or a power cut must not leave the file locked forever
    proc.wait(timeout=30)
    with WriterLock(data) as lock:
        assert lock.held


def test_one_lock_per_file_within_a_process(tmp_path):
    data = tmp_path / "bienche.sqlite"
    with WriterLock(data, "CLI"):
        with pytest.raises(DatabaseError, match="lệnh bienche"):
            WriterLock(data, "CLI").acquire()
        WriterLock(tmp_path / "khac.sqlite").acquire().release()  # other files are independent
    assert lock_path(data).name == "bienche.sqlite.lock"
    WriterLock(data).acquire().release()



def test_read_only_folder_is_a_known_error(tmp_path, monkeypatch):
    def refused(*args, **kwargs):  # what a read-only folder or share answers (root ignores chmod)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("db.lock.open", refused, raising=False)
    with pytest.raises(DatabaseError, match="chỉ cho phép đọc") as info:
        WriterLock(tmp_path / "bienche.sqlite").acquire()
    assert info.value.kind == "readonly"
