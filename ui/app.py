"""Start the GUI: application identity and icon, Vietnamese locale and Qt strings,
open the data file, first-run office dialog, main window.

Known data-file problems (``DatabaseError``) are shown in a Vietnamese
message box without a traceback; anything else is a bug.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop_app.context import open_context
from desktop_app.errors import DatabaseError
from desktop_app.paths import resource_path
from desktop_app.services import backup
from ui import vi

APP_NAME = "Biên chế"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists) with our names and Vietnamese texts."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("BienChe")
    app.setWindowIcon(QIcon(str(resource_path("icons", "bienche.png"))))
    if not getattr(app, "_bienche_translator", None):
        app._bienche_translator = vi.install(app)
    return app


def _windows_taskbar_identity() -> None:
    """Group our windows under our own icon in the Windows taskbar, not Python's."""
    if sys.platform == "win32":
        import ctypes

        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID("BienChe.BienChe")


def run_gui(db_path: str | Path) -> int:
    _windows_taskbar_identity()
    app = make_application()
    try:
        ctx = open_context(db_path, lock=True, program="GUI")
    except DatabaseError as exc:
        vi.error(None, APP_NAME, f"Không mở được dữ liệu.\n\n{exc}")
        return 1
    try:
        from ui.main_window import MainWindow
        from ui.office_dialog import ensure_office

        if not ensure_office(ctx):
            return 0
        window = MainWindow(ctx)
        window.show()
        return app.exec()
    except DatabaseError as exc:
        vi.error(None, APP_NAME, str(exc))
        return 1
    finally:
        backup.backup_on_close(ctx)
        ctx.close()
