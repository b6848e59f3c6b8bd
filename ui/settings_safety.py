"""Cài đặt → Sao lưu, khôi phục and Chốt số liệu (SPEC §7).

Backing up and restoring run in a worker thread (STYLE practice 7) while the
tab shows a busy bar; the connection is opened with ``check_same_thread``
off, and the buttons stay disabled until the worker reports, so the GUI
never uses it meanwhile. After a restore the main window rebuilds its pages
from the restored data.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QThread, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.errors import BiencheError
from desktop_app.services import backup, period_lock, restore, users
from ui import file_dialog, vi
from ui.packages_page import removable_drives
from ui.rows_model import RowsModel
from ui.settings_page import ERROR_STYLE, OK_STYLE, heading, selected_row, table_view

BACKUP_FILES = "Tệp sao lưu (*.sqlite)"


class Job(QThread):
    """Runs one function off the GUI thread; ``finished_with(result, error text)``."""

    finished_with = Signal(object, str)

    def __init__(self, work: Callable[[], object], parent=None):
        super().__init__(parent)
        self.work = work

    def run(self) -> None:
        try:
            result = self.work()
        except BiencheError as exc:
            self.finished_with.emit(None, str(exc))
            return
        self.finished_with.emit(result, "")


def size_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError:
        return ""
    return f"{vntext.format_number(size / 1024 / 1024, 1)} MB" if size >= 1024 * 1024 \
        else f"{vntext.format_number(max(size / 1024, 1))} kB"


class BackupTab(QWidget):
    done = Signal(str)  # a backup or restore finished: the message shown

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.job: Job | None = None
        self.backups: list[backup.Backup] = []
        self.model = RowsModel(("Thời điểm", "Lý do", "Dung lượng", "Tệp"), right=(2,), parent=self)
        self.view = table_view(self.model)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = {text: QPushButton(text) for text in (
            "Sao lưu ngay", "Sao lưu vào thư mục khác…", "Khôi phục bản đã chọn", "Khôi phục từ tệp…")}
        actions = (self.backup_default, self.backup_elsewhere, self.restore_selected, self.restore_file)
        saving, restoring = QHBoxLayout(), QHBoxLayout()  # two rows: the tab stays narrow
        for n, (button, action) in enumerate(zip(self.buttons.values(), actions, strict=True)):
            button.clicked.connect(action)
            (saving if n < 2 else restoring).addWidget(button)
        saving.addStretch(1)
        restoring.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Bản sao lưu trong thư mục «{backup.backups_dir(ctx.path)}». Chương trình "
                                 "tự sao lưu khi mở, khi đóng, trước khi nhập dữ liệu và trước khi khôi "
                                 "phục; giữ mọi bản trong ngày, mỗi ngày một bản trong 7 ngày, mỗi tuần "
                                 "một bản trong 8 tuần, mỗi tháng một bản trong 12 tháng."))
        layout.addWidget(self.view, 1)
        layout.addLayout(saving)
        layout.addLayout(restoring)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        self.reload()

    def reload(self) -> None:
        self.backups = sorted(backup.list_backups(self.ctx.path), key=lambda b: (b.taken, b.seq),
                              reverse=True)
        self.model.set_rows([(f"{b.taken:%d/%m/%Y %H:%M:%S}", backup.REASONS.get(b.reason, b.reason),
                              size_text(b.path), b.path.name) for b in self.backups])
        for column, width in ((0, 150), (1, 220), (2, 90)):
            self.view.setColumnWidth(column, width)

    # Dialog hooks: tests replace these.
    def choose_folder(self) -> str:
        drives = removable_drives()
        return file_dialog.folder_path(self, "Chọn thư mục hoặc ổ USB để lưu bản sao",
                                       drives[0] if drives else "")

    def choose_file(self) -> str:
        return file_dialog.open_path(self, "Chọn tệp sao lưu", str(backup.backups_dir(self.ctx.path)),
                                     BACKUP_FILES)

    def confirm(self, text: str) -> bool:
        return vi.ask(self, "Khôi phục dữ liệu", text)

    def ask_restore_reason(self) -> str | None:
        """Tests replace this; the service refuses an empty reason (and a non-administrator)."""
        text, ok = QInputDialog.getText(self, "Khôi phục dữ liệu", "Lý do khôi phục (ghi vào nhật ký):")
        return text if ok else None

    def backup_default(self) -> None:
        self._start(lambda: backup.backup_now(self.ctx, "thucong"), self._backed_up)

    def backup_elsewhere(self) -> None:
        folder = self.choose_folder()
        if folder:
            self._start(lambda: backup.backup_now(self.ctx, "thucong", dest_dir=folder), self._backed_up)

    def restore_selected(self) -> None:
        row = selected_row(self.view)
        if row is None:
            self._show("Hãy chọn một bản sao lưu trong danh sách.", error=True)
            return
        self.restore_from(self.backups[row].path)

    def restore_file(self) -> None:
        chosen = self.choose_file()
        if chosen:
            self.restore_from(Path(chosen))

    def restore_from(self, path: Path) -> None:
        found = backup.parse_name(path)
        when = f" (lúc {found.taken:%H:%M:%S} ngày {found.taken:%d/%m/%Y})" if found else ""
        if not self.confirm(f"Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu «{path.name}»{when}?\n\n"
                            "Dữ liệu hiện tại sẽ được sao lưu trước, nên vẫn lấy lại được. Người dùng, "
                            "yêu cầu đăng nhập, các năm đã chốt và nhật ký hiện tại được giữ nguyên."):
            return
        reason = self.ask_restore_reason()
        if reason is None:
            return
        self._start(lambda: restore.restore_open(self.ctx, path, reason), self._restored)

    def _start(self, work: Callable[[], object], then: Callable[[object], str]) -> None:
        for button in self.buttons.values():
            button.setEnabled(False)
        self.busy.show()
        self.status.setText("Đang làm, xin chờ…")
        self.job = Job(work, self)
        self.job.finished_with.connect(lambda result, error: self._finished(result, error, then))
        self.job.start()

    def _finished(self, result: object, error: str, then: Callable[[object], str]) -> None:
        self.job.wait()
        self.busy.hide()
        for button in self.buttons.values():
            button.setEnabled(True)
        message = error or then(result)
        self._show(message, error=bool(error))
        self.reload()
        self.done.emit(message)

    def _backed_up(self, path: object) -> str:
        return f"Đã sao lưu vào «{path}»."

    def _restored(self, safety: object) -> str:
        rebuild = getattr(self.window(), "rebuild_pages", None)
        if rebuild is not None:  # every page re-reads the restored data (this tab included)
            QTimer.singleShot(0, rebuild)
        kept = f" Dữ liệu trước khi khôi phục được giữ ở «{Path(str(safety)).name}»." if safety else ""
        return "Đã khôi phục dữ liệu." + kept

    def _show(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.status.setText(text)


class LockTab(QWidget):
    """The years with data, their lock state, lock/unlock, and the history."""

    HEADERS = ("Năm", "Trạng thái", "Chốt lúc", "Người chốt", "Lý do chốt", "Mở khóa lúc", "Người mở",
               "Lý do mở khóa")

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(ctx.today.year)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Ví dụ: đã gửi báo cáo lên Sở Nội vụ")
        self.lock_button = QPushButton("Chốt số liệu năm")
        self.unlock_button = QPushButton("Mở khóa (Quản trị)")
        self.lock_button.clicked.connect(self.lock)
        self.unlock_button.clicked.connect(self.unlock)
        self.state = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.model = RowsModel(self.HEADERS, parent=self)
        self.view = table_view(self.model)
        self.year.valueChanged.connect(self._show_state)
        row = QHBoxLayout()
        for widget in (QLabel("Năm"), self.year, QLabel("Lý do"), self.reason, self.lock_button,
                       self.unlock_button):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Khi đã gửi báo cáo của một năm lên cấp trên, hãy chốt số liệu năm đó: "
                                 "biên chế, kinh phí và đánh giá của năm không sửa được nữa. Chỉ tài khoản "
                                 "Quản trị mở khóa được, và phải ghi lý do."))
        layout.addLayout(row)
        layout.addWidget(self.state)
        layout.addWidget(self.status)
        layout.addWidget(QLabel("Lịch sử chốt và mở khóa"))
        layout.addWidget(self.view, 1)
        self.reload()

    def reload(self) -> None:
        rows = period_lock.history(self.ctx)
        self.model.set_rows([(r["year"], "Đang chốt" if r["unlocked_at"] is None else "Đã mở khóa",
                              _when(r["locked_at"]), r["locked_by"], r["reason"], _when(r["unlocked_at"]),
                              r["unlocked_by"], r["unlock_reason"]) for r in rows])
        for column, width in ((0, 60), (1, 100), (2, 130), (3, 100), (4, 200), (5, 130), (6, 100)):
            self.view.setColumnWidth(column, width)
        self._show_state()
        self.unlock_button.setEnabled(self.ctx.role == "quan_tri")
        self.lock_button.setEnabled(self.ctx.role in users.WRITER_ROLES)

    def _show_state(self) -> None:
        lock = period_lock.open_lock(self.ctx, self.year.value())
        self.state.setText(f"Số liệu năm {self.year.value()} đã chốt ngày {_when(lock['locked_at'])}."
                           if lock else f"Số liệu năm {self.year.value()} chưa chốt.")

    def lock(self) -> None:
        self._run(lambda: period_lock.lock_year(self.ctx, self.year.value(), self.reason.text().strip()),
                  f"Đã chốt số liệu năm {self.year.value()}.")

    def unlock(self) -> None:
        reason = self.reason.text().strip() or self.ask_reason()
        if reason is None:
            return
        self._run(lambda: period_lock.unlock_year(self.ctx, self.year.value(), reason),
                  f"Đã mở khóa số liệu năm {self.year.value()}.")

    def ask_reason(self) -> str | None:
        """Tests replace this; an empty answer is refused by the service."""
        text, ok = QInputDialog.getText(self, "Mở khóa số liệu", "Lý do mở khóa:")
        return text if ok else None

    def _run(self, action, done: str) -> None:
        try:
            action()
        except BiencheError as exc:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(str(exc))
            return
        self.reason.clear()
        self.status.setStyleSheet(OK_STYLE)
        self.status.setText(done)
        self.reload()


def _when(text: str | None) -> str:
    return vntext.format_date(text[:10]) + text[10:16] if text else ""
