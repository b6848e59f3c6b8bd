"""A form built from an Entity's field declarations (STYLE.md §9): one editor
per field, grouped by ``Field.section``, Tab and Enter move through the fields
in order, Ctrl+S (delegated by the page) saves through ``services.records``,
and a ValidationError's problems appear in red under their fields without
losing anything typed.

A field without a section continues the section of the field before it, so
a declaration can add a field to a group without repeating the group name.
``tabs=True`` puts each section on its own tab (``self.tabs``; a page may add
more tabs); ``choices`` turns a field (e.g. a REF) into a list of (value, label),
given as a list or as a ready list model whose first row is the empty choice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.context import Context
from desktop_app.errors import PermissionDenied, ValidationError
from desktop_app.fields import BOOL, CHOICE, DATE, INT, LONGTEXT, NUMBER, PDATE, YEAR, Entity, Field
from desktop_app.services import records
from ui.focus_ring import ancestors
from ui.form_keys import FormKeys, WrappedLabel
from ui.search_combo import SEARCHABLE_FROM, SearchCombo
from ui.window_fit import show_whole

if TYPE_CHECKING:
    from ui.undo import UndoActions

DATE_HINT = "dd/mm/yyyy"
ERROR_STYLE = "color: #b00020;"
SHORT_LIST_TEXT = 170  # pixels: a short list whose entries fit shows them whole (wider ones elide)
LABEL_WIDTH = 200  # pixels: a longer field label wraps
_PLACEHOLDER_MAX = 45


def sections(entity: Entity, skip: tuple[str, ...] = ()) -> list[tuple[str, list[Field]]]:
    """Fields grouped by section in first-appearance order (empty = previous section)."""
    groups: dict[str, list[Field]] = {}
    current = ""
    for field in entity.fields:
        if field.name in skip:
            continue
        current = field.section or current
        groups.setdefault(current, []).append(field)
    return list(groups.items())


def _status_text(tab_names: list[str], bad_tabs: list[int]) -> str:
    if not bad_tabs:
        return "Chưa lưu được, hãy sửa các ô ghi màu đỏ."
    where = ", ".join(f"«{tab_names[i]}»" for i in bad_tabs)
    return f"Chưa lưu được, hãy sửa các ô ghi màu đỏ (ở thẻ {where})."


def record_title(row: dict[str, Any], record_id: int | None) -> str:
    """What the form's heading calls a record: its name, else its year."""
    if row.get("name") or row.get("full_name"):
        return str(row.get("name") or row.get("full_name"))
    return f"năm {row['year']}" if row.get("year") else str(record_id)


def _label(text: str) -> QLabel:
    label = QLabel(text)
    if label.sizeHint().width() > LABEL_WIDTH:
        return WrappedLabel(text)
    return label


