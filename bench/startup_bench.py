"""Cold start to the main window shown (offscreen) against a bare PySide6
QMainWindow shown, each a fresh interpreter timed from the parent (median of 3).
Ours opens the file as ui/app.py does (writer lock, integrity check and
open-time backup in the background). Our window gets an empty settings folder, so it opens as on a first run (on Tổng quan),
whatever page the machine's user last left open. The clock stops when the child says
the window is shown, not when it exits: Tổng quan's recompute started in its worker
thread (which the interpreter waits for at exit) is not part of showing the window.
Target: ≤ 2.0× the bare window and ≤ 1.5 s. Run through bench/run.py."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import row

ROOT = Path(__file__).resolve().parents[1]
BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1200, 800); w.show(); app.processEvents()
print("shown", flush=True)
"""
OURS = """
import sys, tempfile
from PySide6.QtCore import QSettings
QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
from ui.app import make_application, open_or_restore
from ui.main_window import MainWindow
app = make_application()
ctx = open_or_restore(sys.argv[1], "background")
w = MainWindow(ctx); w.show(); app.processEvents()
print("shown", flush=True)
ctx.close()
"""


def _cold(code: str, db: Path, runs: int = 3) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    took = []
    for _ in range(runs):
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", code, str(db)], env=env, cwd=ROOT,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        shown = child.stdout.readline().strip() == "shown"
        took.append(time.perf_counter() - started)
        child.communicate()
        if not shown or child.returncode != 0:
            raise RuntimeError(f"the window was not shown (exit {child.returncode})")
    return statistics.median(took)


def rows(db: Path, scale: str) -> list[dict]:
    bare, ours = _cold(BARE, db), _cold(OURS, db)
    return [row(f"cold start to main window shown ({scale})", ours, bare, "s",
                "≤ 2,0× và ≤ 1,5 s", ours <= 2.0 * bare and ours <= 1.5)]
