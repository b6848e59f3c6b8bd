"""The Vị trí việc làm page: pick a unit (accent-insensitive search), see its
job positions with cần thiết vs có mặt, edit them in the form beside the table.

The regime follows the date: a position applying from 01/07/2026 falls under
ND 232/2026 (groups quản lý / chuyên môn, nghiệp vụ / hỗ trợ, bậc 1–5), an
earlier one under ND 106/2020 (four groups, hạng I–IV and the CDNN code). The
group list and the hạng/bậc fields follow the regime chosen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.entities import POSITION
from desktop_app.services import positions
from ui.child_records import ChildRecords, UnitRecordsPage
from ui.record_table_model import Column, field_column
from ui.unit_picker import UnitPicker

_ND106_ONLY = ("title_rank", "title_code")
_ND232_ONLY = ("career_level_min", "career_level_max")


class PositionsPage(UnitRecordsPage, QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.summary = positions.Summary([])
        self.picker = UnitPicker(ctx)
        self.picker.unit_changed.connect(self._unit_changed)
        self.records = ChildRecords(ctx, POSITION, self._columns(), add_text="Thêm vị trí việc làm",
                                    orientation=Qt.Orientation.Horizontal)
        self.records.changed.connect(self._refresh_summary)
        self.form = self.records.form
        self.form.reset.connect(self._form_reset)
        self.regime: QComboBox = self.form.editors["regime"]
        self.regime.currentIndexChanged.connect(self._apply_regime)
        self.form.editors["valid_from"].editingFinished.connect(self._date_typed)
        self.heading = QLabel("Chọn một đơn vị ở bên trái.")
        self.heading.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.picker)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.totals)
        column.addWidget(self.records, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)  # a small window narrows the unit list too (at 150 % the
        splitter.setStretchFactor(1, 3)  # records beside the form kept 70 px)
        splitter.setSizes([300, 960])  # unit names readable without scrolling
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)
        self._form_reset()

    def _columns(self) -> list[Column]:
        groups = {g["code"]: g for g in self.ctx.catalogues.items("nhom_vtvl")}

        def group(row: dict) -> str:
            g = groups.get(row.get("group_code"), {})
            # «Vị trí việc làm» opens every group name: the column shows what differs
            return f"{g.get('roman', '')}. {g['label'].removeprefix('Vị trí việc làm ')}" if g else ""

        def rank(row: dict) -> str:
            if row.get("title_rank"):
                return POSITION.field("title_rank").display(row["title_rank"])
            levels = sorted({row.get("career_level_min"), row.get("career_level_max")} - {None})
            return "Bậc " + "–".join(str(x) for x in levels) if levels else ""

        field = POSITION.field
        # the figures a clerk checks come first; code and hạng/bậc after them
        return [Column(field("group_code").label, group, width=16),
                field_column(self.ctx, field("name")),
                Column("Cần thiết", lambda r: str(r.get("required_count") or 0), True, 8),
                # có mặt is read from the summary at paint time, so it follows every save
                Column("Có mặt", lambda r: str(self._present(r.get("id"))), True, 7),
                Column("Thừa (+), thiếu (-)", self._difference, True, 8),
                field_column(self.ctx, field("title_code")), Column("Hạng / bậc", rank, width=9)]

    def _present(self, position_id: int | None) -> int:
        return next((x.present for x in self.summary.lines if x.position_id == position_id), 0)

    def _difference(self, row: dict) -> str:
        difference = self._present(row.get("id")) - (row.get("required_count") or 0)
        return f"+{difference}" if difference > 0 else str(difference)

    # ------------------------------------------------------------ unit and summary
    def _unit_changed(self, unit_id: int) -> None:
        if self.records.form.is_dirty() and not self.records._may_leave():
            return
        self.summary = positions.summary(self.ctx, unit_id, self.ctx.today)
        self.records.set_unit(unit_id)
        name = self.picker.model.names.get(unit_id, "")
        self.heading.setText(f"Vị trí việc làm của {name}")
        self._show_totals()

    def _refresh_summary(self) -> None:
        if self.records.unit_id is not None:
            self.summary = positions.summary(self.ctx, self.records.unit_id, self.ctx.today)
            self.records.model.layoutChanged.emit()
            self._show_totals()

    def _show_totals(self) -> None:
        s = self.summary
        share = s.professional_share
        share_text = f"{vntext.format_number(share, 1)}%" if share is not None else "chưa có"
        self.totals.setText(
            f"{len(s.lines)} vị trí — cần thiết {vntext.format_number(s.required)} người, "
            f"có mặt {vntext.format_number(s.present)} người (tính đến "
            f"{vntext.format_date(self.ctx.today.isoformat())}). "
            f"Tỷ lệ vị trí chuyên môn, nghiệp vụ: {share_text}.")

    # ------------------------------------------------------------ regime
    def _form_reset(self) -> None:
        if self.form.record_id is None:
            self._set_regime(positions.regime_for(self.ctx.today))
            self.form.mark_clean()
        self._apply_regime()

    def _date_typed(self) -> None:
        try:
            day = vntext.to_date(vntext.parse_date(self.form.editors["valid_from"].text()))
        except ValueError:
            return  # the form shows the date problem on save
        self._set_regime(positions.regime_for(day or self.ctx.today))

    def _set_regime(self, regime: str) -> None:
        index = self.regime.findData(regime)
        if index >= 0 and index != self.regime.currentIndex():
            self.regime.setCurrentIndex(index)

    def _apply_regime(self, *_args) -> None:
        """Groups of the chosen regime; hạng for ND 106, bậc for ND 232."""
        regime = self.regime.currentData()
        combo: QComboBox = self.form.editors["group_code"]
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("", None)
        for g in positions.groups(self.ctx, regime) if regime else self.ctx.catalogues.items("nhom_vtvl"):
            combo.addItem(f"{g.get('roman', '')}. {g['label']}", g["code"])
        combo.setCurrentIndex(max(combo.findData(keep), 0) if keep else 0)
        combo.blockSignals(False)
        for name in _ND106_ONLY:
            self.form.set_field_visible(name, regime != "ND232-2026")
        for name in _ND232_ONLY:
            self.form.set_field_visible(name, regime != "ND106-2020")
