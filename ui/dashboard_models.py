"""Table models of the dashboard: the warnings (rule findings) and the
retirement forecast. Both hold computed rows, not database tables."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from desktop_app.catalogues import user_text
from desktop_app.services.check import CANH_BAO, LOI, Finding
from desktop_app.services.forecast import Forecast

SEVERITY = {LOI: ("Lỗi", QColor("#c0392b")), CANH_BAO: ("Cảnh báo", QColor("#d68910")),
            "thong_tin": ("Thông tin", QColor("#2e86c1"))}
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


class FindingsModel(QAbstractTableModel):
    HEADERS = ("Mức độ", "Nội dung", "Căn cứ")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.findings: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self.findings = list(findings)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f = self.findings[index.row()]
        label, colour = SEVERITY.get(f.severity, (f.severity, QColor("black")))
        if role == Qt.ItemDataRole.DisplayRole:
            return (label, f.message, user_text(f.source))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return colour
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return colour
        if role == Qt.ItemDataRole.ToolTipRole:
            return f.message
        if role == FINDING_ROLE:
            return f
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None


class ForecastModel(QAbstractTableModel):
    """Rows: units, then «Tổng cộng»; columns: unit, each year, total."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.forecast: Forecast | None = None

    def set_forecast(self, forecast: Forecast) -> None:
        self.beginResetModel()
        self.forecast = forecast
        self.endResetModel()

    def _years(self) -> list[int]:
        return self.forecast.years if self.forecast else []

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() or not self.forecast else len(self.forecast.units) + 1

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._years()) + 2

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.forecast is None:
            return None
        years, row, column = self._years(), index.row(), index.column()
        total_row = row == len(self.forecast.units)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        by_year = self.forecast.by_year if total_row else self.forecast.units[row].by_year
        if column == 0:
            return "Tổng cộng" if total_row else self.forecast.units[row].name
        if column <= len(years):
            return str(by_year.get(years[column - 1], 0))
        return str(sum(by_year.values()))

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        years = self._years()
        if section == 0:
            return "Đơn vị"
        return f"Năm {years[section - 1]}" if section <= len(years) else "Cộng"
