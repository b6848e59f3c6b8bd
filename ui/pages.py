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


def _units(ctx: Context) -> QWidget:
    from ui.units_page import UnitsPage

    return UnitsPage(ctx)


def _staff(ctx: Context) -> QWidget:
    from ui.staff_page import StaffPage

    return StaffPage(ctx)


def _audit(ctx: Context) -> QWidget:
    from ui.audit_page import AuditPage

    return AuditPage(ctx)


PAGES: list[tuple[str, str, Callable[[Context], QWidget]]] = [
    ("dashboard", "Tổng quan", _placeholder("Tổng quan", "Các chỉ tiêu giảm đơn vị, giảm biên chế, tự chủ "
     "tài chính so với năm 2021, thanh tiến độ và danh sách cảnh báo.")),
    ("units", "Đơn vị", _units),
    ("positions", "Vị trí việc làm", _placeholder("Vị trí việc làm", "Danh mục vị trí việc làm của "
     "từng đơn vị theo Nghị định 106/2020 hoặc 232/2026, số lượng người làm việc cần thiết.")),
    ("quotas", "Biên chế", _placeholder("Biên chế", "Số lượng người làm việc được giao hằng năm "
     "(NSNN, nguồn thu sự nghiệp, hợp đồng lao động) so với số có mặt.")),
    ("staff", "Nhân sự", _staff),
    ("events", "Sắp xếp", _placeholder("Sắp xếp", "Sáp nhập, hợp nhất, giải thể, đổi tên… đơn vị "
     "theo Nghị định 120/2020; đóng và mở đơn vị theo ngày hiệu lực.")),
    ("finance", "Tự chủ & kinh phí", _placeholder("Tự chủ & kinh phí", "Nguồn thu, chi thường xuyên "
     "và mức tự chủ tài chính từng năm theo Nghị định 60/2021.")),
    ("reports", "Báo cáo", _placeholder("Báo cáo", "Chọn biểu mẫu, kỳ báo cáo, đơn vị; xem trước; "
     "lưu ra Excel hoặc PDF để in, ký và gửi lên cấp trên.")),
    ("import", "Nhập dữ liệu", _placeholder("Nhập dữ liệu", "Nhập đơn vị, vị trí việc làm, biên chế, "
     "nhân sự từ tệp Excel; xem trước và báo từng lỗi trước khi ghi.")),
    ("audit", "Nhật ký", _audit),
    ("settings", "Cài đặt", _placeholder("Cài đặt", "Thông tin cơ quan, chỉ tiêu, người dùng, sao lưu "
     "và khôi phục dữ liệu.")),
]
