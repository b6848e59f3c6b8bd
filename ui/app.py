"""Start the GUI: application identity and icon, Vietnamese locale and Qt strings,
the crash handler, open the data file, first-run office dialog, sign-in, main window.

Known data-file problems (``DatabaseError``) are shown in a Vietnamese
message box without a traceback; a damaged file with a good backup beside it
is offered "Khôi phục từ bản sao lưu gần nhất". Anything else is a bug for
the crash handler (``desktop_app.crash``, imported when a crash happens),
which logs into ``logs/`` beside the data file.

The window is shown while the data file's integrity check (and the open-time
backup) still run in a thread (``Context.opening_done``; writes wait for
them). Should the check find damage, the window closes and the file is
opened again the way it always was, check first: the same explanation, the
same offer to restore.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.context import Context, open_context, writable
from desktop_app.errors import DatabaseError, ValidationError
from desktop_app.paths import resource_path
from desktop_app.services import backup
from ui import focus_ring, vi

APP_NAME = "Biên chế"
RESTORE_NEWEST = "Khôi phục từ bản sao lưu gần nhất"
REOPEN = 75  # the event loop's exit code when the background check found the file damaged


IMMORTAL = 1 << 40  # references added to None, True and False (see keep_singletons_alive)


def keep_singletons_alive() -> None:
    """PySide6 6.12 on Python 3.11 returns None from every void Qt call (and some bools)
    without taking a reference, so each call drops one: a session aborts once None's count
    reaches zero («Fatal Python error: none_dealloc»), the sooner the more Qt calls it makes
    (a few thousand focus changes). Python 3.12 makes these objects immortal (PEP 683); here
    they are given as many references as no session can drop."""
    if sys.version_info >= (3, 12) or getattr(keep_singletons_alive, "done", False):
        return
    import ctypes

    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += IMMORTAL
    keep_singletons_alive.done = True  # type: ignore[attr-defined]


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists) with our names and Vietnamese texts."""
    keep_singletons_alive()
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("BienChe")
    app.setWindowIcon(QIcon(str(resource_path("icons", "bienche.png"))))
    if not getattr(app, "_bienche_translator", None):
        app._bienche_translator = vi.install(app)
    if not getattr(app, "_bienche_focus", None):
        app._bienche_focus = focus_ring.install(app)  # the focused control always shows
    return app


def log_dir(db_path: str | Path) -> Path:
    return Path(db_path).resolve().parent / "logs"


def _windows_taskbar_identity() -> None:
    """Group our windows under our own icon in the Windows taskbar, not Python's."""
    if sys.platform == "win32":
        import ctypes

        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID("BienChe.BienChe")


def crash_hook(folder: Path, show):
    """The crash handler, importing desktop_app.crash (logging) only when a crash happens."""
    def hook(kind, value, tb) -> None:
        from desktop_app import crash

        crash.make_hook(folder, show)(kind, value, tb)
    return hook


def run_gui(db_path: str | Path) -> int:
    _windows_taskbar_identity()
    app = make_application()

    def show_crash(details: str, log: Path | None) -> None:
        from ui.crash_dialog import show_crash as show

        show(details, log)

    previous, sys.excepthook = sys.excepthook, crash_hook(log_dir(db_path), show_crash)
    try:
        return _run(app, db_path)
    finally:
        sys.excepthook = previous  # the handler belongs to this run of the GUI


class OpeningWatcher(QObject):
    """Polls the background check of the open; on a failure ends the event loop with REOPEN."""

    def __init__(self, ctx: Context, app: QApplication):
        super().__init__(app)
        self.ctx, self.app, self.failed = ctx, app, False
        self.timer = QTimer(self)
        self.timer.setInterval(50)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        try:
            if not self.ctx.opening_done():
                return
        except Exception:  # noqa: BLE001 - the reopen below reports it exactly as an open does
            self.failed = True
            self.app.exit(REOPEN)
        self.timer.stop()


def _run(app: QApplication, db_path: str | Path) -> int:
    check: bool | str = "background"
    while True:
        ctx = open_or_restore(db_path, check)
        if ctx is None:
            return 1
        code, failed = _session(app, ctx)
        if not failed:
            return code
        check = True  # damage found after the window was shown: open again, checking first


def _session(app: QApplication, ctx: Context) -> tuple[int, bool]:
    watcher = None
    try:
        from desktop_app.services import office, users
        from ui.login_dialog import ensure_login
        from ui.main_window import MainWindow
        from ui.office_dialog import ensure_office

        if not ctx.opening_done() and (not office.get(ctx) or users.login_required(ctx)):
            ctx.wait_opening()  # a first-run or sign-in dialog may write: no window to show yet
        if not ensure_office(ctx) or not ensure_login(ctx):
            return 0, False
        window = MainWindow(ctx)
        window.show()
        watcher = OpeningWatcher(ctx, app)
        code = app.exec()
        window.close()
        return code, watcher.failed
    except Exception as exc:
        if not _opened_well(ctx):  # e.g. a damaged page read before the check's answer:
            return 1, True  # open again, checking first, and say so as an open always has
        if not isinstance(exc, DatabaseError):
            raise
        vi.error(None, APP_NAME, str(exc))
        return 1, False
    finally:
        if watcher is not None:
            watcher.timer.stop()
            watcher.deleteLater()
        if _opened_well(ctx) and not ctx.readonly:  # nowhere to write a backup beside it
            backup.backup_on_close(ctx)
        ctx.close()


def _opened_well(ctx: Context) -> bool:
    """No close-time backup of a file whose open-time check failed."""
    try:
        ctx.wait_opening()
    except Exception:  # noqa: BLE001 - already reported (or about to be) by opening it again
        return False
    return True


def open_or_restore(db_path: str | Path, check: bool | str = True) -> Context | None:
    """Open the data file; a damaged one may be restored from its newest good backup. A file
    that cannot be written (it or its folder read-only) opens read-only: «chế độ chỉ xem»."""
    try:
        if Path(db_path).is_file() and not writable(Path(db_path)):
            return open_context(db_path, program="GUI", check=check)
        return open_context(db_path, lock=True, program="GUI", check=check)
    except DatabaseError as exc:
        if exc.kind not in ("corrupt", "notadb") or not exc.backup or not offer_restore(exc):
            vi.error(None, APP_NAME, f"Không mở được dữ liệu.\n\n{exc}")
            return None
        good = exc.backup
    from desktop_app.services import restore  # only ever needed for a damaged file

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
