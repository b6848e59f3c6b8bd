"""A painted line chart of one yearly series (QPainter; no QtCharts, no web
view): years on the horizontal axis, the value on the vertical, Vietnamese
axis labels, numbers with Vietnamese separators, the target year marked."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app import vntext

_LINE, _GRID, _MARK = QColor("#1f5fa8"), QColor("#d9d9d9"), QColor("#c0392b")


class TrendChart(QWidget):
    def __init__(self, title: str, measure: str, first: int = 2016, last: int = 2030,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.title, self.measure, self.first, self.last = title, measure, first, last
        self.values: dict[int, float] = {}
        self.mark_year: int | None = 2026
        self.setMinimumSize(QSize(320, 200))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_values(self, values: dict[int, float]) -> None:
        self.values = {y: v for y, v in values.items() if self.first <= y <= self.last}
        self.update()

    def _scale(self) -> tuple[float, float]:
        top = max(self.values.values(), default=0.0)
        top = top * 1.1 if top > 0 else 1.0
        return 0.0, top

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        fm = p.fontMetrics()
        left, right = fm.horizontalAdvance("000.000") + 14, fm.horizontalAdvance("2030") // 2 + 6
        top, bottom = fm.height() * 2 + 6, fm.height() * 2 + 10
        plot = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        bold = p.font()
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(0, 2, self.width(), fm.height() + 2), Qt.AlignmentFlag.AlignHCenter, self.title)
        p.setFont(self.font())
        p.drawText(QRectF(4, fm.height() + 4, left + 80, fm.height()), Qt.AlignmentFlag.AlignLeft,
                   f"({self.measure})")
        low, high = self._scale()
        self._axes(p, plot, low, high)
        self._series(p, plot, low, high)
        p.drawText(QRectF(plot.left(), self.height() - fm.height() - 2, plot.width(), fm.height()),
                   Qt.AlignmentFlag.AlignHCenter, "Năm")
        p.end()

    def _x(self, plot: QRectF, year: int) -> float:
        return plot.left() + (year - self.first) * plot.width() / max(1, self.last - self.first)

    def _y(self, plot: QRectF, value: float, low: float, high: float) -> float:
        return plot.bottom() - (value - low) * plot.height() / (high - low)

    def _axes(self, p: QPainter, plot: QRectF, low: float, high: float) -> None:
        fm = p.fontMetrics()
        for i in range(5):
            value = low + (high - low) * i / 4
            y = self._y(plot, value, low, high)
            p.setPen(QPen(_GRID))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QPen(Qt.GlobalColor.black))
            p.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       vntext.format_number(value, 0 if high >= 10 else 1))
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
