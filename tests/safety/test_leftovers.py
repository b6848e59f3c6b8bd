"""Kill leftovers (issue #16): the temporary files of a run killed mid-write (an export's or
a backup's ``.….tmp``, the backup copy's ``….tmp-journal``) are cleaned on the next start;
a write in progress in another process, and other programs' files, are left alone."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest
from safety_helpers import filled_file

from desktop_app.context import open_context

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")

# a backup that stops inside its copy, with the temporary file and its journal open
SLOW_BACKUP = """
import sqlite3, sys, time
from desktop_app.atomic import atomic_write
with atomic_write(sys.argv[1]) as handle:
    copy = sqlite3.connect(handle.name)
    copy.execute("CREATE TABLE t (x)")
    copy.execute("BEGIN")
    copy.execute("INSERT INTO t VALUES (1)")
    print("WRITING", flush=True)
    time.sleep(60)
"""


def _start(target):
    proc = subprocess.Popen([sys.executable, "-c", SLOW_BACKUP, str(target)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline().strip() == "WRITING"
    return proc


def _ours(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".tmp-journal")))


def test_a_killed_backup_leaves_nothing_after_the_next_start(tmp_path):
    db = filled_file(tmp_path / "dl.sqlite", units=3)
    backups = tmp_path / "backups"
    proc = _start(backups / "dl-20261201-101010-thucong.sqlite")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert len(_ours(backups)) == 2  # the temporary copy and its journal
    (tmp_path / ".khac.tmp").write_text("tệp của chương trình khác")
    ctx = open_context(db, lock=True)
    ctx.close()
    assert _ours(backups) == []
    assert (tmp_path / ".khac.tmp").exists()


def test_a_write_in_progress_elsewhere_is_left_alone(tmp_path):
    db = filled_file(tmp_path / "dl.sqlite", units=3)
    proc = _start(tmp_path / "backups" / "dl-20261201-111111-thucong.sqlite")
    try:
        ctx = open_context(db, lock=True)
        ctx.close()
        assert len(_ours(tmp_path / "backups")) == 2
    finally:
        proc.kill()
        proc.wait()
    ctx = open_context(db, lock=True)
    ctx.close()
    assert _ours(tmp_path / "backups") == []
