"""Tổng quan: target cards (baseline, now, change %, target, deadline, a
progress bar coloured by status), trend charts 2016–2030, the warnings from
the rules (double-click opens the unit or person) and the retirement
forecast. Everything comes from ``services.dash_cache.compute`` in one call (the
same result as ``dashboard.compute``, recomputing only the units written since the
last call: ≈0,1–0,2 s after an edit on a province file, bench/run.py), run off the
GUI thread by a QThreadPool worker with its own Context on the same file, and only
when ``dashboard.data_stamp`` says the data changed since the last one.
Cards and charts reflow to as many columns as the width allows (never a
horizontal scrollbar, the «Tính lại» button always in view).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QModelIndex, QThreadPool, Signal
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
from desktop_app.services import dash_cache, dashboard
from desktop_app.services.targets import DANG_THUC_HIEN, REDUCE, Target
from ui import target_style
from ui.dashboard_models import FINDING_ROLE, FindingsModel, ForecastModel
from ui.due_panel import DueCard
from ui.form_keys import WrappedLabel
from ui.ops import ContextJob
from ui.trend_chart import MIN_WIDTH as CHART_MIN_WIDTH
from ui.trend_chart import TrendChart

CARD_MIN_WIDTH = 300


def reflow(grid: QGridLayout, widgets: list[QWidget], width: int, min_width: int) -> int:
    """Lay ``widgets`` out in ``grid`` in as many equal columns of ≥ ``min_width`` as fit in
    ``width`` pixels (at least one); returns the number of columns."""
    spacing = max(0, grid.spacing())
    columns = max(1, min(len(widgets), (width + spacing) // (min_width + spacing)))
    placed = [grid.getItemPosition(grid.indexOf(w))[:2] if grid.indexOf(w) >= 0 else None for w in widgets]
    if placed == [(i // columns, i % columns) for i in range(len(widgets))]:
        return columns  # already so: resizing within the same column count costs nothing
    for widget in widgets:
        grid.removeWidget(widget)
    for i, widget in enumerate(widgets):
        grid.addWidget(widget, i // columns, i % columns)
    for column in range(grid.columnCount()):
        grid.setColumnStretch(column, 1 if column < columns else 0)
    return columns


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


EMPTY_TEXT = ("<b>Tệp dữ liệu chưa có đơn vị nào.</b> Bắt đầu bằng một trong hai cách:<br>"
              "1. Trang <b>Nhập dữ liệu</b>: nhập danh sách đơn vị, biên chế, nhân sự từ tệp Excel sẵn có "
              "(bấm «Tạo tệp mẫu…» nếu chưa có tệp);<br>"
              "2. Trang <b>Đơn vị</b>: bấm «Thêm đơn vị» (Ctrl+N) và gõ từng đơn vị, rồi trang "
              "<b>Biên chế</b> và <b>Nhân sự</b>.<br>Nhấn F1 để xem hướng dẫn sử dụng.")


def empty_data(data: dashboard.Dashboard) -> bool:
    """No unit at all, ever: the figures below would all be zero."""
    units = next((t for t in data.trends if t.measure == "đơn vị"), None)
    return units is not None and not any(units.values.values())


COUNTED = ("đơn vị", "người")  # whole things: a reduction target is met at a whole number


def shown_goal(t: Target) -> float:
    """The most a reduction target allows: 142 units less 10 % is at most 127, not 127,8."""
    assert t.goal is not None
    return float(math.floor(t.goal + 1e-9)) if t.measure in COUNTED else round(t.goal, 2)


def goals_for(trend, goals: list[Target]) -> dict[int, float]:
    """Year → the value a target of the same measure asks for (a line on the chart)."""
    found = {}
    for t in goals:
        if t.kind == REDUCE and t.measure == trend.measure and t.goal is not None and t.deadline:
            found[int(t.deadline[-4:])] = shown_goal(t)
    return found


class TargetCard(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(CARD_MIN_WIDTH)
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
        colour, bar = target_style.colours(t.state, t.progress)
        self.title.setText(t.label)
        self.title.setToolTip(f"Căn cứ: {t.source}" if t.source else "")
        self.status.setText(f"Trạng thái: {t.state}")
        self.status.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.bar.setValue(round(t.progress * 100))
        self.bar.setFormat(f"{round(t.progress * 100)}% chỉ tiêu")
        self.bar.setStyleSheet(f"QProgressBar {{ color: {target_style.TEXT}; text-align: center; }} "
                               f"QProgressBar::chunk {{ background-color: {bar}; }}")
        self.bar_colour = bar
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
        if t.state == DANG_THUC_HIEN and t.kind == REDUCE and t.goal is not None and t.now is not None:
            goal = shown_goal(t)
            left = max(t.now - goal, 0.0)
            lines.append(f"Còn phải giảm: <b>{_number(round(left, 2), t.measure)}</b> "
                         f"(mức cần đạt: không quá {_number(goal, t.measure)}) đến {t.deadline}")
        if t.projection is not None:
            verdict = {True: " — theo dự báo: <b>đạt</b>", False: " — theo dự báo: <b>chưa đạt</b>"}.get(
                t.projected_met, "")
            lines.append(f"Dự báo: {_number(t.projection, t.measure)} ({_pct(t.projection_change_pct)}) — "
                         f"{t.projection_label}{verdict}")
        return lines


class DashboardPage(QWidget):
    open_record = Signal(object, object)  # unit_id, person_id (either may be None)
    computed = Signal()  # a recompute has been shown

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.data: dashboard.Dashboard | None = None
        self._stamp = None  # data stamp of what is shown (or being computed)
        self._running: ContextJob | None = None
        self._again = False
        self.cards: list[TargetCard] = []
        self.charts: list[TrendChart] = []
        self.findings_model = FindingsModel(self)
        self.forecast_model = ForecastModel(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.addLayout(self._header())
        self.empty = QLabel(EMPTY_TEXT)  # an empty data file: what to do first
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("background: #fff8e1; border: 1px solid #ffcc80; padding: 8px;")
        self.empty.hide()
        self.body.addWidget(self.empty)
        self.due_card = DueCard(ctx)  # «Sắp đến hạn» (issue #19)
        self.body.addWidget(self.due_card)
        self.tinh_gian = WrappedLabel()  # hạn nộp hồ sơ tinh giản (issue #20); two lines at 150 %
        self.body.addWidget(self.tinh_gian)
        self.card_grid = QGridLayout()
        self.body.addLayout(self.card_grid)
        self.chart_grid = QGridLayout()
        self.body.addLayout(self.chart_grid)
        self.card_columns = self.chart_columns = 0
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
        self.refresh_button.clicked.connect(lambda: self.refresh(force=True))
        self.busy = QLabel("")
        row.addWidget(heading, 1)
        row.addWidget(self.busy)
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

    def _usable_width(self) -> int:
        """Width the body gets inside the scroll area, counting the vertical scrollbar as always
        there (so showing or hiding it cannot make the columns flip back and forth)."""
        margins = self.body.contentsMargins()
        # The scrollbar's own width hint is the style's PM_ScrollBarExtent; asking the style
        # from Python would load PySide's QStyle class (≈ 10 ms of every start-up).
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        return self.width() - 2 * self.scroll.frameWidth() - bar - margins.left() - margins.right()

    def _reflow(self) -> None:
        width = self._usable_width()
        self.card_columns = reflow(self.card_grid, list(self.cards), width, CARD_MIN_WIDTH)
        self.chart_columns = reflow(self.chart_grid, list(self.charts), width, CHART_MIN_WIDTH)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._reflow()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()  # cheap when nothing changed: the stamp decides

    def records_changed(self, _kinds: frozenset[str]) -> None:
        """Any committed write: recompute when shown (when hidden, showing it does)."""
        if self.isVisible():
            self.refresh()

    def refresh(self, force: bool = False) -> None:
        """Recompute in the background if the data changed (or ``force``); the page keeps
        showing the last figures meanwhile."""
        stamp = dashboard.data_stamp(self.ctx)
        if not force and stamp == self._stamp:
            return
        if self._running is not None:
            self._again = True  # the running one may have read older data: run once more after
            return
        self._stamp, self._again = stamp, False
        self._running = ContextJob(self.ctx.path, self.ctx.today, dash_cache.compute)
        self._running.signals.done.connect(self._show)
        self._running.signals.failed.connect(self._failed)
        self.busy.setText("Đang tính…")
        self.refresh_button.setEnabled(False)
        QThreadPool.globalInstance().start(self._running)

    def _finished(self) -> None:
        self._running = None
        self.busy.setText("")
        self.refresh_button.setEnabled(True)
        if self._again:
            self.refresh(force=True)

    def _failed(self, message: str) -> None:
        self._stamp = None
        self._finished()
        self.busy.setText(f"Không tính được: {message}")

    def _show(self, data: dashboard.Dashboard) -> None:
        self.data = data
        while len(self.cards) < len(data.targets):
            self.cards.append(TargetCard())
        for card, target in zip(self.cards, data.targets, strict=False):
            card.show_target(target)
        if not self.charts:
            for trend in data.trends:
                self.charts.append(TrendChart(trend.title, trend.measure))
        self._reflow()
        for chart, trend in zip(self.charts, data.trends, strict=False):
            chart.set_values(trend.values)
            chart.set_goals(goals_for(trend, data.targets))
        self.empty.setVisible(empty_data(data))
        self.due_card.show_soon(data.due)
        lines = data.tinh_gian
        self.tinh_gian.setText("Tinh giản biên chế: " + "; ".join(lines) if lines else "")
        self.findings_model.set_findings(data.findings)
        self.forecast_model.set_forecast(data.forecast)
        header = self.findings_view.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.findings_view.setColumnWidth(0, 90)
        self.forecast_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._finished()
        self.computed.emit()

    def _activated(self, index: QModelIndex) -> None:
        finding = index.data(FINDING_ROLE)
        if finding is not None and (finding.unit_id or finding.person_id):
            self.open_record.emit(finding.unit_id, finding.person_id)
