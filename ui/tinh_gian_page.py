"""Tinh giản: the batches (đợt) of NĐ 154/2025/NĐ-CP, the people of the selected batch with their
reason, form of settlement and money, the data's suggestions (blocked ones say why) and the
steps: trình, phê duyệt, giải quyết (confirmed, undoable), in danh sách (``services.tinh_gian*``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.context import Context
from desktop_app.errors import BiencheError
from desktop_app.reports.engine import Params
from desktop_app.services import tinh_gian, tinh_gian_money, tinh_gian_rules, tinh_gian_settle
from desktop_app.vntext import format_date
from ui import dirty_guard, vi
from ui.report_export import PDF, XLSX, ExportWorker
from ui.rows_model import RowsModel
from ui.tinh_gian_member import MemberEditor

UNVERIFIED = (
    "Điều, khoản, điểm của các lý do và phần lớn công thức kinh phí chưa kiểm chứng với văn bản "
    "gốc NĐ 154/2025/NĐ-CP: lý do ghi «chưa kiểm chứng», khoản chưa có công thức phải nhập tay."
)


def _dong(value: int | None) -> str:
    return "" if value is None else f"{value:,}".replace(",", ".")


class TinhGianPage(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.worker: ExportWorker | None = None
        self._moving = False
        self.batches = RowsModel(
            [
                ("Đợt", lambda b: b["name"]),
                ("Trạng thái", lambda b: tinh_gian.STATE_LABEL[b["state"]]),
                ("Hạn nộp hồ sơ", lambda b: format_date(b["deadline"])),
                ("Số người", lambda b: len(tinh_gian.members(ctx, b["id"]))),
                (
                    "Kinh phí (đồng)",
                    lambda b: _dong(tinh_gian_money.batch_total(ctx, tinh_gian.members(ctx, b["id"]))),
                ),
            ],
            right=(3, 4),
            parent=self,
        )
        self.members = RowsModel(
            [
                ("Họ và tên", lambda m: m["full_name"]),
                ("Lý do", self._reason),
                ("Hình thức giải quyết", self._settlement),
                ("Thời điểm", lambda m: format_date(m["leave_on"])),
                ("Lương tháng (đồng)", lambda m: _dong(tinh_gian_money.monthly_pay(m))),
                ("Kinh phí (đồng)", lambda m: _dong(tinh_gian_money.amount(ctx, m).total)),
                ("Nhập tay", self._manual),
            ],
            right=(4, 5),
            parent=self,
        )
        self.suggestions = RowsModel(
            [
                ("Họ và tên", lambda s: s.full_name),
                ("Lý do gợi ý", lambda s: self._reason({"reason_code": s.reason_code})),
                ("Căn cứ", lambda s: s.why),
                ("Không được đề xuất vì", lambda s: s.blocked),
            ],
            parent=self,
        )
        self.batch_table, self.member_table, self.suggestion_table = (
            self._table(m) for m in (self.batches, self.members, self.suggestions)
        )
        self.batch_table.selectionModel().currentRowChanged.connect(self._batch_changed)
        self.total = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        note = QLabel(UNVERIFIED + self._deadline_note())
        note.setWordWrap(True)
        note.setStyleSheet("color: #8a5a00;")
        layout = QVBoxLayout(self)
        layout.addLayout(self._new_row())
        layout.addWidget(self.batch_table, 2)
        layout.addLayout(self._step_row())
        layout.addWidget(QLabel("Người trong đợt:"))
        layout.addWidget(self.member_table, 3)
        self.editor = self._edit_row()
        layout.addWidget(self.editor)
        layout.addWidget(self.total)
        layout.addWidget(QLabel("Gợi ý từ dữ liệu (không tự thêm vào đợt):"))
        layout.addWidget(self.suggestion_table, 3)
        self.add_button = self._button("Thêm người gợi ý đã chọn vào đợt", self.add_selected)
        layout.addWidget(self.add_button)
        layout.addWidget(note)
        layout.addWidget(self.status)
        self.reload()

    # ------------------------------------------------------------------ layout

    def _table(self, model: RowsModel) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        return button

    def _new_row(self) -> QHBoxLayout:
        self.year = QSpinBox()
        self.year.setRange(2025, 2030)
        self.year.setValue(min(max(self.ctx.today.year, 2025), 2030))
        self.quarter = QComboBox()
        for q in range(1, 5):
            self.quarter.addItem(f"Quý {q}", q)
        row = QHBoxLayout()
        for widget in (QLabel("Năm"), self.year, self.quarter, self._button("Lập đợt mới", self.new_batch)):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _step_row(self) -> QHBoxLayout:
        self.day = QDateEdit(QDate(self.ctx.today.year, self.ctx.today.month, self.ctx.today.day))
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        row = QHBoxLayout()
        row.addWidget(QLabel("Ngày"))
        row.addWidget(self.day)
        for text, slot in (
            ("Trình", lambda: self.advance("da_trinh")),
            ("Phê duyệt", lambda: self.advance("duoc_duyet")),
            ("Giải quyết…", self.settle),
            ("Hoàn tác giải quyết", self.undo),
            ("In danh sách…", self.print_list),
        ):
            row.addWidget(self._button(text, slot))
        row.addStretch(1)
        return row

    def _edit_row(self) -> MemberEditor:
        editor = MemberEditor(self.ctx, self._reason, self._store_member)
        editor.remove_button.clicked.connect(self.remove_member)
        self.reason, self.settlement, self.early, self.manual, self.voluntary = (
            editor.reason, editor.settlement, editor.early, editor.manual, editor.voluntary)
        self.member_table.selectionModel().currentRowChanged.connect(self._member_changed)
        return editor

    # ------------------------------------------------------------------ data

    def _deadline_note(self) -> str:
        verified = tinh_gian.deadlines_verified(self.ctx)
        return "" if verified else " " + tinh_gian.DEADLINES_UNVERIFIED.strip("()")

    def _reason(self, m: dict) -> str:
        item = self.ctx.catalogues.item("ly_do_tinh_gian", m["reason_code"]) or {}
        return (
            f"{item.get('short') or item.get('label')}{'' if item.get('verified') else ' (chưa kiểm chứng)'}"
        )

    def _settlement(self, m: dict) -> str:
        return self.ctx.catalogues.label("hinh_thuc_tinh_gian", m["settlement_code"])

    def _manual(self, m: dict) -> str:
        money = tinh_gian_money.amount(self.ctx, m)
        if not money.needs_manual:
            return ""
        return "nhập tay" if money.manual is not None else "CHƯA NHẬP"

    def reload(self, keep: int | None = None) -> None:
        self.batches.set_rows(tinh_gian.batches(self.ctx))
        ids = [b["id"] for b in self.batches.rows]
        if ids:
            self.batch_table.selectRow(ids.index(keep) if keep in ids else len(ids) - 1)
        self._show_batch()

    def current(self) -> dict | None:
        rows = self.batch_table.selectionModel().selectedRows()
        return self.batches.rows[rows[0].row()] if rows else None

    def confirm_unsaved(self, text: str) -> str:
        """"save", "discard" or "cancel"; tests replace this method."""
        return dirty_guard.ask_unsaved(self, text)

    def _settled(self, table: QTableView, previous: QModelIndex) -> bool:
        """The chosen person's unsaved values are stored or dropped; else the row stays."""
        if dirty_guard.settle(dirty_guard.dirty_forms(self.editor), self.confirm_unsaved):
            return True
        dirty_guard.restore_row(table, previous)
        return False

    def _batch_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._settled(self.batch_table, previous):
            self._show_batch(current.row())

    def _member_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        rows = self.members.rows
        chosen = rows[current.row()] if 0 <= current.row() < len(rows) else None
        if chosen is not None and chosen["id"] == (self.editor.member or {}).get("id"):
            return
        self._moving = True  # a reload now would pull the rows from under the move
        try:
            settled = self._settled(self.member_table, previous)
        finally:
            self._moving = False
        if settled:
            self.editor.load(chosen)

    def _show_batch(self, row: int | None = None) -> None:
        batch = self.batches.rows[row] if row is not None and 0 <= row < len(self.batches.rows) \
            else self.current()
        people = tinh_gian.members(self.ctx, batch["id"]) if batch else []
        self.editor.load(None)
        self.members.set_rows(people)
        total = tinh_gian_money.batch_total(self.ctx, people)
        self.total.setText(f"Tổng cộng: {len(people)} người, kinh phí {_dong(total)} đồng" if batch else "")
        if batch:
            day = tinh_gian.quarter_start(batch["year"], batch["quarter"])
            busy = {
                m["person_id"]
                for b in self.batches.rows
                if b["state"] != "da_giai_quyet"
                for m in tinh_gian.members(self.ctx, b["id"])
            }  # already proposed: not offered again
            found = tinh_gian_rules.suggest(self.ctx, batch["year"], day)
            self.suggestions.set_rows([s for s in found if s.person_id not in busy])
        for table in (self.batch_table, self.member_table, self.suggestion_table):
            table.resizeColumnsToContents()  # whole headers and values; long texts capped
            for column in range(table.model().columnCount()):
                table.setColumnWidth(column, min(table.columnWidth(column), 320))

    # ------------------------------------------------------------------ actions

    def _run(self, action, settle: bool = True) -> bool:
        """Do a step once the chosen person's unsaved values are settled; its refusal shows."""
        if settle and not dirty_guard.settle(dirty_guard.dirty_forms(self.editor), self.confirm_unsaved):
            return False
        try:
            action()
        except BiencheError as exc:
            self.status.setText(str(exc))
            return False
        self.status.setText("")
        return True

    def new_batch(self) -> None:
        made: list[int] = []
        if self._run(
            lambda: made.append(
                tinh_gian.create_batch(self.ctx, self.year.value(), self.quarter.currentData())
            )
        ):
            self.reload(made[0])

    def add_selected(self) -> None:
        batch = self.current()
        chosen = [
            self.suggestions.rows[i.row()] for i in self.suggestion_table.selectionModel().selectedRows()
        ]
        for s in chosen if batch else []:
            if not self._run(
                lambda s=s: tinh_gian.add_member(
                    self.ctx,
                    batch["id"],
                    s.person_id,
                    {
                        "reason_code": s.reason_code,
                        "settlement_code": self.settlement.currentData(),
                        "voluntary": self.voluntary.isChecked(),
                    },
                )
            ):
                break
        self.reload(batch["id"] if batch else None)

    def _member(self) -> dict | None:
        rows = self.member_table.selectionModel().selectedRows()
        return self.members.rows[rows[0].row()] if rows else None

    def save_member(self) -> None:
        self.editor.save()

    def _store_member(self, member_id: int, values: dict) -> bool:
        batch = self.current()
        if not self._run(lambda: tinh_gian.update_member(self.ctx, member_id, values), settle=False):
            return False
        batch_id = batch["id"] if batch else None
        if self._moving:
            QTimer.singleShot(0, lambda: self._show_member(batch_id, member_id))
        else:
            self._show_member(batch_id, member_id)
        return True

    def _show_member(self, batch_id: int | None, member_id: int) -> None:
        """After a save (maybe inside a row change): list the batch again on the row chosen."""
        chosen = self._member()
        self.reload(batch_id)
        ids = [m["id"] for m in self.members.rows]
        keep = chosen["id"] if chosen and chosen["id"] in ids else member_id
        if keep in ids:
            self.member_table.selectRow(ids.index(keep))

    def remove_member(self) -> None:
        member, batch = self._member(), self.current()
        if member and batch and self._run(lambda: tinh_gian.remove_member(self.ctx, member["id"])):
            self.reload(batch["id"])

    def _day(self) -> dt.date:
        return self.day.date().toPython()

    def advance(self, state: str) -> None:
        batch = self.current()
        if batch and self._run(lambda: tinh_gian.advance(self.ctx, batch["id"], state, self._day())):
            self.reload(batch["id"])

    def confirm(self, text: str) -> bool:
        """Tests replace this to answer without a modal box."""
        return vi.ask(self, "Giải quyết tinh giản", text)

    def settle(self) -> None:
        batch = self.current()
        if not batch:
            return
        names = ", ".join(m["full_name"] for m in self.members.rows)
        if not self.confirm(
            f"Ghi thôi việc (tinh giản) cho {len(self.members.rows)} người: {names}? Có thể hoàn tác."
        ):
            return
        if self._run(lambda: tinh_gian_settle.settle(self.ctx, batch["id"], self._day(), confirmed=True)):
            self.reload(batch["id"])

    def undo(self) -> None:
        batch = self.current()
        if batch and self._run(lambda: tinh_gian_settle.undo(self.ctx, batch["id"])):
            self.reload(batch["id"])

    def choose_folder(self) -> str:
        """Tests replace this to pick a folder without a dialog."""
        return QFileDialog.getExistingDirectory(self, "Lưu danh sách vào thư mục", str(Path.home()))

    def print_list(self) -> None:
        batch = self.current()
        folder = self.choose_folder() if batch else ""
        if not batch or not folder:
            return
        params = Params(as_of=self.ctx.today, year=batch["year"], batch=batch["id"])
        self.worker = ExportWorker(self.ctx, "tinh-gian", params, Path(folder), [XLSX, PDF], self)
        self.worker.finished_ok.connect(lambda paths: self.status.setText("Đã lưu: " + "; ".join(paths)))
        self.worker.failed.connect(self.status.setText)
        self.worker.start()
