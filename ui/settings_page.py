"""Cài đặt (SPEC §10): the office's identity and ND 30 header/footer, the
thresholds and targets (Chỉ tiêu), backups and restore, period locks and,
for Quản trị, the users. Each section is one tab; the safety tabs live in
``ui.settings_safety`` and the users tab in ``ui.settings_users``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.entities import OFFICE
from desktop_app.errors import PermissionDenied, ValidationError
from desktop_app.services import office, thresholds
from ui import dirty_guard
from ui.record_form import ERROR_STYLE, RecordForm
from ui.rows_model import RowsModel
from ui.tables import record_view

OK_STYLE = "color: #1b5e20;"


def number_text(value: float) -> str:
    text = vntext.format_number(value, 0 if float(value).is_integer() else 2)
    return text.rstrip("0").rstrip(",") if "," in text else text  # 25,50 → 25,5


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #444;")
    return label


def table_view(model: RowsModel) -> QTableView:
    view = record_view(model)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view


def selected_row(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows()
    return rows[0].row() if rows else None


class OfficeTab(QWidget):
    """The office's identity and the ND 30 header/footer of every report."""

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.form = RecordForm(ctx, OFFICE, self, store=self._store)
        self.form.title.hide()
        self.save_button = QPushButton("Lưu thông tin cơ quan")
        self.save_button.clicked.connect(lambda: self.form.save())
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Tên cơ quan, người ký và nơi nhận in ở đầu và cuối mọi báo cáo theo "
                                 "Nghị định 30/2020/NĐ-CP. «Nơi nhận»: mỗi dòng một nơi, dòng cuối "
                                 "«- Lưu: VT, …»."))
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        layout.addStretch(1)  # the button stays under the form, not at the window's bottom
        self.reload()

    def reload(self) -> None:
        row = office.get(self.ctx)
        if row is not None and not self.form.is_dirty():  # a tab switch keeps what was typed
            self.form.load(row["id"], row)

    def _store(self, raw: dict[str, Any], _record_id: int | None) -> int:
        return office.save(self.ctx, raw)["id"]


