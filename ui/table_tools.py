"""Lists that behave like Excel (issue #18 §5), for any record table over a
``LazyIdModel``: a right-click menu to copy the cell or the selected rows (tab
separated, so they paste into Excel as cells) and to export the whole filtered
list, in its order and with its shown columns, to an xlsx file; columns shown or
hidden from the same menu or the header's; column widths, order and hidden
columns remembered per list in the window's settings (``use_settings``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QMessageBox, QTableView, QWidget

from desktop_app import vntext
from desktop_app.errors import BiencheError
from desktop_app.services import list_export
from ui import file_dialog, vi
from ui.lazy_model import LazyIdModel

_BATCH = 500


class TableTools(QObject):
    def __init__(self, view: QTableView, name: str, title: str):
        super().__init__(view)
        self.view, self.name, self.title = view, name, title
        self.settings: QSettings | None = None
        self.ask_path: Callable[[str], str] = self._ask_path  # tests replace it
        self.message: Callable[[str], None] = lambda text: vi.message_box(
            view, QMessageBox.Icon.Information, "Biên chế", text).exec()
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._menu)
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda pos: self.columns_menu().exec(header.mapToGlobal(pos)))
        header.setSectionsMovable(True)
        header.sectionResized.connect(lambda *_a: self.remember())
        header.sectionMoved.connect(lambda *_a: self.remember())

    @property
    def model(self) -> LazyIdModel:
        return self.view.model()  # type: ignore[return-value]

    # ------------------------------------------------------------ settings
    def use_settings(self, settings: QSettings) -> None:
        """Restore this list's columns as the clerk left them; remember changes from now on."""
        state = settings.value(f"lists/{self.name}")
        self.settings = None  # restoring resizes sections: nothing to remember meanwhile
        if state is not None:
            self.view.horizontalHeader().restoreState(state)
        self.settings = settings

    def remember(self) -> None:
        if self.settings is not None:
            self.settings.setValue(f"lists/{self.name}", self.view.horizontalHeader().saveState())

    # ------------------------------------------------------------ menus
    def _menu(self, pos: QPoint) -> None:
        self.menu_at(pos).exec(self.view.viewport().mapToGlobal(pos))

    def menu_at(self, pos: QPoint) -> QMenu:
        menu = QMenu(self.view)
        cell = self.view.indexAt(pos)
        copy_cell = menu.addAction("Sao chép ô", lambda: self.copy_cell(cell))
        copy_cell.setEnabled(cell.isValid())
        rows = menu.addAction("Sao chép các dòng đang chọn", self.copy_rows)
        rows.setEnabled(self.view.selectionModel().hasSelection())
        menu.addAction("Sao chép cả danh sách", lambda: self.copy_rows(everything=True))
        menu.addSeparator()
        menu.addAction("Xuất danh sách này ra Excel…", self.export)
        menu.addMenu(self.columns_menu(menu))
        return menu

    def columns_menu(self, parent: QWidget | None = None) -> QMenu:
        menu = QMenu("Hiện / ẩn cột", parent or self.view)
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount()):
            action = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: self.show_column(c, shown))
        return menu

    def show_column(self, column: int, shown: bool) -> None:
        header = self.view.horizontalHeader()
        if not shown and header.count() - header.hiddenSectionCount() <= 1:
            return  # the last shown column stays
        header.setSectionHidden(column, not shown)
        self.remember()

    # ------------------------------------------------------------ copy and export
    def shown_columns(self) -> list[int]:
        header = self.view.horizontalHeader()
        return [header.logicalIndex(v) for v in range(header.count())
                if not header.isSectionHidden(header.logicalIndex(v))]

    def copy_cell(self, index) -> None:
        if index.isValid():
            QGuiApplication.clipboard().setText(str(index.data() or ""))

    def copy_rows(self, everything: bool = False) -> None:
        """Tab-separated rows (shown columns, shown order) on the clipboard."""
        columns = self.shown_columns()
        if everything:
            lines = ["\t".join(self.headers(columns)), *("\t".join(r) for r in self.rows(columns))]
        else:
            chosen = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
            lines = ["\t".join(str(self.model.index(r, c).data() or "") for c in columns) for r in chosen]
        QGuiApplication.clipboard().setText("\n".join(lines))

    def headers(self, columns: list[int]) -> list[str]:
        return [str(self.model.headerData(c, Qt.Orientation.Horizontal)) for c in columns]

    def rows(self, columns: list[int]):
        """Every row of the filtered list, in its order, as the cells' texts."""
        model = self.model
        model.complete_ids()
        ids = list(model.ids)
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start:start + _BATCH]
            stored = {i: model.cache[i] for i in chunk if i in model.cache}
            stored.update(model.read_rows([i for i in chunk if i not in stored]))
            for row_id in chunk:
                row = stored.get(row_id) or {}
                yield [model.cell_text(row, c) for c in columns]

    def export(self) -> Path | None:
        path = self.ask_path(f"{self.title}.xlsx")
        if not path:
            return None
        columns = self.shown_columns()
        try:
            written = list_export.write_xlsx(path, self.title, self.headers(columns), self.rows(columns))
        except BiencheError as exc:  # full disk, read-only folder, the data file chosen by mistake
            self.message(str(exc))
            return None
        self.message(f"Đã xuất {vntext.format_number(len(self.model.ids))} dòng ra tệp:\n{written}")
        return written

    def _ask_path(self, name: str) -> str:
        return file_dialog.save_path(self.view, "Xuất danh sách ra Excel", str(Path.home() / name),
                                     "Tệp Excel (*.xlsx)")
