"""Helpers shared by the GUI tests: sample units, typing any text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

UNITS = (
    {"code": "TH01", "name": "Trường Tiểu học Phúc Đồng", "field": "TH", "classes": 20, "pupils": 700},
    {"code": "TH02", "name": "Trường Tiểu học Ngọc Thụy", "field": "TH", "classes": 24, "pupils": 860},
    {"code": "MN01", "name": "Trường Mầm non Hoa Sữa", "field": "MN", "classes": 12, "pupils": 350},
    {"code": "THCS1", "name": "Trường Trung học cơ sở Phúc Đồng", "field": "THCS", "deputies": 2},
    {"code": "YT01", "name": "Trạm Y tế phường Phúc Đồng", "field": "YTE"},
    {"code": "VH01", "name": "Nhà văn hóa phường", "field": "VHTTDL", "status": "sap_nhap"},
)


def type_text(widget, text: str) -> None:
    """Type any text, one character at a time as an input method does
    (QTest.keyClicks aborts the process on non-ASCII characters)."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)
