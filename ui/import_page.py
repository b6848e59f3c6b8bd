"""The Nhập dữ liệu page: choose what and which file, see how its columns were
understood (and correct that), check every row off the GUI thread with a
progress bar and a Dừng button, see the first rows as they will be written, map
the values not in a catalogue (``ui.import_review``), read every problem, then
import all or nothing — or, asked and confirmed, the valid rows with an error copy
of the rest. Options: the date the list describes, update mode and its date.

The work is ``desktop_app.importing.service``; this page only shows it. The
worker thread opens its own connection to the same data file. Dialogs go
through ``choose_file``, ``choose_save_path`` and ``inform`` so tests can
replace them.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vntext
from desktop_app.context import Context, open_context
from desktop_app.errors import BiencheError
from desktop_app.importing.errors_book import check_target, write_errors
from desktop_app.importing.layout import Layout
from desktop_app.importing.rest_copy import write_rest
from desktop_app.importing.service import (
    KINDS,
    ImportResult,
    entity_of,
    import_file,
    preview,
    unit_choices,
)
from desktop_app.importing.template import write_template
from ui import file_dialog, vi
from ui.import_review import ImportReview, table

IGNORED = "(bỏ qua cột này)"
MAPPING_HEADERS = ("Trang", "Cột", "Tiêu đề trong tệp", "Nhập vào trường")
FILES = "Bảng tính (*.xlsx *.xlsm *.xls *.ods *.csv)"


class ImportWorker(QThread):
    """Runs one check or import with its own connection; reports through signals."""

    progressed = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx: Context, kind: str, file: Path, unit: str | None, dry_run: bool,
                 layouts: list[Layout], parent=None, **options):
        super().__init__(parent)
        self.db_path, self.identity = ctx.path, ctx.identity()
        self.changes = ctx.changes  # the window hears what the import wrote
        self.kind, self.file, self.unit, self.dry_run, self.layouts = kind, file, unit, dry_run, layouts
        self.options = options  # mapping, skip_bad, as_of, update, effective
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            ctx = open_context(self.db_path, **self.identity, changes=self.changes)
        except BiencheError as exc:
            self.failed.emit(str(exc))
            return
        try:
            result = import_file(ctx, self.kind, self.file, unit=self.unit, dry_run=self.dry_run,
                                 layouts=self.layouts, progress=self.progressed.emit, cancel=self.stop,
                                 **self.options)
            self.done.emit(result)
        except BiencheError as exc:
            self.failed.emit(str(exc))
        finally:
            ctx.close()


class ImportPage(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.file: Path | None = None
        self.layouts: list[Layout] = []
        self.result: ImportResult | None = None
        self.worker: ImportWorker | None = None
        self.errors_target = ""  # where «Nhập các dòng hợp lệ» saves the rows left out
        layout = QVBoxLayout(self)
        layout.addLayout(self._choices())
        layout.addLayout(self.unit_row)
        layout.addLayout(self._options())
        layout.addLayout(self._actions())
        self.status = QLabel("Chọn loại dữ liệu và tệp Excel hoặc CSV cần nhập.")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        splitter = QSplitter()
        self.mapping = table(MAPPING_HEADERS)
        self.review = ImportReview()
        self.problems = self.review.problems
        splitter.addWidget(self.mapping)
        splitter.addWidget(self.review)
        splitter.setSizes([420, 700])
        layout.addWidget(splitter, 1)
        self._enable()

    # ------------------------------------------------------------ building

    def _choices(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(entity_of(kind).label, kind)
        self.kind.currentIndexChanged.connect(self._reload)
        self.file_label = QLabel("(chưa chọn tệp)")
        pick = QPushButton("Chọn tệp…")
        pick.clicked.connect(self.pick_file)
        self.unit = QComboBox()
        self.unit.addItem("Đơn vị: theo tệp", None)
        for code, name in unit_choices(self.ctx):
            self.unit.addItem(f"{code} — {name}", code)
        for combo in (self.kind, self.unit):  # long names must not widen the window
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)
        template = QPushButton("Tạo tệp mẫu…")
        template.clicked.connect(self.save_template)
        for widget in (QLabel("Loại dữ liệu:"), self.kind, pick, self.file_label):
            row.addWidget(widget)
        row.addStretch(1)
        self.unit_row = QHBoxLayout()
        self.unit_row.addWidget(self.unit)
        self.unit_row.addWidget(template)
        self.unit_row.addStretch(1)
        return row

    def _options(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.as_of = QLineEdit()
        self.as_of.setPlaceholderText("theo tệp, hoặc hôm nay")
        self.as_of.setToolTip("Ngày số liệu trong tệp đúng (dd/mm/yyyy). Để trống: lấy dòng «tính đến "
                              "ngày …» của tệp, nếu không có thì hôm nay.")
        self.update_box = QCheckBox("Cập nhật người, bản ghi đã có")
        self.update_box.setToolTip("Dòng trùng người đã có (CCCD, hoặc họ tên + ngày sinh + đơn vị): "
                                   "chỉ sửa các trường khác; vị trí, ngạch, bậc, hệ số đổi từ ngày hiệu lực")
        self.effective = QLineEdit()
        self.effective.setPlaceholderText("hôm nay")
        self.effective.setToolTip("Ngày hiệu lực của các thay đổi khi cập nhật (dd/mm/yyyy)")
        for widget in (QLabel("Số liệu tính đến ngày:"), self.as_of, self.update_box,
                       QLabel("hiệu lực từ:"), self.effective):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.check_button = QPushButton("Kiểm tra")
        self.check_button.setToolTip("Kiểm tra mọi dòng, không ghi gì vào dữ liệu")
        self.check_button.clicked.connect(lambda: self.start(dry_run=True))
        self.import_button = QPushButton("Nhập")
        self.import_button.setToolTip("Ghi tất cả các dòng vào dữ liệu (tất cả hoặc không gì)")
        self.import_button.clicked.connect(lambda: self.start(dry_run=False))
        self.stop_button = QPushButton("Dừng")
        self.stop_button.clicked.connect(self.cancel)
        self.skip_button = QPushButton("Nhập các dòng hợp lệ…")
        self.skip_button.setToolTip("Ghi các dòng không có lỗi, lưu các dòng có lỗi ra tệp để sửa")
        self.skip_button.clicked.connect(self.import_valid_rows)
        self.errors_button = QPushButton("Lưu tệp báo lỗi…")
        self.errors_button.clicked.connect(self.save_errors)
        self.progress = QProgressBar()
        self.progress.setMinimumWidth(60)
        for widget in (self.check_button, self.import_button, self.skip_button, self.stop_button,
                       self.errors_button):
            row.addWidget(widget)
        row.addWidget(self.progress, 1)
        return row

    # ------------------------------------------------------------ dialogs (replaceable in tests)

    def choose_file(self) -> str:
        return file_dialog.open_path(self, "Chọn tệp cần nhập", "", FILES)

    def choose_save_path(self, title: str, name: str) -> str:
        return file_dialog.save_path(self, title, name, "Excel (*.xlsx)")

    def inform(self, text: str, error: bool = False) -> None:
        icon = QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information
        vi.message_box(self, icon, "Nhập dữ liệu", text).exec()

    # ------------------------------------------------------------ actions

    def pick_file(self) -> None:
        chosen = self.choose_file()
        if chosen:
            self.file = Path(chosen)
            self.file_label.setText(self.file.name)
            self._reload()

    def _reload(self) -> None:
        self.result, self.layouts = None, []
        self.review.forget()
        if self.file is not None:
            try:
                self.layouts = preview(self.kind.currentData(), self.file).layouts
                self.status.setText("Kiểm tra cách hiểu các cột bên trái (sửa được), rồi bấm «Kiểm tra».")
            except BiencheError as exc:
                self.status.setText(str(exc))
        self._show_mapping()
        self._enable()

    def _show_mapping(self) -> None:
        entity = entity_of(self.kind.currentData())
        rows = [(lay, col) for lay in self.layouts for col in lay.columns if col.header]
        self.mapping.setRowCount(len(rows))
        for r, (lay, col) in enumerate(rows):
            for c, text in enumerate((lay.sheet, col.letter, col.header)):
                self.mapping.setItem(r, c, QTableWidgetItem(str(text)))
            combo = QComboBox()
            combo.addItem(IGNORED, None)
            for f in entity.fields:
                combo.addItem(f.label, f.name)
            combo.setCurrentIndex(max(combo.findData(col.field), 0))
            combo.currentIndexChanged.connect(
                lambda _i, lay=lay, col=col, box=combo: lay.assign(col.index, box.currentData(), col.gender))
            self.mapping.setCellWidget(r, 3, combo)

    def start(self, dry_run: bool, skip_bad: bool = False) -> None:
        if self.file is None or not self.layouts or self.worker is not None:
            return
        try:
            options = dict(mapping=self.review.choices(), skip_bad=skip_bad,
                           update=self.update_box.isChecked(), as_of=_date(self.as_of.text()),
                           effective=_date(self.effective.text()))
        except ValueError as exc:
            self.inform(f"Ngày không hợp lệ: {exc}", error=True)
            return
        self.worker = ImportWorker(self.ctx, self.kind.currentData(), self.file, self.unit.currentData(),
                                   dry_run, self.layouts, self, **options)
        self.worker.progressed.connect(self._progressed)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(self._finished)
        self.status.setText("Đang kiểm tra…" if dry_run else "Đang nhập…")
        self.worker.start()
        self._enable()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.stop.set()

    def _progressed(self, done: int, total: int, text: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.status.setText(text)

    def import_valid_rows(self) -> None:
        """The explicit, confirmed choice to write the valid rows and save the rest."""
        result = self.result
        if not (result and result.problems and result.valid and self.file):
            return
        rows = len({(p.sheet, p.row) for p in result.problems})
        if not self.confirm(f"Nhập {result.valid} dòng hợp lệ và bỏ lại {rows} dòng có lỗi? "
                            "Các dòng có lỗi sẽ được lưu ra tệp báo lỗi để sửa và nhập lại."):
            return
        self.errors_target = self.choose_save_path("Lưu các dòng có lỗi", f"{self.file.stem}_loi.xlsx")
        if not self.errors_target:
            return
        try:  # refused before the valid rows go in, not after
            check_target(self.file, self.errors_target)
        except BiencheError as exc:
            self.errors_target = ""
            self._failed(str(exc))
            return
        self.start(dry_run=False, skip_bad=True)

    def confirm(self, text: str) -> bool:
        return vi.ask(self, "Nhập dữ liệu", text)

    def _done(self, result: ImportResult) -> None:
        self.result = result
        self.review.clear()
        self.review.show_result(result, self.ctx.catalogues)
        skipped = f" Bỏ qua {len(result.skipped)} dòng không phải dữ liệu." if result.skipped else ""
        if result.written and result.problems and self.file and self.errors_target:
            write_rest(self.file, result.layouts, result.problems, self.errors_target)
            self.status.setText(f"Đã nhập {result.written} dòng hợp lệ; các dòng có lỗi đã lưu ra "
                                f"{self.errors_target}.")
            self.inform(f"Đã nhập {result.written} dòng hợp lệ từ tệp {result.file}; các dòng có lỗi "
                        f"đã lưu ra {self.errors_target}.")
            self.errors_target = ""
        elif result.questions and not result.written:
            self.status.setText(f"Có {len(result.questions)} giá trị không có trong danh mục: chọn ở "
                                "thẻ «Ghép giá trị» rồi bấm «Kiểm tra» lại." + skipped)
        elif result.problems:
            self.status.setText(f"Có {len(result.problems)} lỗi trong {result.rows} dòng; chưa nhập gì."
                                + skipped)
        elif result.dry_run:
            self.status.setText(f"{result.rows} dòng hợp lệ.{skipped} Bấm «Nhập» để ghi.")
        else:
            self.status.setText(f"Đã nhập {result.written} dòng.{skipped}")
            self.inform(f"Đã nhập {result.written} dòng từ tệp {result.file}.")

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self.inform(message, error=True)

    def _finished(self) -> None:
        self.worker = None
        self.progress.setValue(self.progress.maximum())
        self._enable()

    def save_errors(self) -> None:
        if not (self.result and self.result.problems and self.file):
            return
        target = self.choose_save_path("Lưu tệp đánh dấu lỗi", f"{self.file.stem}_loi.xlsx")
        if not target:
            return
        try:
            write_errors(self.file, self.result.problems, target)
        except BiencheError as exc:
            self._failed(str(exc))
            return
        self.status.setText(f"Đã lưu tệp đánh dấu lỗi: {target}")

    def save_template(self) -> None:
        kind = self.kind.currentData()
        target = self.choose_save_path("Lưu tệp mẫu", f"mau_{kind}.xlsx")
        if not target:
            return
        try:
            write_template(self.ctx, kind, target)
        except BiencheError as exc:
            self._failed(str(exc))
            return
        self.status.setText(f"Đã tạo tệp mẫu: {target}")

    def _enable(self) -> None:
        busy = self.worker is not None
        ready = self.file is not None and bool(self.layouts) and not busy
        self.check_button.setEnabled(ready)
        checked_ok = bool(self.result and self.result.dry_run and self.result.ok)
        self.import_button.setEnabled(ready and checked_ok)
        partly = bool(self.result and self.result.dry_run and self.result.problems and self.result.valid)
        self.skip_button.setEnabled(ready and partly)
        self.stop_button.setEnabled(busy)
        self.errors_button.setEnabled(bool(self.result and self.result.problems) and not busy)
        self.kind.setEnabled(not busy)


def _date(text: str) -> dt.date | None:
    iso = vntext.parse_date(text.strip()) if text.strip() else None
    return dt.date.fromisoformat(iso) if iso else None
