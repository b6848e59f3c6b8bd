"""«Khóa ký đã thay đổi»: a package of an office whose pinned signing key differs.
Only a Quản trị account is asked (the services' gate refuses anyone else): it
shows the pinned and the new fingerprint side by side and takes the new key
only with a reason, which the audit log keeps (``keys.pin``)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop_app.packages.consolidate import Summary


class KeyChangeDialog(QDialog):
    def __init__(self, summary: Summary, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Khóa ký của cơ quan gửi đã thay đổi")
        text = QLabel(
            f"Gói «{summary.file}» của «{summary.office}» được ký bằng một khóa khác với khóa "
            "đã tin cậy.\n\n"
            f"Khóa đã tin cậy:  {summary.pinned_fingerprint}\n"
            f"Khóa trong gói:    {summary.key_fingerprint}\n\n"
            "Chỉ nhận khóa mới khi cơ quan đó đã gửi văn bản có chữ ký, đóng dấu ghi đúng dấu vân tay "
            "khóa mới (ví dụ: cài lại máy, mất tệp dữ liệu). Đối chiếu từng ký tự rồi ghi lý do; "
            "lý do được lưu vào nhật ký.")
        text.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Lý do, số văn bản của cơ quan gửi…")
        self.reason.setAccessibleName("Lý do nhận khóa mới")
        buttons = QDialogButtonBox()
        self.accept_button = buttons.addButton("Tin cậy khóa mới", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Không nhập", QDialogButtonBox.ButtonRole.RejectRole)
        self.accept_button.setDefault(True)
        self.accept_button.setEnabled(False)  # never without a reason
        self.reason.textChanged.connect(lambda t: self.accept_button.setEnabled(bool(t.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (text, QLabel("Lý do:"), self.reason, buttons):
            layout.addWidget(widget)

    def text(self) -> str:
        return "\n".join(label.text() for label in self.findChildren(QLabel))
