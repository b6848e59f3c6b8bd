"""The Báo cáo page (SPEC §10): pick a form, the period and optionally one
unit → preview the report's table → save Excel, PDF or both to a folder or a
USB drive (off the GUI thread, with progress and «Dừng») → open the file or
its folder. The preview shows exactly the numbers the writers print: it reads
the same report model. Form names wrap in the list (none is clipped) and the
selected form's legal source is shown under it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.catalogues import user_text
from desktop_app.context import Context
from desktop_app.errors import ValidationError
from desktop_app.reports.engine import Params, build_report, forms, paper_warnings
from desktop_app.reports.model import GROUP, SUBTOTAL, TEXT, TOTAL, Report, cell_text
from desktop_app.services import units as unit_service
from ui import file_dialog
from ui.ops import ContextJob
from ui.report_export import PDF, XLSX, ExportWorker, drives, parse_day

FORMATS = [("Excel và PDF", [XLSX, PDF]), ("Chỉ Excel (.xlsx)", [XLSX]), ("Chỉ PDF (.pdf)", [PDF])]


class ReportModel(QAbstractTableModel):
    """The report rows, read-only, one column per leaf column (header = its label)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.report: Report | None = None

    def set_report(self, report: Report | None) -> None:
        self.beginResetModel()
        self.report = report
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() or self.report is None else len(self.report.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() or self.report is None else len(self.report.leaves)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if self.report is None or not index.isValid():
            return None
        row, column = self.report.rows[index.row()], self.report.leaves[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            key = column.key
            value = row.stt if key == "stt" else (row.label if key == "label" else row.values.get(key or ""))
            return cell_text(value, column.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignLeft if column.kind == TEXT else Qt.AlignmentFlag.AlignRight
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.kind in (GROUP, SUBTOTAL, TOTAL):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or self.report is None:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.report.leaves):
            return self.report.leaves[section].label
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.report.rows):
            return str(section + 1)
        return None


class ReportsPage(QWidget):
    previewed = Signal()  # a preview is on screen

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.worker, self.written = ctx, None, []
        self.paper_warnings: list[str] = []
        self.forms = forms()
        self.model = ReportModel(self)
        layout = QHBoxLayout(self)
        left = QWidget()
        left.setLayout(self._choices())
        left.layout().setContentsMargins(0, 0, 0, 0)
        # a third of the width (no fixed minimum: the window must still fit 780 px); names wrap
        layout.addWidget(left, 1)
        right = QVBoxLayout()
        self.summary = QLabel("Chọn biểu mẫu rồi bấm «Xem trước».")
        self.summary.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        right.addWidget(self.summary)
        right.addWidget(self.table, 1)
        right.addLayout(self._export_row())
        layout.addLayout(right, 2)

    def _choices(self) -> QVBoxLayout:
        box = QVBoxLayout()
        box.addWidget(QLabel("Biểu mẫu"))
        self.form_list = QListWidget()
        self.form_list.setWordWrap(True)
        self.form_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.form_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.form_list.setSpacing(2)
        for form in self.forms.values():
            self.form_list.addItem(form.name)
        self.form_source = QLabel()
        self.form_source.setWordWrap(True)
        self.form_source.setStyleSheet("color: #555;")
        self.form_list.currentRowChanged.connect(self._show_source)
        self.form_list.setCurrentRow(0)
        box.addWidget(self.form_list, 1)
        box.addWidget(self.form_source)
        grid = QFormLayout()
        grid.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: a narrow column
        self.as_of = QLineEdit(self.ctx.today.strftime("%d/%m/%Y"))
        self.as_of.setPlaceholderText("ngày/tháng/năm")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self.ctx.today.year)
        self.unit_search = QLineEdit()
        self.unit_search.setPlaceholderText("Gõ tên đơn vị, có dấu hoặc không dấu…")
        self.unit_search.textChanged.connect(self._fill_units)
        self.unit = QComboBox()
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit.setMinimumContentsLength(12)
        grid.addRow("Số liệu đến ngày", self.as_of)
        grid.addRow("Năm báo cáo", self.year)
        grid.addRow("Tìm đơn vị", self.unit_search)
        grid.addRow("Đơn vị", self.unit)
        box.addLayout(grid)
        self.preview_button = QPushButton("Xem trước")
        self.preview_button.clicked.connect(self.preview)
        box.addWidget(self.preview_button)
        self.texts_button = QPushButton("Nội dung báo cáo…")  # only for forms printed as a BÁO CÁO
        self.texts_button.clicked.connect(self.edit_texts)
        box.addWidget(self.texts_button)
        self._fill_units("")
        self._show_source(self.form_list.currentRow())
        return box

    def _export_row(self) -> QVBoxLayout:
        box = QVBoxLayout()
        row = QFormLayout()
        self.format = QComboBox()
        for label, formats in FORMATS:
            self.format.addItem(label, formats)
        self.target = QComboBox()
        for label, root, _removable in drives():
            self.target.addItem(label, root)
        self.target.addItem(f"Thư mục: {Path.home()}", str(Path.home()))
        choose = QPushButton("Chọn thư mục…")
        choose.clicked.connect(self.choose_folder)
        self.export_button = QPushButton("Lưu báo cáo")
        self.export_button.clicked.connect(self.export)
        self.print_button = QPushButton("In…")
        self.print_button.setToolTip("Mở bản PDF của báo cáo bằng chương trình xem PDF của máy để in")
        self.print_button.clicked.connect(self.print_report)
        for combo in (self.format, self.target):
            # Long drive labels must not widen the window: the text is elided instead.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        row.addRow("Định dạng", self.format)
        row.addRow("Lưu vào", self.target)
        buttons = QHBoxLayout()
        buttons.addWidget(choose)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        box.addLayout(row)
        box.addLayout(buttons)
        row2 = QHBoxLayout()
        self.bar = QProgressBar()
        self.bar.setFormat("%p%")
        self.cancel_button = QPushButton("Dừng")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_file_button = QPushButton("Mở tệp")
        self.open_folder_button = QPushButton("Mở thư mục")
        self.open_file_button.clicked.connect(lambda: self._open(self.written[-1]))
        self.open_folder_button.clicked.connect(lambda: self._open(str(Path(self.written[0]).parent)))
        for w in (self.bar, self.cancel_button, self.open_file_button, self.open_folder_button):
            row2.addWidget(w)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        box.addLayout(row2)
        box.addWidget(self.status)
        self._set_written([])
        return box

    # -- choices ---------------------------------------------------------------------------

    def _fill_units(self, text: str) -> None:
        ids = unit_service.search_ids(self.ctx, text)[:200]
        found = unit_service.rows(self.ctx, ids)
        self.unit.clear()
        self.unit.addItem("Tất cả đơn vị", None)
        for i in ids:
            self.unit.addItem(f"{found[i]['name']} ({found[i]['code']})", found[i]["code"])
        if text and ids:
            self.unit.setCurrentIndex(1)

    def _show_source(self, row: int) -> None:
        form = list(self.forms.values())[max(0, row)]
        self.form_source.setText(f"Căn cứ: {user_text(form.source)}")
        if hasattr(self, "texts_button"):
            self.texts_button.setEnabled(form.letter is not None)
        if getattr(self, "model", None) is not None and self.model.report is not None:
            self.model.set_report(None)  # never the previous form's figures under this form's name
            self.summary.setText(f"«{form.name}»: bấm «Xem trước» để xem số liệu.")

    def edit_texts(self) -> None:
        from ui.report_texts_dialog import ReportTextsDialog

        self.texts_dialog = ReportTextsDialog(self.ctx, self.form_id(), self.year.value(), self)
        self.texts_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per opening, not kept
        self.texts_dialog.open()

    def records_changed(self, _kinds: frozenset[str]) -> None:
        """Committed writes: a preview on screen is computed again from the new data."""
        if self.model.report is not None:
            self.preview()

    def form_id(self) -> str:
        return list(self.forms)[max(0, self.form_list.currentRow())]

    def params(self) -> Params:
        return Params(as_of=parse_day(self.as_of.text()), year=self.year.value(),
                      unit_code=self.unit.currentData())

    def choose_folder(self) -> None:
        folder = self.ask_folder()
        if folder:
            self.set_folder(folder)

    def ask_folder(self) -> str:
        """The folder dialog, in Vietnamese on every platform; tests replace this method."""
        return file_dialog.folder_path(self, "Chọn thư mục lưu báo cáo",
                                       self.target.currentData() or str(Path.home()))

    def set_folder(self, folder: str) -> None:
        self.target.addItem(f"Thư mục: {folder}", folder)
        self.target.setCurrentIndex(self.target.count() - 1)

    # -- preview and export ----------------------------------------------------------------

    def preview(self) -> None:
        """Build the chosen form off the GUI thread; ``previewed`` once it is shown."""
        try:
            form_id, params = self.form_id(), self.params()
        except ValidationError as exc:
            self.summary.setText(str(exc))
            return
        job = ContextJob(self.ctx.path, self.ctx.today, lambda c: build_report(c, form_id, params))
        job.signals.done.connect(self._show_preview)
        job.signals.failed.connect(self._preview_failed)
        self._preview_job = job
        self.preview_button.setEnabled(False)
        self.summary.setText("Đang tính số liệu…")
        QThreadPool.globalInstance().start(job)

    def _preview_failed(self, message: str) -> None:
        self.preview_button.setEnabled(True)
        self.summary.setText(message)

    def _show_preview(self, report: Report) -> None:
        self.preview_button.setEnabled(True)
        if report.form_id != self.form_id():
            return  # another form was chosen meanwhile
        self.model.set_report(report)
        self.table.resizeColumnsToContents()  # whole headers and labels; long ones capped
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 280))
        self.summary.setText(f"{report.title} — {report.subject}. {len(report.rows)} dòng. "
                             f"Mã dữ liệu: {report.fingerprint}")
        self.previewed.emit()

    def export(self) -> None:
        self._start_export(Path(self.target.currentData() or Path.home()), self.format.currentData(),
                           self._done)

    def print_report(self) -> None:
        """«In…»: the PDF, written to a folder of its own, opened in the system's PDF viewer
        (its print dialog is the one the clerk knows)."""
        folder = Path(tempfile.mkdtemp(prefix="bienche-in-"))
        self._start_export(folder, [PDF], self._print_ready)

    def _print_ready(self, paths: list[str]) -> None:
        self._stopped("Đã mở bản PDF để in.")
        self.open_for_print(paths[0])

    def open_for_print(self, path: str) -> None:
        """Tests replace this method."""
        self._open(path)

    def _start_export(self, folder: Path, formats: list[str], done) -> None:
        try:
            params = self.params()
        except ValidationError as exc:
            self.status.setText(str(exc))
            return
        self.paper_warnings = paper_warnings(self.ctx)  # the file is written all the same (a draft)
        self.worker = ExportWorker(self.ctx, self.form_id(), params, folder, formats, self)
        self.worker.progress.connect(self.bar.setValue)
        self.worker.finished_ok.connect(done)
        self.worker.failed.connect(self._stopped)
        self.worker.cancelled.connect(lambda: self._stopped("Đã dừng, không có tệp nào được ghi."))
        self.export_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.bar.setValue(0)
        self.status.setText("Đang xuất báo cáo…")
        self.worker.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _done(self, paths: list[str]) -> None:
        warned = "".join(f"\nCảnh báo: {w}" for w in self.paper_warnings)
        self._stopped("Đã lưu: " + "; ".join(paths) + warned)
        self._set_written(paths)

    def _stopped(self, message: str) -> None:
        self.export_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.status.setText(message)

    def _set_written(self, paths: list[str]) -> None:
        self.written = paths
        self.open_file_button.setEnabled(bool(paths))
        self.open_folder_button.setEnabled(bool(paths))

    def _open(self, path: str) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))
