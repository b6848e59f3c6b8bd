"""What a check of an import file found, in four tabs: the first rows as they will be
written (problems marked red, the message in the tooltip), the mapping step (each value
not in a catalogue listed once with its count, first rows and the closest items; the
clerk picks one or adds it as the office's own item), what was understood («…» → …,
columns not used, the year / date / money unit assumed, update old → new) and every
problem. The page passes ``choices()`` back to the next check or import.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)

from desktop_app.importing.service import ImportResult, entity_of
from desktop_app.importing.value_map import NEW
from desktop_app.importing.values import Question, map_key

PROBLEM_HEADERS = ("Trang", "Dòng", "Cột", "Tên cột", "Giá trị", "Lỗi")
VALUE_HEADERS = ("Trường dữ liệu", "Giá trị trong tệp", "Số dòng", "Dòng đầu", "Ghép với")
UNCHOSEN = "(chưa chọn)"
_WIDTHS = {"Trang": 90, "Dòng": 50, "Trường dữ liệu": 120, "Cột": 40, "Giá trị": 110, "Tên cột": 120,
           "Số dòng": 60, "Giá trị trong tệp": 180, "Dòng đầu": 120}
BAD = QColor("#FFC7CE")


class ImportReview(QTabWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.sample = table(("Dòng",))
        self.sample.horizontalHeader().setStretchLastSection(True)
        self.values = table(VALUE_HEADERS)
        self.understood = QListWidget()
        self.understood.setWordWrap(True)
        self.problems = table(PROBLEM_HEADERS)
        self.chosen: dict[str, dict[str, str]] = {}  # field → folded value → code (or NEW)
        self.questions: list[Question] = []
        self.addTab(self.sample, "Xem trước")
        self.addTab(self.values, "Ghép giá trị")
        self.addTab(self.understood, "Đã hiểu")
        self.addTab(self.problems, "Lỗi")

    def clear(self) -> None:
        for t in (self.sample, self.values, self.problems):
            t.setRowCount(0)
        self.understood.clear()
        self.questions = []

    def forget(self) -> None:
        """A new file or kind: earlier choices do not apply."""
        self.chosen = {}
        self.clear()

    def choices(self) -> dict[str, dict[str, str]]:
        return {name: dict(m) for name, m in self.chosen.items() if m}

    def show_result(self, result: ImportResult, catalogues) -> None:
        self._show_sample(result)
        self._show_values(result, catalogues)
        self._show_understood(result)
        self._show_problems(result)
        self.setTabText(1, f"Ghép giá trị ({len(result.questions)})" if result.questions else "Ghép giá trị")
        self.setTabText(3, f"Lỗi ({len(result.problems)})" if result.problems else "Lỗi")
        self.setCurrentIndex(1 if result.questions else (3 if result.problems else 0))

    # ------------------------------------------------------------ tabs

    def _show_sample(self, result: ImportResult) -> None:
        entity = entity_of(result.kind)
        names = [n for n in entity.names if any(n in s.values for s in result.sample)]
        self.sample.setColumnCount(1 + len(names))
        self.sample.setHorizontalHeaderLabels(["Dòng", *(entity.field(n).label for n in names)])
        self.sample.setColumnWidth(0, _WIDTHS["Dòng"])
        self.sample.setRowCount(len(result.sample))
        for r, s in enumerate(result.sample):
            whole = s.problems.get(None, [])
            self.sample.setItem(r, 0, _marked(str(s.row), whole))
            for c, name in enumerate(names, start=1):
                self.sample.setItem(r, c, _marked(s.values.get(name, ""), s.problems.get(name, [])))

    def _show_values(self, result: ImportResult, catalogues) -> None:
        self.questions = result.questions
        self.values.setRowCount(len(result.questions))
        entity = entity_of(result.kind)
        for r, q in enumerate(result.questions):
            first = ", ".join(str(row) for _sheet, row in q.rows)
            for c, text in enumerate((q.label, q.value, str(q.count), first)):
                self.values.setItem(r, c, _item(text))
            combo = QComboBox()
            combo.addItem(UNCHOSEN, None)
            for code, label in q.suggestions:
                combo.addItem(f"★ {label}", code)
            if q.local_allowed:
                combo.addItem(f"+ Thêm «{q.value}» làm mục riêng của cơ quan", NEW)
            combo.insertSeparator(combo.count())
            for code, label in entity.field(q.field).options(catalogues):
                combo.addItem(label, code)
            combo.setCurrentIndex(max(combo.findData(self.chosen.get(q.field, {}).get(map_key(q.value))), 0))
            combo.currentIndexChanged.connect(lambda _i, q=q, box=combo: self._choose(q, box.currentData()))
            self.values.setCellWidget(r, 4, combo)

    def _choose(self, q: Question, code: str | None) -> None:
        mine = self.chosen.setdefault(q.field, {})
        if code is None:
            mine.pop(map_key(q.value), None)
        else:
            mine[map_key(q.value)] = code

    def _show_understood(self, result: ImportResult) -> None:
        lines = list(result.notes)
        lines += [f"Cột «{t.label}»: «{t.value}» → {t.option} ({t.how})" for t in result.taken]
        lines += [f"Cột {u.letter} «{u.header}» (trang {u.sheet}): không dùng"
                  + (f"; gần nhất: {', '.join(u.near)}" if u.near else "") for u in result.unused]
        lines += [f"Cập nhật dòng {u.row} «{u.title}»: " + "; ".join(
                  f"{label}: {old or '(trống)'} → {new or '(trống)'}" for label, old, new in u.shown)
                  for u in result.updates]
        self.understood.addItems(lines or ["Mọi giá trị đều viết đúng như danh mục."])

    def _show_problems(self, result: ImportResult) -> None:
        self.problems.setRowCount(len(result.problems))
        for r, p in enumerate(result.problems):
            value = "" if p.value is None else str(p.value)
            for c, text in enumerate((p.sheet, p.row, p.column, p.label, value, p.message)):
                self.problems.setItem(r, c, _item("" if text is None else str(text)))


def table(headers: tuple[str, ...]) -> QTableWidget:
    # A small, non-database list: QTableWidget is fine here (tables of records use models).
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(list(headers))
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    t.verticalHeader().setVisible(False)
    for c, header in enumerate(headers[:-1]):  # fixed widths: never measured over every row
        t.setColumnWidth(c, _WIDTHS.get(header, 130))
    return t


def _item(text) -> QTableWidgetItem:
    return QTableWidgetItem(str(text))


def _marked(text: str, problems: list[str]) -> QTableWidgetItem:
    item = _item(text)
    if problems:
        item.setBackground(QBrush(BAD))
        item.setToolTip("\n".join(problems))
    return item
