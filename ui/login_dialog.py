"""Đăng nhập (SPEC §7): shown by ``run_gui`` before the main window when the
office requires sign-in. The service counts failures and locks an account
after five; its Vietnamese messages are shown under the fields."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop_app.context import Context
from desktop_app.errors import ValidationError
from desktop_app.services import office, users
from ui import vi
from ui.record_form import ERROR_STYLE


class LoginDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Biên chế — Đăng nhập")
        self.setMinimumWidth(420)
        name = (office.get(ctx) or {}).get("name") or ""
        intro = QLabel(f"Đăng nhập để làm việc với dữ liệu của {name}." if name else "Đăng nhập để tiếp tục.")
        intro.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("Tên đăng nhập", self.username)
        form.addRow("Mật khẩu", self.password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        buttons = vi.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Đăng nhập")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Thoát")
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def try_login(self) -> bool:
        try:
            users.login(self.ctx, self.username.text(), self.password.text())
        except ValidationError as exc:
            self.message.setText(str(exc))
            self.password.clear()
            self.password.setFocus()
            return False
        self.accept()
        return True


def ensure_login(ctx: Context, parent: QWidget | None = None) -> bool:
    """True when no sign-in is required or the user signed in; False to quit."""
    if not users.login_required(ctx):
        return True
    return LoginDialog(ctx, parent).exec() == QDialog.DialogCode.Accepted
