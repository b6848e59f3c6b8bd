"""Screenshots of every page on a small screen, to be looked at (issue #18 §10).

    xvfb-run -a -s "-screen 0 1366x768x24" uv run python docs/small_screens.py OUT [SCALE ...]

For each scale (default 1 1.25 1.5) a process of its own starts with
QT_SCALE_FACTOR=SCALE on the 1366×768 screen, builds the office demo in a
temporary folder, opens the main window at the size such a screen leaves free
(its logical size less a 40 px taskbar) and saves each page, full size, as
OUT/<scale>-<page>.png. The user's own data is never touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

SCREEN = (1366, 768)
TASKBAR = 40


def window_size(scale: float) -> tuple[int, int]:
    """The logical size a maximised window gets on the 1366×768 screen at ``scale``."""
    return int(SCREEN[0] / scale), int(SCREEN[1] / scale) - TASKBAR


def shoot(out: Path, scale: float) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import make_screenshots as shots
    from PySide6.QtCore import QSettings

    from desktop_app.context import open_context
    from desktop_app.services import demo
    from ui.app import make_application
    from ui.main_window import MainWindow
    from ui.pages import PAGES

    app = make_application()
    with tempfile.TemporaryDirectory(prefix="bienche-nho-") as folder:
        ctx = open_context(Path(folder) / "demo.sqlite", today=shots.TODAY)
        demo.generate(ctx, scale="office", seed=1)
        window = MainWindow(ctx, QSettings(str(Path(folder) / "b.ini"), QSettings.Format.IniFormat))
        window.resize(*window_size(scale))
        window.show()
        for key, _title, _factory in PAGES:
            window.show_page(key)
            shots.settle()
            if key in shots.PREPARE:
                shots.PREPARE[key](window.page(key))
            path = out / f"{scale:g}-{key}.png"
            window.grab().save(str(path))
            print(path, window.size().toTuple(), window.minimumSizeHint().toTuple())
        window.close()
        app.processEvents()
        ctx.close()


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    if os.environ.get("BIENCHE_SHOOT"):
        shoot(out, float(os.environ["BIENCHE_SHOOT"]))
        return 0
    for scale in [float(s) for s in argv[1:]] or [1.0, 1.25, 1.5]:
        env = {**os.environ, "QT_SCALE_FACTOR": f"{scale:g}", "BIENCHE_SHOOT": f"{scale:g}"}
        subprocess.run([sys.executable, __file__, str(out)], env=env, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
