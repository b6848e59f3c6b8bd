"""PySide6 6.12 on Python 3.11 drops a reference to None at every void Qt call: a session
aborted («Fatal Python error: none_dealloc») after a few thousand of them — the focus ring
makes a few at each focus change. ``make_application`` keeps None, True and False alive."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CALLS = textwrap.dedent("""
    from PySide6.QtWidgets import QLineEdit
    from ui.app import make_application
    app = make_application()
    edit = QLineEdit()
    for _ in range(50_000):  # 100,000 void calls: more than None has references in a session
        edit.setText("x")
        edit.update()
    print("còn sống")
""")


def test_a_long_session_of_qt_calls_does_not_abort(tmp_path):
    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", CALLS], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "còn sống" in done.stdout
