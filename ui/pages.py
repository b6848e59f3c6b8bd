"""The pages of the main window, in SPEC §10 order: (key, title, factory).

Another branch adds its page by replacing the placeholder factory on its
line. A factory takes the Context and returns the page widget. Pages may
offer ``focus_search``, ``new_record`` and ``save_record`` (Ctrl+F/N/S).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.context import Context


class PlaceholderPage(QWidget):
    """A page not built yet: says so and what it will do."""

    def __init__(self, ctx: Context, title: str, purpose: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        notice = QLabel("Chức năng đang được xây dựng.")
        notice.setStyleSheet("color: #8a5a00; font-weight: bold;")
        text = QLabel(purpose)
        text.setWordWrap(True)
        for widget in (heading, notice, text):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)


def _placeholder(title: str, purpose: str) -> Callable[[Context], QWidget]:
    return partial(_make_placeholder, title=title, purpose=purpose)


def _make_placeholder(ctx: Context, title: str, purpose: str) -> QWidget:
    return PlaceholderPage(ctx, title, purpose)


def _packages(ctx: Context) -> QWidget:
    from ui.packages_page import PackagesPage

    return PackagesPage(ctx)


def _units(ctx: Context) -> QWidget:
    from ui.units_page import UnitsPage

    return UnitsPage(ctx)


def _staff(ctx: Context) -> QWidget:
    from ui.staff_page import StaffPage

    return StaffPage(ctx)


def _audit(ctx: Context) -> QWidget:
    from ui.audit_page import AuditPage

    return AuditPage(ctx)


def _dashboard(ctx: Context) -> QWidget:
    from ui.dashboard_page import DashboardPage

    return DashboardPage(ctx)


def _events(ctx: Context) -> QWidget:
    from ui.events_page import EventsPage

    return EventsPage(ctx)


def _positions(ctx: Context) -> QWidget:
    from ui.positions_page import PositionsPage

    return PositionsPage(ctx)


def _quotas(ctx: Context) -> QWidget:
    from ui.quotas_page import QuotasPage

    return QuotasPage(ctx)


def _tinh_gian(ctx: Context) -> QWidget:
    from ui.tinh_gian_page import TinhGianPage

    return TinhGianPage(ctx)


def _finance(ctx: Context) -> QWidget:
    from ui.finance_page import FinancePage

    return FinancePage(ctx)


def _import(ctx: Context) -> QWidget:
    from ui.import_page import ImportPage

    return ImportPage(ctx)


def _reports(ctx: Context) -> QWidget:
    from ui.reports_page import ReportsPage

    return ReportsPage(ctx)


def _settings(ctx: Context) -> QWidget:
    from ui.settings_page import SettingsPage

    return SettingsPage(ctx)


PAGES: list[tuple[str, str, Callable[[Context], QWidget]]] = [
    ("dashboard", "Tổng quan", _dashboard),
    ("units", "Đơn vị", _units),
    ("positions", "Vị trí việc làm", _positions),
    ("quotas", "Biên chế", _quotas),
    ("staff", "Nhân sự", _staff),
    ("events", "Sắp xếp", _events),
    ("tinh_gian", "Tinh giản", _tinh_gian),  # issue #20
    ("finance", "Tự chủ & kinh phí", _finance),
    ("reports", "Báo cáo", _reports),
    ("import", "Nhập dữ liệu", _import),
    ("packages", "Gói dữ liệu", _packages),
    ("audit", "Nhật ký", _audit),
    ("settings", "Cài đặt", _settings),
]
