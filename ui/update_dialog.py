"""«Cập nhật từ tệp…» in the «Trợ giúp» menu: a signed update bundle from a USB stick (issue 22).

The services decide everything (desktop_app/update): this file chooses the
file, shows the verified version and release notes, asks, and on «Cài đặt»
lets ``service.apply`` back up the data and start the installer, then closes
the window so the installer can replace the program. ``choose_file``,
``confirm`` and ``launch`` are methods so tests can replace them.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox

from desktop_app.context import Context
from desktop_app.errors import BiencheError
from desktop_app.update import service
from desktop_app.update.bundle import Manifest
from ui import file_dialog, vi

TITLE = "Cập nhật từ tệp…"
FILES = "Gói cập nhật Biên chế (*.bcupdate);;Mọi tệp (*)"


class UpdateFlow:
    def __init__(self, window: QMainWindow, ctx: Context):
        self.window, self.ctx = window, ctx

    def run(self) -> bool:
        """The whole flow; True when the installer was started (the window then closes)."""
        path = self.choose_file()
        if not path:
            return False
        try:
            key = self.publisher_key()
            manifest = service.check(Path(path), key, service.data_schema(self.ctx))
            if not self.confirm(manifest):
                return False
            _, saved, _ = service.apply(self.ctx, Path(path), key, self.launch)
        except BiencheError as exc:
            vi.error(self.window, "Không cập nhật được", str(exc))
            return False
        self.window.close()
        return True

    def publisher_key(self) -> bytes:
        return service.publisher_key()

    def choose_file(self) -> str:
        return file_dialog.open_path(self.window, "Chọn gói cập nhật", "", FILES)

    def confirm(self, manifest: Manifest) -> bool:
        notes = "<br>".join(escape(line) for line in manifest.notes.splitlines())
        text = (f"<p>Gói cập nhật <b>phiên bản {escape(manifest.version)}</b> hợp lệ (chữ ký của nhà "
                f"phát hành và mã băm đều đúng).</p><p><b>Nội dung cập nhật:</b><br>{notes}</p>"
                "<p>Bấm «Cài đặt»: dữ liệu được sao lưu, chương trình đóng lại và bộ cài đặt chạy.</p>")
        box = vi.message_box(self.window, QMessageBox.Icon.Question, "Cập nhật Biên chế", text,
                             QMessageBox.StandardButton.Cancel)
        install = box.addButton("Cài đặt", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        return box.clickedButton() is install

    def launch(self, installer: Path) -> None:
        service.launch_installer(installer)


def add_update_action(window: QMainWindow, ctx: Context) -> QAction:
    """Put «Cập nhật từ tệp…» in the window's «Trợ giúp» menu (made if missing)."""
    bar = window.menuBar()
    menu = next((a.menu() for a in bar.actions() if a.text().replace("&", "") == "Trợ giúp"), None)
    menu = menu or bar.addMenu("&Trợ giúp")
    action = QAction(TITLE, window)
    action.setObjectName("update_action")
    flow = UpdateFlow(window, ctx)
    action.triggered.connect(flow.run)
    action.setData(flow)
    menu.addAction(action)
    return action


def flow_of(action: QAction) -> UpdateFlow:
    return action.data()