class RecordForm(QWidget):
    """Edit one record of ``entity``; ``saved(id)`` after a successful save.

    ``undo`` (set by the main window on every form it holds) records each save
    on the window's undo stack; ``fixed`` values (e.g. the unit a position
    belongs to) are added to every save."""

    saved = Signal(int)
    reset = Signal()  # a record was loaded or the form cleared for a new one
    submitted = Signal()  # Enter on the last field

    def __init__(self, ctx: Context, entity: Entity, parent: QWidget | None = None,
                 skip: tuple[str, ...] = (),
                 store: Callable[[dict[str, Any], int | None], int] | None = None,
                 tabs: bool = False, choices: dict[str, Any] | None = None):
        super().__init__(parent)
        self.ctx, self.entity = ctx, entity
        self.choices = choices or {}
        self.store = store or self._store_record
        self.record_id: int | None = None
        self.undo: UndoActions | None = None
        self.fixed: dict[str, Any] = {}
        self.loaded: dict[str, Any] = {}  # the stored row shown (empty for a new record)
        self.rows: dict[str, tuple[QLabel, QWidget]] = {}
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.labels: list[QLabel] = []
        self.tab_of: dict[str, int] = {}  # field → index of the tab holding it
        self.tab_names: list[str] = []
        self._enter = FormKeys(self)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.title)
        self.tabs = QTabWidget() if tabs else None
        for name, fields in sections(entity, skip):
            if self.tabs is not None:
                page = QWidget()
                column = QVBoxLayout(page)
                column.addWidget(self._group("", fields))
                column.addStretch(1)
                self.tab_of.update((f.name, self.tabs.count()) for f in fields)
                self.tab_names.append(name)
                self.tabs.addTab(page, name)
            else:
                layout.addWidget(self._group(name, fields))
        if self.tabs is not None:
            layout.addWidget(self.tabs, 1)
        self.status = WrappedLabel()
        layout.addWidget(self.status)
        if self.tabs is None:
            layout.addStretch(1)
        self._align_labels()
        self._chain_tab_order()
        self._enter.watch_tabs()
        self.clear()

    # ------------------------------------------------------------ building
    def _group(self, name: str, fields: list[Field]) -> QWidget:
        box = QGroupBox(name) if name else QWidget()
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field in fields:
            editor = self._editor(field)
            error = WrappedLabel()
            error.setStyleSheet(ERROR_STYLE)
            error.hide()
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(1)
            column.addWidget(editor)
            column.addWidget(error)
            label = _label(field.label + (" *" if field.required else ""))
            label.setBuddy(editor)
            self.labels.append(label)
            form.addRow(label, cell)
            self.rows[field.name] = (label, cell)
            self.editors[field.name], self.errors[field.name] = editor, error
        return box

    def _editor(self, field: Field) -> QWidget:
        if field.name in self.choices or field.kind == CHOICE:
            editor: QWidget = self._combo(field)
        elif field.kind == BOOL:
            editor = QCheckBox()
        elif field.kind == LONGTEXT:
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(64)
        else:
            editor = QLineEdit()
            if field.kind in (DATE, PDATE):
                editor.setPlaceholderText(DATE_HINT)
            elif field.kind in (INT, NUMBER, YEAR):
                editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        if field.help:
            editor.setToolTip(field.help)
            short = len(field.help) <= _PLACEHOLDER_MAX  # a longer hint would be cut off in the box
            if short and isinstance(editor, (QLineEdit, QPlainTextEdit)) and not editor.placeholderText():
                editor.setPlaceholderText(field.help)
        if field.readonly:
            editor.setEnabled(False)
        editor.setObjectName(field.name)
        editor.installEventFilter(self._enter)
        return editor

    def _combo(self, field: Field) -> QComboBox:
        """A list of choices; a searchable one when it is longer than a screen."""
        options = self.choices.get(field.name)
        if options is None:  # a catalogue or declared choice
            options = [(None, ""), *field.options(self.ctx.catalogues)]  # never choose silently
        elif not isinstance(options, QAbstractItemModel):
            options = [(None, ""), *options]
        count = options.rowCount() if isinstance(options, QAbstractItemModel) else len(options)
        # Lists read from the data (units) grow with it: always searchable.
        searchable = isinstance(options, QAbstractItemModel) or count > SEARCHABLE_FROM
        editor = SearchCombo() if searchable else QComboBox()
        # Long labels must not widen the whole form.
        editor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        editor.setMinimumContentsLength(14)
        if isinstance(options, QAbstractItemModel):
            editor.setModel(options)
        else:
            longest = max((label for _value, label in options), key=len, default="")
            if not searchable and editor.fontMetrics().horizontalAdvance(longest) <= SHORT_LIST_TEXT:
                show_whole(editor, longest)  # a short list shows its entries whole
            for value, label in options:
                editor.addItem(label, value)
        return editor

    def _align_labels(self) -> None:
        """One label width for every group, so the editors line up; a label longer than
        LABEL_WIDTH takes two lines rather than widening every row (small screens)."""
        width = min(max((label.sizeHint().width() for label in self.labels), default=0), LABEL_WIDTH)
        for label in self.labels:
            label.setMinimumWidth(width)
            if label.wordWrap():
                label.setMaximumWidth(width)

    def set_field_visible(self, name: str, visible: bool) -> None:
        """Show or hide one field with its label (e.g. hạng under ND 106 only)."""
        for widget in self.rows[name]:
            widget.setVisible(visible)

    def focus_first(self) -> None:
        """Put the cursor in the first field that can be typed in (F2, Ctrl+N)."""
        for name, editor in self.editors.items():
            if editor.isEnabled() and not self.rows[name][0].isHidden():
                editor.setFocus()
                return

    def _chain_tab_order(self) -> None:
        editors = list(self.editors.values())
        for first, second in zip(editors, editors[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------ values
    def clear(self) -> None:
        """Start a new record."""
        self.record_id = None
        self.loaded = {}
        self.title.setText(f"Thêm {self.entity.label.lower()} mới")
        for field in self.entity.fields:
            if field.name in self.editors:
                self._set(field, None)
        self._clear_errors()
        self.status.clear()
        self._snapshot = self.values()
        self.reset.emit()

    def mark_clean(self) -> None:
        """What the form shows now counts as unchanged (after filling in defaults)."""
        self._snapshot = self.values()

    def load(self, record_id: int, row: dict[str, Any]) -> None:
        self.record_id = record_id
        self.loaded = dict(row)
        self.title.setText(f"Sửa: {record_title(row, record_id)}")
        for field in self.entity.fields:
            if field.name in self.editors:
                self._set(field, row.get(field.name))
        self._clear_errors()
        self.status.clear()
        self._snapshot = self.values()
        self.reset.emit()

    def is_dirty(self) -> bool:
        """True when something was typed since the record was loaded or saved."""
        return self.values() != self._snapshot

    def revert(self) -> None:
        """Drop what was typed: every editor shows again what was loaded or saved."""
        for name, editor in self.editors.items():
            field = self.entity.field(name)
            if not field.readonly:
                self._put(editor, self._snapshot.get(name))
        self._clear_errors()
        self.status.clear()

    @staticmethod
    def _put(editor: QWidget, raw: Any) -> None:
        """Show a raw value as ``values`` read it from the editor."""
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(raw), 0) if raw is not None else 0)
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(raw))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(raw or "")
        elif isinstance(editor, QLineEdit):
            editor.setText(raw or "")

    def _set(self, field: Field, value: Any) -> None:
        editor = self.editors[field.name]
        if isinstance(editor, QComboBox):
            index = editor.findData(value) if value is not None else 0
            if index < 0 and editor.model().insertRows(editor.count(), 1):  # a value outside the list
                editor.setItemData(editor.count() - 1, value)  # is kept, never dropped on save
                editor.setItemText(editor.count() - 1, str(value))
                index = editor.count() - 1
            editor.setCurrentIndex(max(index, 0))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
        elif field.kind in (INT, YEAR):
            editor.setText("" if value is None else str(value))
        else:
            editor.setText(field.display(value, self.ctx.catalogues))

    def values(self) -> dict[str, Any]:
        """What the clerk typed, raw; the services convert and validate it.
        A new record leaves out empty fields so the database defaults apply."""
        raw: dict[str, Any] = {}
        for field in self.entity.fields:
            editor = self.editors.get(field.name)
            if editor is None or field.readonly:
                continue
            if isinstance(editor, QComboBox):
                raw[field.name] = editor.currentData()
            elif isinstance(editor, QCheckBox):
                raw[field.name] = editor.isChecked()
            elif isinstance(editor, QPlainTextEdit):
                raw[field.name] = editor.toPlainText()
            else:
                raw[field.name] = editor.text()
        if self.record_id is None:
            raw = {k: v for k, v in raw.items() if v not in (None, "")}
        return raw

    # ------------------------------------------------------------ saving
    def save(self, notify: bool = True) -> int | None:
        """Create or update; on a ValidationError show it inline and return None.
        ``notify=False`` skips the ``saved`` signal (the caller refreshes itself)."""
        self._clear_errors()
        for editor in self.editors.values():
            if isinstance(editor, SearchCombo):
                editor.commit()  # Ctrl+S while a name is half typed
        try:
            self.record_id = self.store(self.values(), self.record_id)
        except ValidationError as exc:
            self.show_problems(exc)
            return None
        except PermissionDenied as exc:  # a Chỉ xem account: say so, keep what was typed
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(str(exc))
            return None
        self.title.setText(f"Sửa: {record_title(self.values(), self.record_id)}")
        self._snapshot = self.values()
        self.status.setStyleSheet("color: #1b5e20;")
        self.status.setText("Đã lưu")
        if notify:
            self.saved.emit(self.record_id)
        return self.record_id

    def _store_record(self, raw: dict[str, Any], record_id: int | None) -> int:
        raw = {**raw, **self.fixed} if record_id is None else raw
        if self.undo is not None:
            saved = self.undo.history.save(self.entity.name, raw, record_id)
            self.undo.refresh()
            return saved
        if record_id is None:
            return records.create(self.ctx, self.entity.name, raw)
        records.update(self.ctx, self.entity.name, record_id, raw)
        return record_id

    def delete_stored(self, record_id: int) -> bool:
        """Delete a stored record of this form's entity, through the undo history when the form
        has one; False, with the problems shown, when the services refuse."""
        try:
            if self.undo is not None:
                self.undo.history.delete(self.entity.name, record_id)
                self.undo.refresh()
            else:
                records.delete(self.ctx, self.entity.name, record_id)
        except ValidationError as exc:
            self.show_problems(exc)
            return False
        return True

    def show_problems(self, exc: ValidationError) -> None:
        general = []
        for problem in exc.problems:
            label = self.errors.get(problem.field or "")
            if label is None:
                general.append(str(problem))
                continue
            text = f"{label.text()}\n{problem.message}" if label.text() else problem.message
            label.setText(text[:1].upper() + text[1:])
            label.show()
        bad = [p.field for p in exc.problems if p.field in self.editors]
        self._mark_tabs(bad)
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText("\n".join([_status_text(self.tab_names, self._bad_tabs(bad)), *general]))
        if bad:
            self.show_field(bad[0])

    def show_field(self, name: str) -> None:
        """Bring a field into view — its tab, its place in a scrolled panel — and focus it."""
        editor = self.editors[name]
        if self.tabs is not None and name in self.tab_of:
            self.tabs.setCurrentIndex(self.tab_of[name])
        editor.setFocus()
        scroll = next((w for w in ancestors(self) if isinstance(w, QScrollArea)), None)
        if scroll is not None:
            scroll.ensureWidgetVisible(editor)

    def _bad_tabs(self, bad: list[str | None]) -> list[int]:
        return sorted({self.tab_of[name] for name in bad if name in self.tab_of})

    def _mark_tabs(self, bad: list[str | None]) -> None:
        """Tabs holding a field in error say so in their title and in red."""
        if self.tabs is None:
            return
        marked = self._bad_tabs(bad)
        for index, name in enumerate(self.tab_names):
            self.tabs.setTabText(index, f"{name} (có lỗi)" if index in marked else name)
            self.tabs.tabBar().setTabTextColor(index, QColor("#b00020") if index in marked else QColor())

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self._mark_tabs([])
