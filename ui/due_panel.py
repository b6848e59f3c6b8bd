"""«Sắp đến hạn» (issue #19): the dashboard card with this month's and next month's raises,
retirements and contracts ending, each a button opening the list; the list dialog shows the
report rows (services.due through the report forms) and, for nang-luong and hop-dong, turns
them into the dated actions after a confirmation («Ghi các việc…»), with «Hoàn tác» taking
that whole step back (services.due_actions)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.context import Context
from desktop_app.errors import BiencheError
from desktop_app.reports.engine import Params, build_report, get_form
from desktop_app.reports.model import ITEM
from desktop_app.services import due, due_actions
from ui import vi
from ui.rows_model import RowsModel
from ui.tables import record_view

LISTS = (("nang-luong", "Nâng bậc lương, TNVK"), ("nghi-huu", "Nghỉ hưu"), ("hop-dong", "Hợp đồng hết hạn"))


class DueCard(QFrame):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.soon: due.Soon | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.title = QLabel("Sắp đến hạn")
        self.title.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.title)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for form, _label in LISTS:
            button = QPushButton()
            button.clicked.connect(lambda _=False, f=form: self.open_list(f))
            row.addWidget(button)
            self.buttons[form] = button
        row.addStretch(1)
        layout.addLayout(row)
        self.show_soon(None)

    def show_soon(self, soon: due.Soon | None) -> None:
        self.soon = soon
        counts = dict(
            zip(
                [f for f, _ in LISTS],
                (soon.raises, soon.retirements, soon.contracts) if soon else (None, None, None),
                strict=True,
            )
        )
        for form, label in LISTS:
            self.buttons[form].setText(f"{label}: {counts[form] if counts[form] is not None else '…'}")
            self.buttons[form].setEnabled(soon is not None)
        if soon:
            self.title.setText(f"Sắp đến hạn (từ {soon.first:%d/%m/%Y} đến {soon.last:%d/%m/%Y})")

    def open_list(self, form: str) -> None:
        if self.soon is not None:
            self.exec_dialog(DueDialog(self.ctx, form, self.soon.first, self.soon.last, self))

    def exec_dialog(self, dialog: QDialog) -> bool:
        """Tests replace this method to drive the dialog."""
        return bool(dialog.exec())


class DueDialog(QDialog):
    def __init__(self, ctx: Context, form: str, first: dt.date, last: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.form, self.first, self.last = ctx, form, first, last
        self.batch: int | None = None
        self.setWindowTitle(get_form(form).name)
        self.resize(980, 520)
        layout = QVBoxLayout(self)
        self.subject = QLabel()
        layout.addWidget(self.subject)
        self.model = RowsModel([], parent=self)
        self.table: QTableView = record_view(self.model)
        layout.addWidget(self.table, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.apply_button = QPushButton("Ghi các việc…")
        self.apply_button.setToolTip(
            "Ghi nâng lương, thâm niên vượt khung hoặc kết thúc hợp đồng cho cả danh sách"
        )
        self.apply_button.clicked.connect(self.apply)
        self.apply_button.setVisible(form in ("nang-luong", "hop-dong"))
        self.undo_button = QPushButton("Hoàn tác lần ghi này")
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.setEnabled(False)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        for b in (self.apply_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        report = build_report(
            self.ctx,
            self.form,
            Params(self.ctx.today, self.first.year, date_from=self.first, date_to=self.last),
        )
        self.subject.setText(report.subject)
        columns = [c for c in report.leaves if c.key != "stt"]
        rows = [r for r in report.rows if r.kind == ITEM]
        self.model = RowsModel(
            [
                (c.label, lambda r, k=c.key: r.label if k == "label" else _text(r.values.get(k)))
                for c in columns
            ],
            parent=self,
        )
        self.model.set_rows(rows)
        self.table.setModel(self.model)
        self.apply_button.setEnabled(bool(rows) and self.batch is None)

    def confirm(self, count: int) -> bool:
        """Tests replace this method."""
        return vi.ask(
            self, "Ghi các việc", f"Ghi {count} việc theo danh sách này? Có thể hoàn tác ngay sau đó."
        )

    def apply(self) -> None:
        first, last = self.first, self.last
        try:
            if self.form == "nang-luong":
                items = due.step_raises(self.ctx, first, last)
                if not self.confirm(len(items)):
                    return
                done = due_actions.apply_raises(self.ctx, items, f"{first:%d/%m/%Y}–{last:%d/%m/%Y}")
            else:
                ids = [r["id"] for r in due.contracts_ending(self.ctx, first, last)]
                if not self.confirm(len(ids)):
                    return
                done = due_actions.end_contracts(self.ctx, ids, f"{first:%d/%m/%Y}–{last:%d/%m/%Y}")
        except BiencheError as exc:
            self.status.setText(str(exc))
            return
        self.batch = done.batch_id
        self.status.setText(f"Đã ghi {done.actions} việc (lần ghi số {done.batch_id}).")
        self.undo_button.setEnabled(True)
        self.reload()

    def undo(self) -> None:
        if self.batch is None:
            return
        try:
            n = due_actions.undo(self.ctx, self.batch)
        except BiencheError as exc:
            self.status.setText(str(exc))
            return
        self.batch = None
        self.status.setText(f"Đã hoàn tác {n} việc.")
        self.undo_button.setEnabled(False)
        self.reload()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        from desktop_app import vntext

        return vntext.format_number(value, 2)
    return str(value)
