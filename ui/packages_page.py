"""Page «Gói dữ liệu» (SPEC §8, §10): export the office's package to a folder
or a detected USB drive, import many packages at once with a summary table.
The work runs in a QThreadPool worker with its own Context on the same file;
results come back to the GUI thread by signal.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QStorageInfo,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.packages.consolidate import Summary, import_packages
from desktop_app.packages.export import export_package
from ui import file_dialog
from ui.ops import ContextJob

_ROOT = QModelIndex()
HEADERS = ("Tệp", "Cơ quan", "Ngày số liệu", "Số dòng", "Kết quả", "Ghi chú")


def removable_drives() -> list[str]:
    """Mounted, ready, writable volumes that look like USB sticks (not the system volume)."""
    out = []
    for volume in QStorageInfo.mountedVolumes():
        if volume.isValid() and volume.isReady() and not volume.isReadOnly() and not volume.isRoot():
            if bytes(volume.fileSystemType()).decode(errors="ignore").lower() in ("vfat", "fat32", "exfat",
                                                                                  "msdos", "fuseblk", "ntfs"):
                out.append(volume.rootPath())
    return out


class SummaryModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rows: list[Summary] = []

    def set_rows(self, rows: list[Summary]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        s = self.rows[index.row()]
        as_of = vntext.format_date(s.as_of) if s.as_of else ""
        notes = "; ".join(([s.reason] if s.reason else []) + s.catalogue_notes)
        return (s.file, s.office, as_of, vntext.format_number(s.rows), s.status, notes)[index.column()]


class PackagesPage(QWidget):
    finished = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.pool = ctx, QThreadPool.globalInstance()
        self._paths: dict[str, str] = {}
        self._retrying, self._retried = False, list[int]()
        self.key_dialog: QMessageBox | QDialog | None = None
        self.export_button = QPushButton("Xuất gói dữ liệu…")
        self.import_button = QPushButton("Nhập các gói của cơ quan cấp dưới…")
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.model = SummaryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status.setText("Xuất gói: gửi số liệu của cơ quan mình lên cấp trên (tệp .zip, chép vào USB). "
                            "Nhập gói: gộp các gói của cơ quan cấp dưới; kết quả từng gói hiện ở bảng dưới.")
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.table)
        self.export_button.clicked.connect(self.ask_export)
        self.import_button.clicked.connect(self.ask_import)

    # Dialog hooks: tests replace these two methods.
    def choose_export_path(self) -> str:
        drives = removable_drives()
        start = str(Path(drives[0]) / "goi-du-lieu.zip") if drives else "goi-du-lieu.zip"
        return file_dialog.save_path(self, "Lưu gói dữ liệu (chọn thư mục hoặc ổ USB)", start,
                                     "Gói dữ liệu (*.zip)")

    def choose_import_paths(self) -> list[str]:
        return file_dialog.open_paths(self, "Chọn các gói dữ liệu cần nhập", "", "Gói dữ liệu (*.zip)")

    def ask_export(self) -> None:
        path = self.choose_export_path()
        if path:
            self._start(lambda ctx: export_package(ctx, path), self._exported, "Đang xuất gói…")

    def confirm_key(self, summary: Summary) -> bool:
        """The clerk compares the sender's key fingerprint with its signed paper (issue #15)."""
        box = QMessageBox(QMessageBox.Icon.Question, "Xác nhận khóa ký của cơ quan gửi",
                          f"Gói «{summary.file}» của «{summary.office}» được ký bằng khóa có dấu vân "
                          f"tay:\n\n{summary.key_fingerprint}\n\nĐây là lần đầu nhận gói của cơ quan này. "
                          "Hãy đối chiếu từng ký tự với dấu vân tay in trên bản giấy có chữ ký, đóng dấu "
                          "của cơ quan đó. Chỉ chọn «Tin cậy khóa này» khi hai dấu vân tay giống hệt nhau.",
                          parent=self)
        trust = box.addButton("Tin cậy khóa này", QMessageBox.ButtonRole.YesRole)
        box.setEscapeButton(box.addButton("Không nhập", QMessageBox.ButtonRole.NoRole))
        box.setDefaultButton(trust)
        self.key_dialog = box
        box.exec()
        return box.clickedButton() is trust

    def confirm_key_change(self, summary: Summary) -> str:
        """Quản trị only: the reason to take the office's new key, or "" to refuse it."""
        from ui.key_change_dialog import KeyChangeDialog

        dialog = KeyChangeDialog(summary, self)
        self.key_dialog = dialog
        accepted = dialog.exec() == KeyChangeDialog.DialogCode.Accepted
        return dialog.reason.text().strip() if accepted else ""

    def _confirmations(self, summaries: list[Summary]) -> tuple[list[str], str]:
        """Keys the clerk confirmed: a first key against the paper; a changed key (Quản trị
        only, as the gate requires) with a reason."""
        asked = {s.key_fingerprint: s for s in summaries if s.needs_trust and s.key_fingerprint}
        confirmed, reasons = [], []
        for fp, summary in asked.items():
            if not summary.pinned_fingerprint:
                if self.confirm_key(summary):
                    confirmed.append(fp)
            elif self.ctx.role == "quan_tri" and (reason := self.confirm_key_change(summary)):
                confirmed.append(fp)
                reasons.append(reason)
        return confirmed, "; ".join(dict.fromkeys(reasons))

    def ask_import(self) -> None:
        paths = self.choose_import_paths()
        if paths:
            self._import(paths, [])

    def _import(self, paths: list[str], trust: list[str], reason: str = "") -> None:
        self._paths = {**self._paths, **{Path(p).name: p for p in paths}}
        self._start(lambda ctx: import_packages(ctx, paths, trust=trust, reason=reason), self._imported,
                    "Đang nhập các gói…")

    def _start(self, work, on_done, message: str) -> None:
        assert self.ctx.path is not None
        job = ContextJob(self.ctx.path, self.ctx.today, work, who=self.ctx)
        job.signals.done.connect(on_done)
        job.signals.failed.connect(self._failed)
        self.export_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.status.setText(message)
        self.pool.start(job)

    def _end(self, text: str) -> None:
        self.export_button.setEnabled(True)
        self.import_button.setEnabled(True)
        self.status.setText(text)
        self.finished.emit()

    def _exported(self, manifest: dict) -> None:
        self._end(f"Đã xuất gói: {manifest['office']['name']}, dấu vân tay {manifest['fingerprint']}, "
                  f"khóa ký {manifest['key_fingerprint']}.")

    def _imported(self, outcome) -> None:
        rows = list(self.model.rows) if self._retrying else outcome.summaries
        for index, summary in zip(self._retried, outcome.summaries if self._retrying else [], strict=False):
            rows[index] = summary  # the retried packages take their rows' places
        self.model.set_rows(rows)
        if not self._retrying:
            confirmed, reason = self._confirmations(outcome.summaries)
            if confirmed:  # only the packages whose key the clerk has just confirmed, once more
                self._retrying = True
                self._retried = [i for i, s in enumerate(outcome.summaries) if s.key_fingerprint in confirmed]
                again = [self._paths[outcome.summaries[i].file] for i in self._retried]
                self._import(again, confirmed, reason)
                return
        self._retrying = False
        extra = f" Có {len({r['cccd'] for r in outcome.duplicate_cccd})} số CCCD ở nhiều cơ quan." \
            if outcome.duplicate_cccd else ""
        self._end(f"Đã xử lý {len(outcome.summaries)} gói.{extra}")

    def _failed(self, message: str) -> None:
        self._end(f"Lỗi: {message}")
