"""The main window only assembles pages (SPEC §10): a navigation list, a
stack of the pages from ``ui.pages.PAGES``, remembered geometry, the
Ctrl+F / Ctrl+N / Ctrl+S / F2 shortcuts handed to the current page, and the
window-wide undo stack (Ctrl+Z / Ctrl+Y) shared by every record form.

Pages are built lazily: the stack starts with an empty stand-in per page and a
page's factory runs the first time it is shown or asked for (``page(key)``), so
start-up costs one page, not twelve (each page reads its data when built).

Page protocol: ``focus_search``, ``new_record``, ``save_record``, ``edit_record``
(F2), ``use_undo(actions)`` for pages that save outside a record form,
``use_settings(settings)`` for pages whose lists remember their columns,
``data_changed(entity, id)`` to re-read after an undo or redo, and
``records_changed(kinds)`` after any committed write (services' change notification).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings, QSize, QThread
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from desktop_app.context import Context
from desktop_app.paths import is_demo
from desktop_app.services import gate, office, users
from desktop_app.services.history import History
from ui import accessibility, dirty_guard
from ui.about_dialog import add_help_menu
from ui.changes import ChangeRelay
from ui.file_menu import FileMenu
from ui.legal_sources_dialog import add_legal_sources_action
from ui.pages import PAGES
from ui.undo import UndoActions
from ui.update_dialog import add_update_action
from ui.window_fit import NavList, PageStack

_SHORTCUTS = (("Ctrl+F", "focus_search"), ("Ctrl+N", "new_record"), ("Ctrl+S", "save_record"),
              ("F2", "edit_record"))


DEFAULT_SIZE = QSize(1280, 780)


def default_size(available: QSize) -> QSize:
    """The first window: 1280×780, never more than the screen leaves free (1366×768 with
    a taskbar leaves ≈ 1366×728; at 150 % scaling ≈ 910×485)."""
    return DEFAULT_SIZE.boundedTo(available)


class MainWindow(QMainWindow):
    def __init__(self, ctx: Context, settings: QSettings | None = None):
        super().__init__()
        self.ctx = ctx
        self.settings = settings or QSettings()
        self.refresh_title()
        self.nav = NavList()  # narrows on a small window
        self.stack = PageStack()  # a page too large for the window scrolls
        self.keys: list[str] = []
        self._factories = []
        self._built: set[int] = set()  # stack indexes holding a real page
        for key, title, factory in PAGES:
            self.keys.append(key)
            self._factories.append(factory)
            self.nav.addItem(title)
            self.stack.addWidget(QWidget())
        self.nav.currentRowChanged.connect(self._show_index)
        self.undo = UndoActions(ctx, self)
        self.undo.applied.connect(self._data_changed)
        self.relay = ChangeRelay(ctx.changes, self)
        self.relay.changed.connect(self._records_changed)
        self.setCentralWidget(self._central())
        self.file_menu = FileMenu(self, ctx)
        add_help_menu(self, ctx, guide=self.open_guide)
        add_update_action(self, ctx)
        add_legal_sources_action(self, ctx)
        for keys, method in _SHORTCUTS:
            QShortcut(QKeySequence(keys), self, activated=lambda m=method: self._delegate(m))
        for number in range(1, min(len(PAGES), 9) + 1):  # Ctrl+1…9: the first nine pages
            QShortcut(QKeySequence(f"Ctrl+{number}"), self,
                      activated=lambda row=number - 1: self.nav.setCurrentRow(row))
        self._restore()

    def open_guide(self) -> None:
        """F1: the user guide at the section about the page on screen."""
        from ui.guide_dialog import GuideDialog

        self.exec_dialog(GuideDialog(self.keys[self.stack.currentIndex()], self))

    def exec_dialog(self, dialog) -> None:
        """Show a modal dialog; tests replace this method."""
        dialog.exec()

    def refresh_title(self) -> None:
        """Office name, and the signed-in user once the office requires sign-in."""
        parts = ["Biên chế", (office.get(self.ctx) or {}).get("name") or ""]
        if is_demo(self.ctx.path):
            parts.insert(1, "DỮ LIỆU MẪU, không phải số liệu thật")
        if self.ctx.readonly:
            parts.append("CHẾ ĐỘ CHỈ XEM")
        if users.login_required(self.ctx):
            parts.append(f"{self.ctx.user} ({users.ROLES.get(self.ctx.role, self.ctx.role)})")
        self.setWindowTitle(" — ".join(p for p in parts if p))

    def rebuild_pages(self) -> None:
        """Build the pages again from the data (after a restore replaced it): the
        current one now, the others when next shown."""
        current = self.stack.currentIndex()
        self.undo.history = History(self.ctx)  # the undo steps belonged to the replaced data
        self.undo.refresh()
        for index in sorted(self._built):
            self._replace(index, QWidget())
        self._built.clear()
        self._ensure(current)
        self.refresh_title()

    def _ensure(self, index: int) -> QWidget:
        """The page at ``index``, running its factory the first time."""
        if index not in self._built:
            page = self._factories[index](self.ctx)
            self._built.add(index)
            self._replace(index, page)
            self._adopt(self.keys[index], page)
        return self.stack.widget(index)

    def _replace(self, index: int, widget: QWidget) -> None:
        old = self.stack.widget(index)
        was_current = self.stack.currentIndex() == index
        self.stack.insertWidget(index, widget)
        if was_current:
            self.stack.setCurrentIndex(index)
        self.stack.removeWidget(old)
        old.deleteLater()

    def _adopt(self, key: str, page: QWidget) -> None:
        """Wire a freshly built page into the window: shared undo stack, and a warning
        double-clicked on Tổng quan opens its unit."""
        # A page with record forms has imported ui.record_form; Tổng quan, shown at start-up,
        # has none, and the module's Qt classes cost ≈ 15 ms to load.
        record_form = sys.modules.get("ui.record_form")
        for form in page.findChildren(record_form.RecordForm) if record_form is not None else ():
            form.undo = self.undo
        use = getattr(page, "use_undo", None)
        if use is not None:
            use(self.undo)
        accessibility.name_controls(page)
        remember = getattr(page, "use_settings", None)  # lists keep their columns in the window's settings
        if remember is not None:
            remember(self.settings)
        opener = getattr(page, "open_record", None)
        if key == "dashboard" and opener is not None:
            opener.connect(self.open_record)

    def _show_index(self, index: int) -> None:
        leaving = self.stack.currentIndex()
        if leaving != index and leaving in self._built and not self._may_leave([leaving]):
            self.nav.blockSignals(True)  # the clerk stays: the list shows the page still shown
            self.nav.setCurrentRow(leaving)
            self.nav.blockSignals(False)
            return
        if index >= 0:
            self._ensure(index)
        self.stack.setCurrentIndex(index)

    def _may_leave(self, indexes: list[int]) -> bool:
        """Unsaved forms on these pages are saved or dropped first (or the move is cancelled);
        a failed save shows its page with the errors."""
        for index in indexes:
            forms = dirty_guard.dirty_forms(self.stack.widget(index))
            if forms and not dirty_guard.settle(forms, self.confirm_unsaved):
                if self.stack.currentIndex() != index:
                    self.show_page(self.keys[index])
                return False
        return True

    def confirm_unsaved(self, text: str) -> str:
        """"save", "discard" or "cancel"; tests replace this method."""
        return dirty_guard.ask_unsaved(self, text)

    def _central(self) -> QWidget:
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack.frame, 1)
        self.read_only_banner = read_only_banner(self.ctx)
        if self.read_only_banner is None:
            return body
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.read_only_banner)
        column.addWidget(body, 1)
        return central

    def page(self, key: str) -> QWidget:
        """The page of ``key``, built now if it has not been shown yet."""
        return self._ensure(self.keys.index(key))

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self.keys.index(key))

    def open_record(self, unit_id: int | None, person_id: int | None = None) -> None:
        """Show the record a warning is about (the unit; the person's unit until Nhân sự exists)."""
        if unit_id is None:
            return
        self.show_page("units")
        self.page("units").select(unit_id)

    def _data_changed(self, entity: str, row_id: int) -> None:
        for index in sorted(self._built):  # a page not built yet reads fresh data when it is
            handler = getattr(self.stack.widget(index), "data_changed", None)
            if handler is not None:
                handler(entity, row_id)

    def _records_changed(self, kinds: frozenset[str]) -> None:
        """Committed writes (here or in a worker) changed these kinds of record: every built
        page showing them reads them again (a page not built yet reads fresh data when it is)."""
        for index in sorted(self._built):
            handler = getattr(self.stack.widget(index), "records_changed", None)
            if handler is not None:
                handler(kinds)

    def _delegate(self, method: str) -> None:
        handler = getattr(self.stack.currentWidget(), method, None)
        if handler is not None:
            handler()

    def _restore(self) -> None:
        geometry = self.settings.value("main/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(default_size(self.screen().availableGeometry().size()))
        state = self.settings.value("main/state")
        if state is not None:
            self.restoreState(state)
        page = self.settings.value("main/page", "dashboard")
        self.show_page(page if page in self.keys else "dashboard")

    def _stop_workers(self) -> None:
        """Closing while an import or export runs ends cleanly: each page's worker thread is
        asked to stop (at its next row block) and waited for, so none outlives the window."""
        for worker in self.findChildren(QThread):
            if worker.isRunning():
                stop = getattr(worker, "cancel", None) or getattr(getattr(worker, "stop", None), "set", None)
                if stop is not None:
                    stop()
                worker.wait()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        current = self.stack.currentIndex()
        if not self._may_leave([current, *sorted(self._built - {current})]):
            event.ignore()
            return
        self._stop_workers()
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/state", self.saveState())
        self.settings.setValue("main/page", self.keys[self.stack.currentIndex()])
        super().closeEvent(event)


def read_only_banner(ctx: Context) -> QLabel | None:
    """«Chế độ chỉ xem»: a file that cannot be written says so above every page (the gate
    refuses each save with the same words)."""
    if not ctx.readonly:
        return None
    banner = QLabel(f"CHẾ ĐỘ CHỈ XEM — {gate.read_only_message(ctx)}")
    banner.setObjectName("read_only_banner")
    banner.setWordWrap(True)
    banner.setAccessibleName("Chế độ chỉ xem")
    banner.setStyleSheet("QLabel { background: #fff4ce; color: #3b2f00; border: 1px solid #c9a400; "
                         "padding: 6px 10px; font-weight: bold; }")
    return banner
