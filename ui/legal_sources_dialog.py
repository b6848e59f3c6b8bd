"""«Căn cứ pháp lý» (Trợ giúp menu, issue #21): every rule, threshold, period of a text, lương cơ
sở, form and catalogue with its legal source, effective dates and whether the source was read,
from ``desktop_app.services.legal_sources``. A filter box narrows the rows as one types (accents
optional, the reasons in the tooltips searched too); unverified rows say so, with the reason
as a tooltip."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.services import legal_sources
from desktop_app.services.rules_evaluation import short_source
from ui import vi

TITLE = "Căn cứ pháp lý"
HEADERS = ("Nội dung", "Căn cứ", "Thời gian áp dụng", "Kiểm chứng")
STATUS = {True: "Đã đối chiếu", False: "Chưa kiểm chứng", None: ""}


class LegalSourcesDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.resize(1100, 640)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Vì sao phần mềm nói như vậy: căn cứ của từng quy tắc, ngưỡng, biểu mẫu và "
                                "danh mục. Mục «Chưa kiểm chứng» cần đối chiếu văn bản trước khi dùng "
                                "chính thức."))
        self.filter = QLineEdit()
        self.filter.setObjectName("legal_filter")
        self.filter.setPlaceholderText("Lọc (tên, số văn bản, điều…)")
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)
        self.tree = QTreeWidget()
        self.tree.setObjectName("legal_tree")
        self.tree.setHeaderLabels(list(HEADERS))
        for column, width in enumerate((360, 400, 190)):
            self.tree.setColumnWidth(column, width)
        layout.addWidget(self.tree)
        buttons = vi.button_box(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill(legal_sources.entries(ctx))
        self.filter.textChanged.connect(self.apply_filter)
        self.filter.setFocus()

    def _fill(self, entries: list[legal_sources.Entry]) -> None:
        groups = {g: QTreeWidgetItem(self.tree, [g]) for g in legal_sources.GROUPS}
        for entry in entries:
            row = QTreeWidgetItem(groups[entry.group], [entry.name, short_source(entry.source), entry.dates,
                                                        STATUS[entry.verified]])
            for column in range(len(HEADERS)):
                row.setToolTip(column, "\n".join(t for t in (entry.source, entry.note) if t))
        for item in groups.values():
            item.setExpanded(True)

    def apply_filter(self, text: str) -> None:
        wanted = vntext.fold(text)
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            shown = 0
            for r in range(group.childCount()):
                row = group.child(r)
                text = " ".join([*(row.text(c) for c in range(len(HEADERS))), row.toolTip(0)])
                hit = not wanted or wanted in vntext.fold(text)
                row.setHidden(not hit)
                shown += hit
            group.setHidden(shown == 0)

    def visible_rows(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(g).child(r) for g in range(self.tree.topLevelItemCount())
                for r in range(self.tree.topLevelItem(g).childCount())
                if not self.tree.topLevelItem(g).child(r).isHidden()]


def add_legal_sources_action(window: QMainWindow, ctx: Context) -> QAction:
    """Put «Căn cứ pháp lý» in the window's «Trợ giúp» menu (made if missing)."""
    bar = window.menuBar()
    menu = next((a.menu() for a in bar.actions() if a.text().replace("&", "") == "Trợ giúp"), None)
    menu = menu or bar.addMenu("&Trợ giúp")
    action = QAction(TITLE, window)
    action.setObjectName("legal_sources_action")
    action.triggered.connect(lambda: LegalSourcesDialog(ctx, window).exec())
    menu.addAction(action)
    return action
