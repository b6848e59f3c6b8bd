"""First run: ask for the office's identity (SPEC §1), or open the demo data (in a file
of its own, never this one). The fields come from ``desktop_app.entities.OFFICE``, all of
them: report code, signer and Kính gửi too, so the first paper can be signed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.context import Context, open_context
from desktop_app.entities import OFFICE
from desktop_app.errors import BiencheError
from desktop_app.paths import demo_path
from desktop_app.services import office
from ui import accessibility, vi
from ui.record_form import RecordForm

LATER: tuple[str, ...] = ()  # every field: a paper can be signed from the first export (#14)


class OfficeDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Biên chế — Thông tin cơ quan")
        self.setMinimumWidth(560)
        intro = QLabel("Đây là lần đầu mở tệp dữ liệu này. Hãy nhập thông tin cơ quan quản lý, cả ký hiệu "
                       "báo cáo, người ký và «Kính gửi» để báo cáo in ra ký được ngay (có thể sửa sau "
                       "trong Cài đặt), hoặc dùng dữ liệu mẫu để xem thử.")
        intro.setWordWrap(True)
        self.form = RecordForm(ctx, OFFICE, self, skip=LATER, store=self._store)
        self.form.title.hide()
        self.form.saved.connect(self.accept)
        buttons = vi.button_box(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.demo_button = QPushButton("Dùng dữ liệu mẫu")
        buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.clicked.connect(lambda: self.form.save())
        save.setDefault(True)
        self.form.submitted.connect(self.form.save)  # Enter on the last field saves
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.form.save)
        buttons.rejected.connect(self.reject)
        self.demo_button.clicked.connect(self.use_demo)
        layout = QVBoxLayout(self)
        for widget in (intro, self.form, buttons):
            layout.addWidget(widget)
        accessibility.name_controls(self)
        # Tab: the fields in order, then Lưu, Hủy, Dùng dữ liệu mẫu
        chain = [*self.form.editors.values(), save, buttons.button(QDialogButtonBox.StandardButton.Cancel),
                 self.demo_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _store(self, raw: dict[str, Any], _record_id: int | None) -> int:
        return office.save(self.ctx, raw)["id"]

    def use_demo(self) -> None:
        """The demo office in a data file of its own beside this one (made once), opened in a
        new window; this file — the clerk's real one — is left exactly as it was."""
        try:
            from desktop_app.services import demo
        except ImportError:
            vi.error(self, "Dữ liệu mẫu", "Phiên bản này chưa có chức năng tạo dữ liệu mẫu.")
            return
        if self.ctx.path is None:
            return
        target = demo_path(self.ctx.path)
        try:
            if not target.exists():
                demo_ctx = open_context(target, today=self.ctx.today)
                try:
                    demo.generate(demo_ctx, scale="office", seed=1)
                finally:
                    demo_ctx.close()
        except BiencheError as exc:
            vi.error(self, "Dữ liệu mẫu", str(exc))
            return
        if self.launch(str(target)):
            self.reject()

    def launch(self, path: str) -> bool:
        """Open the demo file in a new window; tests replace this method."""
        from ui.file_menu import start_program

        return start_program(path)


def ensure_office(ctx: Context, parent: QWidget | None = None) -> bool:
    """True when the office exists, asking for it on the first run."""
    if office.get(ctx) is not None:
        return True
    return OfficeDialog(ctx, parent).exec() == QDialog.DialogCode.Accepted
