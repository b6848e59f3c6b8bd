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
from ui import vi


class ReportTextsDialog(QDialog):
    def __init__(self, ctx: Context, form_id: str, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.form_id, self.year = ctx, form_id, year
        self.setWindowTitle(f"Nội dung báo cáo năm {year}")
        self.setMinimumWidth(560)
        stored = report_texts.get(ctx, form_id, year)
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

    def save(self) -> None:
        try:
            report_texts.save(self.ctx, self.form_id, self.year,
                              {k: e.toPlainText() for k, e in self.editors.items()})
        except BiencheError as exc:
            self.status.setText(str(exc))
            return
        self.accept()
