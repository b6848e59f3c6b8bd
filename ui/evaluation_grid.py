"""Fast entry of one year's evaluations for a whole unit: rows are the people
on the unit's roll that year (``services.evaluations.roll``), one editable
column for the level (a list of the ``danh_gia`` catalogue) and, from 2026,
one for the score. Each edited cell is saved at once through the service."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.entities import EVALUATION, PERSON
from desktop_app.errors import ValidationError
from desktop_app.services import evaluations, people
from ui import vi

NAME, BORN, LEVEL, SCORE = range(4)
_HEADERS = (PERSON.field("full_name").label, PERSON.field("birth_date").label,
            EVALUATION.field("level").label, EVALUATION.field("score").label)


class EvaluationGridModel(QAbstractTableModel):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.unit_id: int | None = None
        self.year = ctx.today.year - 1
        self.rows: list[dict[str, Any]] = []
        self.problem = ""

    def show(self, unit_id: int | None, year: int) -> None:
        self.beginResetModel()
        self.unit_id, self.year = unit_id, year
        self.rows = evaluations.roll(self.ctx, unit_id, year) if unit_id else []
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(_HEADERS)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and (index.column() == LEVEL or (
                index.column() == SCORE and evaluations.score_allowed(self.ctx, self.year))):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.EditRole and index.column() == LEVEL:
            return row["level"]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        column = index.column()
        if column == NAME:
            return row["full_name"]
        if column == BORN:
            return vntext.format_date(row["birth_date"])
        if column == LEVEL:
            return EVALUATION.field("level").display(row["level"], self.ctx.catalogues)
        return EVALUATION.field("score").display(row["score"])

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row = self.rows[index.row()]
        level = value if index.column() == LEVEL else row["level"]
        score = value if index.column() == SCORE else row["score"]
        try:
            row["evaluation_id"] = evaluations.save(self.ctx, row["person_id"], self.year, level, score,
                                                    row["evaluation_id"])
        except ValidationError as exc:
            self.problem = f"{row['full_name']}: {exc}"
            return False
        self.problem = ""
        fresh = {e["year"]: e for e in evaluations.for_person(self.ctx, row["person_id"])}[self.year]
        row["level"], row["score"] = fresh["level"], fresh["score"]
        self.dataChanged.emit(index.siblingAtColumn(LEVEL), index.siblingAtColumn(SCORE))
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_HEADERS):
            return _HEADERS[section]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None


class _LevelDelegate(QStyledItemDelegate):
    """The level cell edits with a list of the catalogue's labels."""

    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.options = EVALUATION.field("level").options(ctx.catalogues)

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt override
        combo = QComboBox(parent)
        for code, label in self.options:
            combo.addItem(label, code)
        return combo

    def setEditorData(self, editor, index):  # noqa: N802 - Qt override
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor, model, index):  # noqa: N802 - Qt override
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class EvaluationGridDialog(QDialog):
    def __init__(self, ctx: Context, unit_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Đánh giá, xếp loại cả đơn vị")
        self.model = EvaluationGridModel(ctx, self)
        self.unit_combo = QComboBox()
        for value, label in people.unit_choices(ctx):
            self.unit_combo.addItem(label, value)
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(unit_id), 0))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(ctx.today.year - 1)
        self.unit_combo.currentIndexChanged.connect(self.refresh)
        self.year.valueChanged.connect(self.refresh)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(LEVEL, _LevelDelegate(ctx, self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        for column, width in enumerate((220, 90, 230, 60)):
            self.table.setColumnWidth(column, width)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        top = QHBoxLayout()
        top.addWidget(QLabel(PERSON.field("unit_id").label))
        top.addWidget(self.unit_combo, 1)
        top.addWidget(QLabel(EVALUATION.field("year").label))
        top.addWidget(self.year)
        buttons = vi.button_box(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.model.dataChanged.connect(lambda *_: self.problem.setText(self.model.problem))
        self.resize(680, 460)
        self.refresh()

    def refresh(self, *_args) -> None:
        self.model.show(self.unit_combo.currentData(), self.year.value())
