"""Cài đặt → Người dùng (SPEC §7, Quản trị only): the accounts, adding one with
a role and a password, resetting a password, deactivating, and the office's
"Yêu cầu đăng nhập" decision (a one-person office may leave it off). The
first time sign-in is switched on with no administrator yet, the page asks
for the administrator's account and password."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.context import Context
from desktop_app.errors import BiencheError, ValidationError
from desktop_app.services import users
from ui import vi
from ui.rows_model import RowsModel
from ui.settings_page import ERROR_STYLE, OK_STYLE, heading, selected_row, table_view


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class AdminDialog(QDialog):
    """The first administrator's account, asked when sign-in is switched on."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Tạo tài khoản Quản trị")
        self.username = QLineEdit("quantri")
        self.full_name = QLineEdit()
        self.password, self.again = password_edit(), password_edit()
        form = QFormLayout()
        for label, widget in (("Tên đăng nhập", self.username), ("Họ và tên", self.full_name),
                              ("Mật khẩu", self.password), ("Nhập lại mật khẩu", self.again)):
            form.addRow(label, widget)
        buttons = vi.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Khi yêu cầu đăng nhập, cần ít nhất một tài khoản Quản trị. Hãy ghi nhớ "
                                 "mật khẩu: không ai lấy lại được mật khẩu đã quên nếu chỉ có một tài "
                                 "khoản Quản trị."))
        layout.addLayout(form)
        layout.addWidget(buttons)


class UsersTab(QWidget):
    HEADERS = ("Tên đăng nhập", "Họ và tên", "Vai trò", "Trạng thái")

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[dict] = []
        self.model = RowsModel(self.HEADERS, parent=self)
        self.view = table_view(self.model)
        self.required = QCheckBox("Yêu cầu đăng nhập khi mở chương trình")
        self.required.toggled.connect(self.set_required)
        self.username, self.full_name = QLineEdit(), QLineEdit()
        self.role = QComboBox()
        for code, label in users.ROLES.items():
            self.role.addItem(label, code)
        self.role.setCurrentIndex(1)
        self.password, self.again = password_edit(), password_edit()
        self.add_button = QPushButton("Thêm người dùng")
        self.reset_button = QPushButton("Đặt lại mật khẩu cho người đã chọn")
        self.active_button = QPushButton("Khóa / mở lại tài khoản đã chọn")
        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Quản trị: mọi việc, kể cả người dùng và mở khóa số liệu. Chuyên viên: "
                                 "nhập, sửa, chốt số liệu. Chỉ xem: xem và in báo cáo. Cơ quan chỉ có một "
                                 "người làm có thể không yêu cầu đăng nhập."))
        layout.addWidget(self.required)
        layout.addWidget(self.view, 1)
        layout.addLayout(self._form())
        layout.addWidget(self.status)
        self.reload()

    def _form(self) -> QHBoxLayout:
        form = QFormLayout()
        for label, widget in (("Tên đăng nhập", self.username), ("Họ và tên", self.full_name),
                              ("Vai trò", self.role), ("Mật khẩu", self.password),
                              ("Nhập lại mật khẩu", self.again)):
            form.addRow(label, widget)
        buttons = QVBoxLayout()
        for button in (self.add_button, self.reset_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(form, 1)
        row.addLayout(buttons)
        return row

    def reload(self) -> None:
        self.rows = users.list_users(self.ctx)
        self.model.set_rows([(u["username"], u["full_name"], users.ROLES.get(u["role"], u["role"]),
                              _state(u)) for u in self.rows])
        for column, width in ((0, 160), (1, 220), (2, 110)):
            self.view.setColumnWidth(column, width)
        self.required.blockSignals(True)
        self.required.setChecked(users.login_required(self.ctx))
        self.required.blockSignals(False)

    def ask_admin(self) -> tuple[str, str, str] | None:
        """(username, full name, password) for the first administrator; tests replace this."""
        dialog = AdminDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        if dialog.password.text() != dialog.again.text():
            self._show("Hai lần nhập mật khẩu không giống nhau.", error=True)
            return None
        return dialog.username.text(), dialog.full_name.text(), dialog.password.text()

    def set_required(self, on: bool) -> None:
        def switch() -> str:
            if on and not any(u["role"] == "quan_tri" and u["active"] for u in self.rows):
                answer = self.ask_admin()
                if answer is None:
                    raise ValidationError("Chưa bật yêu cầu đăng nhập: cần một tài khoản Quản trị.")
                users.create_user(self.ctx, answer[0], answer[2], "quan_tri", answer[1])
            users.set_login_required(self.ctx, on)
            return ("Từ lần mở sau, chương trình sẽ hỏi tên đăng nhập và mật khẩu." if on
                    else "Đã bỏ yêu cầu đăng nhập.")
        self._run(switch)

    def add_user(self) -> None:
        def add() -> str:
            self._same_passwords()
            users.create_user(self.ctx, self.username.text(), self.password.text(), self.role.currentData(),
                              self.full_name.text())
            name = self.username.text().strip()
            for edit in (self.username, self.full_name, self.password, self.again):
                edit.clear()
            return f"Đã thêm người dùng «{name}»."
        self._run(add)

    def reset_password(self) -> None:
        def reset() -> str:
            user = self._selected()
            self._same_passwords()
            users.change_password(self.ctx, user["username"], self.password.text())
            self.password.clear()
            self.again.clear()
            return f"Đã đặt lại mật khẩu cho «{user['username']}» (và mở khóa nếu đang bị khóa)."
        self._run(reset)

    def toggle_active(self) -> None:
        def toggle() -> str:
            user = self._selected()
            users.set_active(self.ctx, user["username"], not user["active"])
            return (f"Đã khóa tài khoản «{user['username']}»." if user["active"]
                    else f"Đã mở lại tài khoản «{user['username']}».")
        self._run(toggle)

    def _selected(self) -> dict:
        row = selected_row(self.view)
        if row is None:
            raise ValidationError("Hãy chọn một người dùng trong danh sách.")
        return self.rows[row]

    def _same_passwords(self) -> None:
        if self.password.text() != self.again.text():
            raise ValidationError("Hai lần nhập mật khẩu không giống nhau.")

    def _run(self, action) -> None:
        try:
            message = action()
        except BiencheError as exc:
            self._show(str(exc), error=True)
            self.reload()
            return
        self.reload()
        self._show(message)

    def _show(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.status.setText(text)


def _state(user: dict) -> str:
    if not user["active"]:
        return "Đã khóa"
    return f"Tạm khóa đến {user['locked_until'][11:16]}" if user["locked_until"] else "Đang dùng"
