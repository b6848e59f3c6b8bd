"""``bienche --self-test`` opens every page offscreen and exits 0."""

import os
import subprocess
import sys


def test_self_test_exits_zero(tmp_path):
    env = {**os.environ, "BIENCHE_DB": str(tmp_path / "user.sqlite")}
    env.pop("DISPLAY", None)
    done = subprocess.run([sys.executable, "-m", "desktop_app.main", "--self-test"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "mọi màn hình mở được" in done.stdout
    assert not (tmp_path / "user.sqlite").exists()  # the user's data file is never touched
