"""Accessible names for every control a clerk can reach with the keyboard (issue
#18 §10): screen readers on Windows read ``accessibleName``. A control without
one gets a Vietnamese name from what a sighted clerk reads beside it — its label
(a buddy or the form row's label), its own text, its placeholder or tooltip, the
first entry of a list, a table's headers. Run on every page and dialog."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)


def _clean(text: str) -> str:
    return " ".join(text.replace("&", "").replace("*", "").rstrip(" :").split())


def _labels(root: QWidget) -> dict[int, str]:
    """Control → the text of the label standing for it (buddies, form rows)."""
    found: dict[int, str] = {}
    for label in root.findChildren(QLabel):
        if label.buddy() is not None and label.text():
            found[id(label.buddy())] = _clean(label.text())
    for row_layout in root.findChildren(QBoxLayout):  # «Năm [ ]»: a label just before its control
        items = [row_layout.itemAt(i).widget() for i in range(row_layout.count())]
        for before, widget in zip(items, items[1:], strict=False):
            if isinstance(before, QLabel) and before.text() and widget is not None \
                    and not isinstance(widget, QLabel):
                found.setdefault(id(widget), _clean(before.text()))
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None or not isinstance(label.widget(), QLabel):
                continue
            text = _clean(label.widget().text())
            targets = [field.widget()] if field.widget() is not None else []
            if field.layout() is not None:
                targets += [field.layout().itemAt(i).widget() for i in range(field.layout().count())]
            for widget in targets:
                if widget is not None:
                    found.setdefault(id(widget), text)
                    for child in widget.findChildren(QWidget):
                        found.setdefault(id(child), text)
    return found


def _own_name(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton) and widget.text():
        return _clean(widget.text())
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)) and widget.placeholderText():
        return _clean(widget.placeholderText())
    if widget.toolTip():
        return _clean(widget.toolTip())
    if isinstance(widget, QComboBox) and widget.count() and widget.itemText(0):
        return _clean(widget.itemText(0).split(":")[0])
    if isinstance(widget, QTabBar):
        return "Các thẻ: " + ", ".join(widget.tabText(i) for i in range(widget.count()))
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        if isinstance(model, QAbstractListModel):  # hides columnCount() from Python: one column
            return "Danh sách"
        heads = [model.headerData(c, Qt.Orientation.Horizontal)
                 for c in range(min(model.columnCount(QModelIndex()), 3))]
        named = [str(h) for h in heads if h]
        return "Bảng: " + ", ".join(named) if named else "Danh sách"
    return ""


def focusable(widget: QWidget) -> bool:
    return widget.focusPolicy() != Qt.FocusPolicy.NoFocus and isinstance(
        widget, (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox,
                 QAbstractItemView, QTabBar))


def name_controls(root: QWidget) -> None:
    """Give every focusable control under ``root`` a Vietnamese accessible name."""
    labels = _labels(root)
    for widget in root.findChildren(QWidget):
        if not focusable(widget) or widget.accessibleName():
            continue
        name = labels.get(id(widget)) or _own_name(widget)
        owner = widget.parentWidget()
        if not name and isinstance(owner, (QComboBox, QAbstractSpinBox)):  # their own line edit
            name = owner.accessibleName() or labels.get(id(owner)) or _own_name(owner)
        if name:
            widget.setAccessibleName(name)
