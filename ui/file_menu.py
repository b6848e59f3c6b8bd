"""The «Tệp» menu of the main window (issue #18 §7): open another data file (the
program starts again on it, this window closes), back up now, quit."""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from desktop_app.errors import BiencheError
from desktop_app.services import backup
from ui import file_dialog, vi


def start_program(path: str) -> bool:
    """Start another Biên chế window on the data file ``path``."""
    if getattr(sys, "frozen", False):
        return bool(QProcess.startDetached(sys.executable, ["--db", path])[0])
    code = "from desktop_app.main import main; raise SystemExit(main())"
    return bool(QProcess.startDetached(sys.executable, ["-c", code, "--db", path])[0])


class FileMenu:
    def __init__(self, window: QMainWindow, ctx):
        self.window, self.ctx = window, ctx
        menu = window.menuBar().addMenu("&Tệp")
        self.actions: dict[str, QAction] = {}
        for key, text, shortcut, slot in (
                ("open", "&Mở tệp dữ liệu khác…", "Ctrl+O", self.open_other),
                ("backup", "&Sao lưu ngay", "", self.backup_now),
                ("quit", "&Thoát", "Ctrl+Q", window.close)):
            action = menu.addAction(text)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            self.actions[key] = action
            if key == "backup":
                menu.addSeparator()

    def open_other(self) -> None:
        path = self.ask_file()
        if path and self.launch(path):
            self.window.close()

    def ask_file(self) -> str:
        """Tests replace this method."""
        folder = str(self.ctx.path.parent) if self.ctx.path else ""
        return file_dialog.open_path(self.window, "Mở tệp dữ liệu khác", folder,
                                     "Tệp dữ liệu Biên chế (*.sqlite *.db);;Mọi tệp (*)")

    def launch(self, path: str) -> bool:
        """Start the program on ``path``; tests replace this method."""
        return start_program(path)

    def backup_now(self) -> None:
        try:
            written = backup.backup_now(self.ctx, "thucong")
        except (BiencheError, OSError) as exc:
            self.say(QMessageBox.Icon.Critical, f"Không sao lưu được: {exc}")
            return
        self.say(QMessageBox.Icon.Information, f"Đã sao lưu dữ liệu vào tệp:\n{written}")

    def say(self, icon: QMessageBox.Icon, text: str) -> None:
        """Tests replace this method."""
        vi.message_box(self.window, icon, "Sao lưu", text).exec()
