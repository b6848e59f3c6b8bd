"""«Giới thiệu Biên chế»: version, where the data file is, and the licences of
the software shipped with the program (desktop_app/about.py). Reached from
the «Trợ giúp» menu that ``add_help_menu`` puts on the main window.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import about
from desktop_app.context import Context
from ui import vi

TITLE = "Giới thiệu Biên chế"


class AboutDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.text = QLabel(self._html())
        self.text.setObjectName("about_text")
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        buttons = vi.button_box(QDialogButtonBox.StandardButton.Close, self)
        self.licence_button = QPushButton("Xem giấy phép phông chữ")
        self.folder_button = QPushButton("Mở thư mục dữ liệu")
        for button in (self.licence_button, self.folder_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.licence_button.clicked.connect(lambda: self.open_path(about.font_licence_path()))
        self.folder_button.clicked.connect(self._open_data_folder)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def data_file(self) -> Path | None:
        return Path(self.ctx.path) if self.ctx.path else None

    def _html(self) -> str:
        data = self.data_file()
        rows = "".join(
            f"<li><b>{escape(c.name)}</b> {escape(about.component_version(c))} — {escape(c.licence)}"
            + (f" ({escape(c.note)})" if c.note else "") + "</li>"
            for c in about.COMPONENTS)
        return (f"<h2>Biên chế</h2><p>Phiên bản <b>{escape(about.version())}</b></p>"
                "<p>Quản lý đơn vị sự nghiệp công lập, vị trí việc làm, biên chế và báo cáo. "
                "Chạy hoàn toàn trên máy này, không cần Internet.</p>"
                f"<p>Tệp dữ liệu: <b>{escape(str(data) if data else 'chưa mở')}</b></p>"
                "<p>Phần mềm dùng các thành phần sau, theo giấy phép của từng thành phần:</p>"
                f"<ul>{rows}</ul>")

    def _open_data_folder(self) -> None:
        data = self.data_file()
        if data is not None:
            self.open_path(data.parent)

    def open_path(self, path: Path) -> None:
        """Open a file or folder with Windows' own program; tests replace this."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def add_help_menu(window: QMainWindow, ctx: Context, guide=None) -> QAction:
    """The «Trợ giúp» menu: «Hướng dẫn sử dụng» (F1, ``guide`` opens it) and «Giới thiệu Biên chế»."""
    menu = window.menuBar().addMenu("&Trợ giúp")
    if guide is not None:
        help_action = QAction("&Hướng dẫn sử dụng", window)
        help_action.setObjectName("guide_action")
        help_action.setShortcut(QKeySequence("F1"))
        help_action.triggered.connect(guide)
        menu.addAction(help_action)
    action = QAction(TITLE, window)
    action.setObjectName("about_action")
    action.triggered.connect(lambda: show_about(window, ctx))
    menu.addAction(action)
    return action


def show_about(parent: QWidget, ctx: Context) -> None:
    AboutDialog(ctx, parent).exec()
