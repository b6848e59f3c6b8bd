"""The small crash dialog (STYLE practice 6): says in Vietnamese that something
went wrong and what to do; the scrubbed details (a Python traceback, in English)
are never shown, only copied by «Sao chép chi tiết» for whoever helps (issue #18
§8); opens the log folder. Nothing is sent anywhere."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui import vi

MESSAGE = ("Chương trình gặp một lỗi không mong muốn. Dữ liệu đã lưu không bị ảnh hưởng; thao tác "
           "đang làm có thể chưa xong. Chi tiết lỗi đã được ghi vào nhật ký trên máy này (không gửi "
           "đi đâu). Khi cần hỗ trợ, hãy bấm «Sao chép chi tiết» rồi dán vào thư gửi người hỗ trợ.")


class CrashDialog(QDialog):
    def __init__(self, details: str, log_file: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.log_file = Path(log_file)
        self.setWindowTitle("Biên chế — Lỗi không mong muốn")
        self.setMinimumWidth(560)
        text = QLabel(MESSAGE)
        text.setWordWrap(True)
        self.details = details
        where = QLabel(f"Tệp nhật ký: {self.log_file}")
        where.setWordWrap(True)
        self.copy_button = QPushButton("Sao chép chi tiết")
        self.folder_button = QPushButton("Mở thư mục nhật ký")
        close = QPushButton(vi.CLOSE)
        self.copy_button.clicked.connect(self.copy_details)
        self.folder_button.clicked.connect(self.open_folder)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.copy_button, self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        for widget in (text, where):
            layout.addWidget(widget)
        layout.addLayout(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText("Đã sao chép chi tiết")

    def open_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))


def show_crash(details: str, log_file: Path) -> None:
    """The crash hook's callback (application-modal)."""
    CrashDialog(details, log_file).exec()
