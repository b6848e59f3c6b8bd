"""Tổng quan: target cards (baseline, now, change %, target, deadline, a
progress bar coloured by status), trend charts 2016–2030, the warnings from
the rules (double-click opens the unit or person) and the retirement
forecast. Everything comes from ``services.dashboard.compute`` in one call
(measured by bench/dashboard_bench.py: fast enough to run on the GUI thread).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.services import dashboard
from desktop_app.services.targets import DAT, REDUCE, THIEU, Target
from ui.dashboard_models import FINDING_ROLE, FindingsModel, ForecastModel
from ui.trend_chart import TrendChart

STATUS_COLOUR = {DAT: "#1e8449", THIEU: "#7f8c8d"}
NOT_MET_COLOUR = "#c0392b"


def _number(value: float | None, measure: str) -> str:
    if value is None:
        return "—"
    decimals = 0 if value == int(value) else 2
    text = vntext.format_number(value, decimals)
    return f"{text}%" if measure == "%" else f"{text} {measure}"


def _pct(value: float | None, signed: bool = True) -> str:
    if value is None:
        return "—"
    text = vntext.format_number(value, 2)
    return f"+{text}%" if signed and value > 0 else f"{text}%"


class TargetCard(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(300)
        layout = QVBoxLayout(self)
        self.title, self.status, self.lines = QLabel(), QLabel(), QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.lines.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(True)
        for widget in (self.title, self.status, self.bar, self.lines):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_target(self, t: Target) -> None:
        colour = STATUS_COLOUR.get(t.status, NOT_MET_COLOUR)
        self.title.setText(t.label)
        self.title.setToolTip(f"Căn cứ: {t.source}" if t.source else "")
        self.status.setText(f"Trạng thái: {t.status}")
        self.status.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.bar.setValue(round(t.progress * 100))
        self.bar.setFormat(f"{round(t.progress * 100)}% chỉ tiêu")
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background-color: {colour}; }}")
        self.lines.setText("<br>".join(self._lines(t)))

    @staticmethod
    def _lines(t: Target) -> list[str]:
        goal = f"giảm ≥ {vntext.format_number(t.target)}%" if t.kind == REDUCE else \
            f"≥ {vntext.format_number(t.target)}%"
        lines = []
        if t.kind == REDUCE:
            lines.append(f"Mốc so sánh: <b>{_number(t.baseline, t.measure)}</b> ({t.baseline_label})")
        now = f" ({t.now_label})" if t.now_label else ""
        lines.append(f"Hiện nay: <b>{_number(t.now, t.measure)}</b>{now}")
        if t.kind == REDUCE:
            lines.append(f"Thay đổi: <b>{_pct(t.change_pct)}</b>")
        lines.append(f"Chỉ tiêu: {goal}" + (f", hạn {t.deadline}" if t.deadline else ""))
        if t.projection is not None:
            lines.append(f"Dự báo: {_number(t.projection, t.measure)} ({_pct(t.projection_change_pct)}) — "
                         f"{t.projection_label}")
        return lines


class DashboardPage(QWidget):
    open_record = Signal(object, object)  # unit_id, person_id (either may be None)

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.cards: list[TargetCard] = []
        self.charts: list[TrendChart] = []
        self.findings_model = FindingsModel(self)
        self.forecast_model = ForecastModel(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.addLayout(self._header())
        self.card_grid = QGridLayout()
        self.body.addLayout(self.card_grid)
        self.chart_row = QHBoxLayout()
        self.body.addLayout(self.chart_row)
        self.body.addWidget(self._section("Cảnh báo (nhấp đúp để mở đơn vị, hồ sơ)"))
        self.findings_view = self._view(self.findings_model, 260)
        self.findings_view.doubleClicked.connect(self._activated)
        self.body.addWidget(self.findings_view)
        self.body.addWidget(self._section("Dự báo số người đến tuổi nghỉ hưu theo năm"))
        self.forecast_view = self._view(self.forecast_model, 220)
        self.body.addWidget(self.forecast_view)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        self.refresh()

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        heading = QLabel("Tổng quan thực hiện chỉ tiêu so với năm 2021")
        heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.refresh_button = QPushButton("Tính lại")
        self.refresh_button.clicked.connect(self.refresh)
        row.addWidget(heading, 1)
        row.addWidget(self.refresh_button)
        return row

    @staticmethod
    def _section(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-size: 12pt; font-weight: bold; margin-top: 8px;")
        return label

    @staticmethod
    def _view(model, height: int) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setMinimumHeight(height)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.setWordWrap(False)
        return view

    def refresh(self) -> None:
        data = dashboard.compute(self.ctx)
        self.data = data
        while len(self.cards) < len(data.targets):
            card = TargetCard()
            self.card_grid.addWidget(card, len(self.cards) // 4, len(self.cards) % 4)
            self.cards.append(card)
        for card, target in zip(self.cards, data.targets, strict=False):
            card.show_target(target)
        if not self.charts:
            for trend in data.trends:
                chart = TrendChart(trend.title, trend.measure)
                self.chart_row.addWidget(chart)
                self.charts.append(chart)
        for chart, trend in zip(self.charts, data.trends, strict=False):
            chart.set_values(trend.values)
        self.findings_model.set_findings(data.findings)
        self.forecast_model.set_forecast(data.forecast)
        header = self.findings_view.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.findings_view.setColumnWidth(0, 90)
        self.forecast_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _activated(self, index: QModelIndex) -> None:
        finding = index.data(FINDING_ROLE)
        if finding is not None and (finding.unit_id or finding.person_id):
            self.open_record.emit(finding.unit_id, finding.person_id)
