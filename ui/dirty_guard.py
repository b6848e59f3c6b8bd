"""Nothing typed is lost (issue #18): before a row change, a page change, a new
record, a dated action or closing the window, every record form with unsaved
changes is settled — saved, its changes dropped, or the move cancelled.

Generic over ``RecordForm``: a page needs nothing but its forms to be guarded
on a page change and at window close; a page whose list selection loads a form
calls ``settle`` in its row-change slot and ``restore_row`` when the clerk stays.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QTimer
from PySide6.QtWidgets import QAbstractItemView, QWidget

from ui import vi

Ask = Callable[[str], str]  # question → "save", "discard" or "cancel"


class Pending:
    """A value typed outside a record form (a threshold's new value), guarded like one:
    the widget names itself (``guard_label``) and defines ``is_dirty()`` (holds unsaved
    text), ``save()`` (None on failure) and ``revert()`` (drops it)."""

    guard_label = ""
    is_dirty: Callable[[], bool]
    save: Callable[[], Any]
    revert: Callable[[], None]


def dirty_forms(root: QWidget) -> list[Any]:
    """The record forms and pending values inside ``root`` (itself included) holding
    unsaved changes."""
    module = sys.modules.get("ui.record_form")  # None: no page built so far has a record form
    forms: list[Any] = list(root.findChildren(module.RecordForm)) if module else []
    if module and isinstance(root, module.RecordForm):
        forms.insert(0, root)
    forms += [w for w in (root, *root.findChildren(QWidget)) if isinstance(w, Pending)]
    return [form for form in forms if form.is_dirty()]


def question(forms: list[Any]) -> str:
    names = ", ".join(dict.fromkeys(f"«{getattr(form, 'guard_label', '') or form.entity.label}»"
                                    for form in forms))
    return f"Có thay đổi chưa lưu ở {names}. Lưu lại không?"


def settle(forms: list[Any], ask: Ask, save: Callable[[Any], Any] | None = None) -> bool:
    """True when the caller may go on: nothing dirty, the changes were saved
    (every save succeeded; a failing form shows its errors) or dropped."""
    if not forms:
        return True
    answer = ask(question(forms))
    if answer == "discard":
        for form in forms:
            form.revert()
        return True
    if answer != "save":
        return False
    store = save or (lambda form: form.save())
    return all(store(form) is not None for form in forms)


def close_asking(forms: list[Any], ask: Ask, save: Callable[[], Any], close: Callable[[], None]) -> None:
    """«Hủy», Esc or the window's close of a dialog: what was typed in ``forms`` (the dirty
    ones) is saved (the dialog's own save, which closes it), dropped, or kept open."""
    answer = ask(question(forms)) if forms else "discard"
    if answer == "discard":
        for form in forms:
            form.revert()  # a dialog kept after closing holds nothing unsaved
        close()
    elif answer == "save":
        save()


def ask_unsaved(parent: QWidget | None, text: str) -> str:
    """The question as a message box: «Lưu» / «Không lưu» / «Hủy»."""
    return vi.ask_save(parent, text)


def restore_row(view: QAbstractItemView, previous: QModelIndex) -> None:
    """Put the selection back on the row the clerk stays on, without signals: now,
    and again once the click that moved the current row has selected its row."""
    persistent = QPersistentModelIndex(previous)
    _select(view, previous)
    QTimer.singleShot(0, view, lambda: _select(view, QModelIndex(persistent)))


def _select(view: QAbstractItemView, previous: QModelIndex) -> None:
    selection = view.selectionModel()
    selection.blockSignals(True)
    if previous.isValid():
        selection.setCurrentIndex(previous, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
    else:
        selection.clear()
    selection.blockSignals(False)
    view.viewport().update()


class ReloadKeepsSelection:
    """For a list page (``table``, ``model``, ``select``, ``_update_count``) that saved
    a new record inside a selection change: list it once the change is done,
    keeping the clerk on the row just chosen."""

    def _reload_keeping_selection(self) -> None:
        page: Any = self
        current = page.model.id_at(page.table.currentIndex().row())
        page.model.reload()
        page._update_count()
        if current is not None:
            page.select(current)
