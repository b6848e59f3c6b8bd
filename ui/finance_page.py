"""The Tự chủ & kinh phí page: per unit, one row per year with nguồn thu (A),
chi thường xuyên (B) and chi NSNN; the autonomy level A/B and the group of
ND 60/2021 are computed by ``services.autonomy`` and shown read-only, live as
the clerk types. A group set by decision (group_override) needs a decision
number or a reason; the service's refusal appears under the field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.entities import FINANCE
from desktop_app.services import autonomy
from ui.child_records import ChildRecords, UnitRecordsPage
from ui.record_table_model import Column, field_columns
from ui.unit_picker import UnitPicker

LEVEL_LABEL = "Mức tự bảo đảm chi thường xuyên"
GROUP_LABEL = "Nhóm tính toán"


def level_text(a: autonomy.Autonomy) -> str:
    return f"{vntext.format_number(a.level, 2)}%" if a.level is not None else ""


def group_text(ctx: Context, a: autonomy.Autonomy) -> str:
    if a.computed is None:
        return ""
    text = ctx.catalogues.label("nhom_tu_chu", str(a.computed))
    band = autonomy.band(a.level)
    return f"{text} ({band})" if band else text


class FinancePage(UnitRecordsPage, QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.picker = UnitPicker(ctx)
        self.picker.unit_changed.connect(self._unit_changed)
        # A and B, then what they give (level, group), then the NSNN figure
        columns = field_columns(ctx, FINANCE, ["year", "revenue", "recurrent_spending"])
        columns += [Column("Mức tự chủ (%)", lambda r: level_text(autonomy.assess(r)), True, 10),
                    Column(GROUP_LABEL, lambda r: self._short_group(autonomy.assess(r).computed), width=10),
                    Column("Nhóm theo quyết định", lambda r: self._short_group(r.get("group_override")),
                           width=12)]
        columns += field_columns(ctx, FINANCE, ["nsnn_spending"])
        self.records = ChildRecords(ctx, FINANCE, columns, add_text="Thêm năm",
                                    orientation=Qt.Orientation.Horizontal)
        self.form = self.records.form
        self.computed = QLabel()
        self.computed.setWordWrap(True)
        self.computed.setObjectName("computed")
        self.computed.setStyleSheet("background: #eef3f8; padding: 6px;")
        self.form.layout().insertWidget(1, self.computed)
        for name in ("revenue", "recurrent_spending"):
            self.form.editors[name].textChanged.connect(self._recompute)
        self.form.editors["invest_self_funded"].toggled.connect(self._recompute)
        self.form.reset.connect(self._recompute)
        self.heading = QLabel("Chọn một đơn vị ở bên trái.")
        self.heading.setStyleSheet("font-size: 12pt; font-weight: bold;")
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.records, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.picker)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)  # a small window narrows the unit list too (at 150 % the
        splitter.setStretchFactor(1, 3)  # records beside the form kept 70 px)
        splitter.setSizes([300, 960])  # unit names readable without scrolling
        QVBoxLayout(self).addWidget(splitter)
        self._recompute()

    def _short_group(self, group: int | None) -> str:
        item = self.ctx.catalogues.item("nhom_tu_chu", str(group)) if group else None
        return item.get("short", item["label"]) if item else ""

    def _typed(self, name: str):
        try:
            return FINANCE.field(name).convert(self.form.editors[name].text())
        except ValueError:
            return None

    def _recompute(self, *_args) -> None:
        """Level and group from what is typed now, before it is saved."""
        row = {"revenue": self._typed("revenue"), "recurrent_spending": self._typed("recurrent_spending"),
               "invest_self_funded": self.form.editors["invest_self_funded"].isChecked()}
        a = autonomy.assess(row)
        if a.level is None:
            self.computed.setText(f"{LEVEL_LABEL}: chưa tính được (cần chi thường xuyên B lớn hơn 0).")
            return
        self.computed.setText(f"{LEVEL_LABEL} (A/B): {level_text(a)}\n"
                              f"{GROUP_LABEL}: {group_text(self.ctx, a)}")

    def _unit_changed(self, unit_id: int) -> None:
        if self.form.is_dirty() and not self.records._may_leave():
            return
        self.records.set_unit(unit_id)
        self.heading.setText(f"Tự chủ tài chính và kinh phí của {self.picker.model.names.get(unit_id, '')}")
