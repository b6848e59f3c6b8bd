"""Closing the window while background work runs ends cleanly (issue 18 point 11): a pool
job finishing after the window is gone, and an export still writing, end without
«Signal source has been deleted», «QThread: Destroyed while thread is still running» or
a traceback, and leave no half-written file. Run in a process of its own, as the app
runs: the failure happened while Python tore the Qt objects down at exit."""

import shutil
import subprocess
import sys
from pathlib import Path

SCRIPT = r'''
import sys, time
from pathlib import Path
from PySide6.QtCore import QThreadPool, QTimer
from ui import app as app_module
from ui.main_window import MainWindow
from ui.ops import ContextJob

path, out = sys.argv[1], Path(sys.argv[2])
shown = MainWindow.show

def show(window):
    shown(window)
    job = ContextJob(window.ctx.path, window.ctx.today, lambda ctx: time.sleep(1.5) or 1)
    job.signals.done.connect(window.refresh_title)
    window.probe = job
    QThreadPool.globalInstance().start(job)
    reports = window.page("reports")
    reports.form_list.setCurrentRow(list(reports.forms).index("bm02-vc"))
    reports.set_folder(str(out))
    reports.export()
    QTimer.singleShot(100, window.close)

MainWindow.show = show
sys.exit(app_module.run_gui(path))
'''


def test_closing_while_work_runs_ends_cleanly(office_demo_file, tmp_path):
    data = tmp_path / "coquan.sqlite"
    shutil.copyfile(office_demo_file, data)
    out = tmp_path / "out"
    out.mkdir()
    script = tmp_path / "close_while_busy.py"
    script.write_text(SCRIPT, encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root), "HOME": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, str(script), str(data), str(out)], cwd=root, capture_output=True,
                          text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    for text in ("Signal source has been deleted", "Traceback", "Destroyed while thread", "Error calling"):
        assert text not in done.stderr, done.stderr
    assert [p.suffix for p in out.iterdir()] in ([], [".xlsx", ".pdf"], [".pdf", ".xlsx"])  # cancelled: none
