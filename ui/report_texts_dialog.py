"""The parts of a BÁO CÁO the office writes itself (tồn tại, hạn chế; nguyên nhân; kiến
nghị), for one form and report year; stored through ``services.report_texts``."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.context import Context
from desktop_app.errors import BiencheError
from desktop_app.services import report_texts
from ui import dirty_guard, vi


class ReportTextsDialog(dirty_guard.Pending, QDialog):
    guard_label = "Nội dung báo cáo"

    def __init__(self, ctx: Context, form_id: str, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.form_id, self.year = ctx, form_id, year
        self.setWindowTitle(f"Nội dung báo cáo năm {year}")
        self.setMinimumWidth(560)
        stored = self.stored = report_texts.get(ctx, form_id, year)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.editors: dict[str, QPlainTextEdit] = {}
        for key, label in report_texts.PARTS:
            editor = self.editors[key] = QPlainTextEdit(stored[key])
            editor.setTabChangesFocus(True)  # Tab moves on, as in every other form
            form.addRow(label, editor)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        buttons = vi.button_box(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        intro = QLabel("Phần kết quả được lập từ số liệu; các phần dưới đây do cơ quan viết, "
                       "lưu riêng cho từng năm báo cáo.")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def typed(self) -> dict[str, str]:
        return {key: editor.toPlainText() for key, editor in self.editors.items()}

    def save(self) -> bool | None:
        try:
            report_texts.save(self.ctx, self.form_id, self.year, self.typed())
        except BiencheError as exc:
            self.status.setText(str(exc))
            return None
        self.stored = self.typed()
        self.accept()
        return True

    # ------------------------------------------------------------ dirty_guard.Pending
    def is_dirty(self) -> bool:
        return any(text != self.stored[key] for key, text in self.typed().items())

    def revert(self) -> None:
        for key, editor in self.editors.items():
            editor.setPlainText(self.stored[key])

    def reject(self) -> None:
        """«Hủy», Esc or the window's close: paragraphs typed are saved, dropped or kept."""
        dirty_guard.close_asking(dirty_guard.dirty_forms(self), self.confirm_unsaved, self.save,
                                 super().reject)

    def confirm_unsaved(self, text: str) -> str:
        """"save", "discard" or "cancel"; tests replace this method."""
        return dirty_guard.ask_unsaved(self, text)
