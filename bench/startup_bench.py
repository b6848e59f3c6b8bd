"""Cold start to the main window shown (offscreen) against a bare PySide6
QMainWindow shown, each a fresh interpreter timed from the parent (median of 5, alternating).
Ours opens the file as ui/app.py does (writer lock, integrity check and
open-time backup in the background). Our window gets an empty settings folder,
so it opens as on a first run (on Tổng quan), whatever page the machine's user
last left open. The clock stops when the child says the window is shown, not
when it exits: Tổng quan's recompute started in its worker thread (which the
interpreter waits for at exit) is not part of showing the window.
Target: ≤ 2.0× the bare window and ≤ 1.5 s. Run through bench/run.py."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
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
import sys
from PySide6.QtCore import QSettings
QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, sys.argv[2])
from ui.app import make_application, open_or_restore
from ui.main_window import MainWindow
app = make_application()
ctx = open_or_restore(sys.argv[1], "background")
w = MainWindow(ctx); w.show(); app.processEvents()
print("shown", flush=True)
ctx.close()
"""


def _env() -> dict[str, str]:
    # An installed program runs from compiled bytecode (the bundle ships .pyc files): let the
    # untimed first run write it even where PYTHONDONTWRITEBYTECODE is set, as on this machine.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _once(code: str, db: Path) -> float:
    # An empty settings folder made here, not in the child: the bare window imports no tempfile.
    settings = tempfile.mkdtemp()
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, str(db), settings], env=_env(), cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    shown = child.stdout.readline().strip() == "shown"
    took = time.perf_counter() - started
    child.communicate()
    shutil.rmtree(settings, ignore_errors=True)
    if not shown or child.returncode != 0:
        raise RuntimeError(f"the window was not shown (exit {child.returncode})")
    return took


def rows(db: Path, scale: str, runs: int = 5) -> list[dict]:
    """Bare and ours alternate (a shared machine's load hits both alike); the first pair is untimed."""
    bare: list[float] = []
    ours: list[float] = []
    for run in range(runs + 1):
        b, o = _once(BARE, db), _once(OURS, db)
        if run:
            bare.append(b)
            ours.append(o)
    b, o = statistics.median(bare), statistics.median(ours)
    return [row(f"cold start to main window shown ({scale})", o, b, "s",
                "≤ 2,0× và ≤ 1,5 s", o <= 2.0 * b and o <= 1.5)]
