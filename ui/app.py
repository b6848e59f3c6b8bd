"""Start the GUI: application identity and icon, Vietnamese locale and Qt strings,
the crash handler, open the data file, first-run office dialog, sign-in, main window.

Known data-file problems (``DatabaseError``) are shown in a Vietnamese
message box without a traceback; a damaged file with a good backup beside it
is offered "Khôi phục từ bản sao lưu gần nhất". Anything else is a bug for
the crash handler (``desktop_app.crash``), which logs into ``logs/`` beside
the data file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import crash
from desktop_app.context import Context, open_context
from desktop_app.errors import DatabaseError, ValidationError
from desktop_app.paths import resource_path
from desktop_app.services import backup, restore
from ui import vi

APP_NAME = "Biên chế"
RESTORE_NEWEST = "Khôi phục từ bản sao lưu gần nhất"


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


def log_dir(db_path: str | Path) -> Path:
    return Path(db_path).resolve().parent / "logs"


def _windows_taskbar_identity() -> None:
    """Group our windows under our own icon in the Windows taskbar, not Python's."""
    if sys.platform == "win32":
        import ctypes

        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID("BienChe.BienChe")


def run_gui(db_path: str | Path) -> int:
    _windows_taskbar_identity()
    app = make_application()
    from ui.crash_dialog import show_crash

    previous, sys.excepthook = sys.excepthook, crash.make_hook(log_dir(db_path), show_crash)
    try:
        return _run(app, db_path)
    finally:
        sys.excepthook = previous  # the handler belongs to this run of the GUI


def _run(app: QApplication, db_path: str | Path) -> int:
    ctx = open_or_restore(db_path)
    if ctx is None:
        return 1
    try:
        from ui.login_dialog import ensure_login
        from ui.main_window import MainWindow
        from ui.office_dialog import ensure_office

        if not ensure_office(ctx) or not ensure_login(ctx):
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


def open_or_restore(db_path: str | Path) -> Context | None:
    """Open the data file; a damaged one may be restored from its newest good backup."""
    try:
        return open_context(db_path, lock=True, program="GUI")
    except DatabaseError as exc:
        if exc.kind not in ("corrupt", "notadb") or not exc.backup or not offer_restore(exc):
            vi.error(None, APP_NAME, f"Không mở được dữ liệu.\n\n{exc}")
            return None
        good = exc.backup
    try:
        restore.restore_damaged(db_path, good)
        return open_context(db_path, lock=True, program="GUI")
    except (DatabaseError, ValidationError) as exc:
        vi.error(None, APP_NAME, f"Không khôi phục được dữ liệu.\n\n{exc}")
        return None


def offer_restore(exc: DatabaseError) -> bool:
    """Ask whether to restore the newest good backup in place of the damaged file."""
    box = vi.message_box(None, QMessageBox.Icon.Critical, APP_NAME,
                         f"Không mở được dữ liệu.\n\n{exc}\n\nTệp hiện tại sẽ được giữ lại một bản "
                         "trong thư mục «backups» trước khi khôi phục.",
                         QMessageBox.StandardButton.Cancel)
    choice = box.addButton(RESTORE_NEWEST, QMessageBox.ButtonRole.AcceptRole)
    box.button(QMessageBox.StandardButton.Cancel).setText("Thoát")
    box.setDefaultButton(choice)
    box.exec()
    return box.clickedButton() is choice
