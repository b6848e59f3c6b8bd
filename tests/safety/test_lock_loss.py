"""POSIX lock loss (issue #16). On Linux a process loses all its record locks on a file as soon
as it closes any descriptor of that file; Qt's non-native file dialog does exactly that when it
sniffs the files of the data folder. A reading command run afterwards used to find the file
unlocked, checkpoint it and delete the GUI's -wal and -shm: the GUI's next writes went into a
deleted WAL, invisible to everyone else and lost. Reading commands beside a writer now open the
file read-only, which can never take the exclusive lock that clean-up needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from desktop_app.context import open_context

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX record locks")

CLI = [sys.executable, "-m", "desktop_app.main"]
GUI = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication, QFileDialog
from desktop_app.context import open_context
from desktop_app.services import records

db, also_open = Path(sys.argv[1]), sys.argv[2] == "1"
app = QApplication([])
ctx = open_context(db, lock=True, program="GUI")
records.create(ctx, "unit", {"code": "G1", "name": "Trước hộp thoại", "field": "TH"})
dialog = QFileDialog(None, "Chọn tệp", str(db.parent))
dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
dialog.show()
end = time.monotonic() + 3  # the dialog's model lists and sniffs the folder's files
while time.monotonic() < end:
    app.processEvents()
    time.sleep(0.02)
if also_open:
    open(db, "rb").close()  # the same loss without Qt: any open and close of the file
dialog.close()
print("READY", flush=True)
sys.stdin.readline()
records.create(ctx, "unit", {"code": "G2", "name": "Sau lệnh", "field": "TH"})
print("WROTE", flush=True)
sys.stdin.readline()
ctx.close()
"""


def _units(db) -> int:
    r = subprocess.run([*CLI, "info", "--json", "--db", str(db)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["counts"]["units_total"]


@pytest.mark.parametrize("also_open", [False, True])
def test_a_cli_beside_the_gui_never_deletes_its_wal(tmp_path, also_open):
    db = tmp_path / "dl.sqlite"
    assert subprocess.run([*CLI, "init", "--office", "X", "--level", "xa", "--db", str(db)],
                          capture_output=True, timeout=120).returncode == 0
    gui = subprocess.Popen([sys.executable, "-c", GUI, str(db), "1" if also_open else "0"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        assert gui.stdout.readline().strip() == "READY"
        assert _units(db) == 1  # G1, read from the GUI's WAL
        for command in (["check"], ["forms"]):
            assert subprocess.run([*CLI, *command, "--db", str(db)], capture_output=True,
                                  timeout=120).returncode == 0
        assert (tmp_path / "dl.sqlite-wal").exists() and (tmp_path / "dl.sqlite-shm").exists()
        gui.stdin.write("\n")
        gui.stdin.flush()
        assert gui.stdout.readline().strip() == "WROTE"
        assert _units(db) == 2  # the GUI's later write is seen by everyone, not lost in a deleted WAL
    finally:
        gui.stdin.write("\n")
        gui.stdin.flush()
        gui.wait(timeout=60)
    assert gui.returncode == 0
    assert _units(db) == 2


def test_the_writers_own_workers_are_not_made_read_only(tmp_path):
    """A worker thread of the GUI (lock=False, same process) still writes."""
    db = tmp_path / "dl.sqlite"
    gui = open_context(db, lock=True, program="GUI")
    try:
        worker = open_context(db)
        assert not worker.readonly
        worker.db.execute("UPDATE catalogue_version SET source = 'thu' WHERE rowid = 1")
        worker.close()
    finally:
        gui.close()
