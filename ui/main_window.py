"""The main window only assembles pages (SPEC §10): a navigation list, a
stack of the pages from ``ui.pages.PAGES``, remembered geometry, the
Ctrl+F / Ctrl+N / Ctrl+S / F2 shortcuts handed to the current page, and the
window-wide undo stack (Ctrl+Z / Ctrl+Y) shared by every record form.

Page protocol: ``focus_search``, ``new_record``, ``save_record``, ``edit_record``
(F2), ``use_undo(actions)`` for pages that save outside a record form, and
``data_changed(entity, id)`` to re-read after an undo or redo.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QMainWindow, QStackedWidget, QWidget

from desktop_app.context import Context
from desktop_app.services import office, users
from desktop_app.services.history import History
from ui.about_dialog import add_help_menu
from ui.pages import PAGES
from ui.record_form import RecordForm
from ui.undo import UndoActions

_SHORTCUTS = (("Ctrl+F", "focus_search"), ("Ctrl+N", "new_record"), ("Ctrl+S", "save_record"),
              ("F2", "edit_record"))


class MainWindow(QMainWindow):
    def __init__(self, ctx: Context, settings: QSettings | None = None):
        super().__init__()
        self.ctx = ctx
        self.settings = settings or QSettings()
        self.refresh_title()
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.stack = QStackedWidget()
        self.keys: list[str] = []
        for key, title, factory in PAGES:
            self.keys.append(key)
            self.nav.addItem(title)
            self.stack.addWidget(factory(ctx))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self._connect_dashboard()
        self.undo = UndoActions(ctx, self)
        self.undo.applied.connect(self._data_changed)
        self._share_undo()
        self.setCentralWidget(self._central())
        add_help_menu(self, ctx)
        for keys, method in _SHORTCUTS:
            QShortcut(QKeySequence(keys), self, activated=lambda m=method: self._delegate(m))
        self._restore()

    def refresh_title(self) -> None:
        """Office name, and the signed-in user once the office requires sign-in."""
        parts = ["Biên chế", (office.get(self.ctx) or {}).get("name") or ""]
        if users.login_required(self.ctx):
            parts.append(f"{self.ctx.user} ({users.ROLES.get(self.ctx.role, self.ctx.role)})")
        self.setWindowTitle(" — ".join(p for p in parts if p))

    def rebuild_pages(self) -> None:
        """Build every page again from the data (after a restore replaced it)."""
        current = self.stack.currentIndex()
        old = [self.stack.widget(i) for i in range(self.stack.count())]
        for widget in old:
            self.stack.removeWidget(widget)
            widget.deleteLater()
        for _key, _title, factory in PAGES:
            self.stack.addWidget(factory(self.ctx))
        self._connect_dashboard()
        self.undo.history = History(self.ctx)  # the undo steps belonged to the replaced data
        self.undo.refresh()
        self._share_undo()
        self.stack.setCurrentIndex(current)
        self.refresh_title()

    def _connect_dashboard(self) -> None:
        opener = getattr(self.page("dashboard"), "open_record", None)
        if opener is not None:  # a warning double-clicked on Tổng quan opens its unit
            opener.connect(self.open_record)

    def _central(self) -> QWidget:
        self.nav.setStyleSheet("QListWidget { font-size: 11pt; } QListWidget::item { padding: 6px 10px; }")
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 24)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        return central

    def page(self, key: str) -> QWidget:
        return self.stack.widget(self.keys.index(key))

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self.keys.index(key))

    def open_record(self, unit_id: int | None, person_id: int | None = None) -> None:
        """Show the record a warning is about (the unit; the person's unit until Nhân sự exists)."""
        if unit_id is None:
            return
        self.show_page("units")
        self.page("units").select(unit_id)

    def _share_undo(self) -> None:
        """Every record form (and any page saving by itself) records on one stack."""
        for form in self.stack.findChildren(RecordForm):
            form.undo = self.undo
        for index in range(self.stack.count()):
            use = getattr(self.stack.widget(index), "use_undo", None)
            if use is not None:
                use(self.undo)

    def _data_changed(self, entity: str, row_id: int) -> None:
        for index in range(self.stack.count()):
            handler = getattr(self.stack.widget(index), "data_changed", None)
            if handler is not None:
                handler(entity, row_id)

    def _delegate(self, method: str) -> None:
        handler = getattr(self.stack.currentWidget(), method, None)
        if handler is not None:
            handler()

    def _restore(self) -> None:
        geometry = self.settings.value("main/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 780)
        state = self.settings.value("main/state")
        if state is not None:
            self.restoreState(state)
        page = self.settings.value("main/page", "units")
        self.show_page(page if page in self.keys else "units")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/state", self.saveState())
        self.settings.setValue("main/page", self.keys[self.stack.currentIndex()])
        super().closeEvent(event)
