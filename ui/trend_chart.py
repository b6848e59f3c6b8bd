"""A painted line chart of one yearly series (QPainter; no QtCharts, no web
view): years on the horizontal axis, the value on the vertical, Vietnamese
axis labels, numbers with Vietnamese separators, the target year marked.
The unit is the vertical axis title (written upwards beside the tick labels,
so it never collides with them) and the ticks fall on round steps of 1, 2 or
5 × 10ⁿ, as a clerk would draw them by hand."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app import vntext

MIN_WIDTH = 300  # the dashboard reflows its charts to as many of these as fit side by side
_LINE, _GRID, _MARK = QColor("#1f5fa8"), QColor("#d9d9d9"), QColor("#c0392b")
_GOAL = QColor("#2e7d32")  # a target's line


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Ticks 0, step, 2·step, … just above ``top``, the step being 1, 2 or 5 × 10ⁿ so that about
    ``count`` intervals cover the data (0–156 → 0, 50, …, 200; 0–3.192 → 0, 1.000, …, 4.000)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw * (1 - 1e-9))
    intervals = math.floor(top / step + 1e-9) + 1  # strictly above the highest value: headroom
    return [round(i * step, 10) for i in range(intervals + 1)]


def tick_decimals(ticks: list[float]) -> int:
    """Decimals needed to print the tick step exactly (0 for steps ≥ 1)."""
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    return max(0, -math.floor(math.log10(step) + 1e-9))


class TrendChart(QWidget):
    def __init__(self, title: str, measure: str, first: int = 2016, last: int = 2030,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.title, self.measure, self.first, self.last = title, measure, first, last
        self.values: dict[int, float] = {}
        self.goals: dict[int, float] = {}  # year → the value a target asks for
        self.mark_year: int | None = 2026
        self.setMinimumSize(QSize(MIN_WIDTH, 200))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_values(self, values: dict[int, float]) -> None:
        self.values = {y: v for y, v in values.items() if self.first <= y <= self.last}
        self.update()

    def set_goals(self, goals: dict[int, float]) -> None:
        """Targets drawn as dashed lines from their base year to their deadline, labelled."""
        self.goals = {y: v for y, v in goals.items() if self.first <= y <= self.last}
        self.update()

    def ticks(self) -> list[float]:
        return nice_ticks(max([*self.values.values(), *self.goals.values()], default=0.0))

    def _tick_labels(self) -> list[str]:
        ticks = self.ticks()
        decimals = tick_decimals(ticks)
        return [vntext.format_number(value, decimals) for value in ticks]

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        fm = p.fontMetrics()
        ticks, labels = self.ticks(), self._tick_labels()
        # axis title (rotated), then the widest tick label, then the axis
        left = fm.height() + 8 + max(fm.horizontalAdvance(text) for text in labels) + 8
        right = fm.horizontalAdvance("2030") // 2 + 6
        top, bottom = fm.height() + 14, fm.height() * 2 + 10
        plot = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        bold = p.font()
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(0, 2, self.width(), fm.height() + 2), Qt.AlignmentFlag.AlignHCenter, self.title)
        p.setFont(self.font())
        self._axis_title(p, plot)
        low, high = ticks[0], ticks[-1]
        self._axes(p, plot, ticks, labels)
        self._goals(p, plot, low, high)
        self._series(p, plot, low, high)
        p.setPen(QPen(Qt.GlobalColor.black))  # the series left its blue pen behind
        p.drawText(QRectF(plot.left(), self.height() - fm.height() - 2, plot.width(), fm.height()),
                   Qt.AlignmentFlag.AlignHCenter, "Năm")
        p.end()

    def _x(self, plot: QRectF, year: int) -> float:
        return plot.left() + (year - self.first) * plot.width() / max(1, self.last - self.first)

    def _y(self, plot: QRectF, value: float, low: float, high: float) -> float:
        return plot.bottom() - (value - low) * plot.height() / (high - low)

    def _axis_title(self, p: QPainter, plot: QRectF) -> None:
        """The unit, written upwards along the vertical axis, centred on the plot."""
        fm = p.fontMetrics()
        p.save()
        p.translate(4, plot.center().y())
        p.rotate(-90)
        p.drawText(QRectF(-plot.height() / 2 - 40, 0, plot.height() + 80, fm.height()),
                   Qt.AlignmentFlag.AlignHCenter, self.measure)
        p.restore()

    def _axes(self, p: QPainter, plot: QRectF, ticks: list[float], labels: list[str]) -> None:
        fm = p.fontMetrics()
        low, high = ticks[0], ticks[-1]
        for value, text in zip(ticks, labels, strict=True):
            y = self._y(plot, value, low, high)
            p.setPen(QPen(_GRID))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QPen(Qt.GlobalColor.black))
            p.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        step = 2 if plot.width() < 40 * (self.last - self.first) else 1
        for year in range(self.first, self.last + 1, step):
            x = self._x(plot, year)
            p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            p.drawText(QRectF(x - 20, plot.bottom() + 5, 40, fm.height()), Qt.AlignmentFlag.AlignHCenter,
                       str(year))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        p.drawLine(plot.bottomLeft(), plot.topLeft())
        if self.mark_year and self.first <= self.mark_year <= self.last:
            x = self._x(plot, self.mark_year)
            p.setPen(QPen(_MARK, 1, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))

    def _goals(self, p: QPainter, plot: QRectF, low: float, high: float) -> None:
        fm = p.fontMetrics()
        p.setPen(QPen(_GOAL, 1.5, Qt.PenStyle.DashLine))
        for year, value in sorted(self.goals.items()):
            y = self._y(plot, value, low, high)
            start = self._x(plot, max(self.first, year - 4))
            p.drawLine(QPointF(start, y), QPointF(self._x(plot, year), y))
            text = f"chỉ tiêu {year}: {vntext.format_number(value, 0 if value == int(value) else 2)}"
            width = fm.horizontalAdvance(text) + 4  # right-aligned on the deadline, inside the plot
            left = max(plot.left() + 2, min(self._x(plot, year), plot.right()) - width)
            p.drawText(QRectF(left, y + 2, width, fm.height()), Qt.AlignmentFlag.AlignRight, text)

    def _series(self, p: QPainter, plot: QRectF, low: float, high: float) -> None:
        points = [QPointF(self._x(plot, y), self._y(plot, v, low, high))
                  for y, v in sorted(self.values.items())]
        p.setPen(QPen(_LINE, 2))
        for a, b in zip(points, points[1:], strict=False):
            p.drawLine(a, b)
        p.setBrush(_LINE)
        for pt in points:
            p.drawEllipse(pt, 3, 3)
        if not points:
            p.setPen(QPen(Qt.GlobalColor.gray))
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, "Chưa có số liệu")