class ThresholdsTab(dirty_guard.Pending, QWidget):
    """Every item of the ``nguong`` catalogue; the selected one is edited below the table."""

    HEADERS = ("Chỉ tiêu", "Giá trị", "Đơn vị", "Mặc định", "Nguồn")
    guard_label = "Chỉ tiêu"

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._shown: tuple[str, str] | None = None  # the item in the editor, and its value text
        self.items: list[dict[str, Any]] = []
        self.model = RowsModel(self.HEADERS, right=(1, 3), parent=self)
        self.view = table_view(self.model)
        self.view.selectionModel().currentRowChanged.connect(self._selected)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet("font-weight: bold;")
        self.value = QLineEdit()
        self.value.setAccessibleName("Giá trị mới của ngưỡng đang chọn")
        self.value.setMaximumWidth(140)
        self.value.returnPressed.connect(self.save)
        self.unit = QLabel()
        self.save_button = QPushButton("Lưu giá trị")
        self.reset_button = QPushButton("Khôi phục mặc định")
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.reset_default)
        self.status = QLabel()
        self.status.setWordWrap(True)
        editor = QHBoxLayout()
        for widget in (QLabel("Giá trị áp dụng"), self.value, self.unit, self.save_button, self.reset_button):
            editor.addWidget(widget)
        editor.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Ngưỡng và chỉ tiêu dùng để cảnh báo và theo dõi tiến độ. Giá trị mặc định "
                                 "theo văn bản nêu ở cột «Nguồn»; cơ quan sửa được khi tỉnh giao chỉ tiêu "
                                 "khác."))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.label)
        layout.addLayout(editor)
        layout.addWidget(self.status)
        self.reload()
        self.view.selectRow(0)

    def reload(self) -> None:
        row = selected_row(self.view)
        self.items = thresholds.items(self.ctx)
        self.model.set_rows([(i["label"], number_text(i["current"]) + (" *" if i["overridden"] else ""),
                              i.get("unit", ""), number_text(i["default"]), i.get("source", ""))
                             for i in self.items])
        self.view.setColumnWidth(0, 430)
        for column, width in ((1, 80), (2, 70), (3, 80)):
            self.view.setColumnWidth(column, width)
        if row is not None:
            self.view.selectRow(row)

    def current(self) -> dict[str, Any] | None:
        row = selected_row(self.view)
        return self.items[row] if row is not None else None

    def is_dirty(self) -> bool:
        return self._shown is not None and self.value.text().strip() != self._shown[1]

    def revert(self) -> None:
        if self._shown is not None:
            self.value.setText(self._shown[1])

    def confirm_unsaved(self, text: str) -> str:
        """"save", "discard" or "cancel"; tests replace this method."""
        return dirty_guard.ask_unsaved(self, text)

    def _selected(self, current: QModelIndex | None = None, previous: QModelIndex | None = None) -> None:
        """Show the item of the row made current (the selection follows the signal)."""
        row = current.row() if current is not None else selected_row(self.view)
        if row is None or not 0 <= row < len(self.items):
            return
        if self._shown is not None and self.items[row]["code"] != self._shown[0] and self.is_dirty() \
                and not dirty_guard.settle([self], self.confirm_unsaved):
            dirty_guard.restore_row(self.view, previous or QModelIndex())
            return
        self._show(self.items[row])

    def _show(self, item: dict[str, Any]) -> None:
        self._shown = (item["code"], number_text(item["current"]))
        changed = " (đã sửa, mặc định " + number_text(item["default"]) + ")" if item["overridden"] else ""
        self.label.setText(item["label"] + changed)
        self.value.setText(number_text(item["current"]))
        self.unit.setText(item.get("unit", ""))
        self.reset_button.setEnabled(item["overridden"])
        self.status.clear()

    def save(self) -> bool | None:
        """The typed value of the item in the editor; None when refused (the message shows)."""
        if self._shown is None:
            return None
        code = self._shown[0]
        return self._run(lambda: thresholds.set_threshold(self.ctx, code, self.value.text()),
                         "Đã lưu giá trị mới.") or None

    def reset_default(self) -> None:
        item = self.current()
        if item is not None:
            self._run(lambda: thresholds.reset_threshold(self.ctx, item["code"]),
                      "Đã khôi phục giá trị mặc định.")

    def _run(self, action, done: str) -> bool:
        try:
            action()
        except (ValidationError, PermissionDenied) as exc:
            problems = exc.problems if isinstance(exc, ValidationError) else []
            text = "\n".join(p.message for p in problems) or str(exc)
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(text)
            return False
        self._shown = None  # stored: the editor shows the values read back
        self.reload()
        self._selected()
        self.status.setStyleSheet(OK_STYLE)
        self.status.setText(done)
        return True


class SettingsPage(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        from ui.settings_safety import BackupTab, LockTab
        from ui.settings_users import UsersTab

        self.ctx = ctx
        title = QLabel("Cài đặt")
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.tabs = QTabWidget()
        self.office_tab = OfficeTab(ctx)
        self.thresholds_tab = ThresholdsTab(ctx)
        self.backup_tab = BackupTab(ctx)
        self.lock_tab = LockTab(ctx)
        self.users_tab = UsersTab(ctx)
        for widget, name in ((self.office_tab, "Cơ quan"), (self.thresholds_tab, "Chỉ tiêu"),
                             (self.backup_tab, "Sao lưu, khôi phục"), (self.lock_tab, "Chốt số liệu"),
                             (self.users_tab, "Người dùng")):
            self.tabs.addTab(widget, name)
        self.tabs.setTabVisible(4, ctx.role == "quan_tri")
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        self.form = self.office_tab.form

    def _tab_shown(self, index: int) -> None:
        reload = getattr(self.tabs.widget(index), "reload", None)
        if reload is not None:
            reload()

    def save_record(self) -> None:
        if self.tabs.currentWidget() is self.office_tab:
            self.office_tab.form.save()

    def data_changed(self, entity: str, _row_id: int) -> None:
        if entity == "office":
            self.office_tab.reload()


