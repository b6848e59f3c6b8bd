"""The selected person of a tinh giản batch, edited below the list: reason, form of settlement,
years before retirement age, hand-entered amount and «tự nguyện». Choosing a row shows that
person's values — «Lưu dòng đã chọn» then changes only what the clerk changed — and a change
not yet stored is guarded like a record form (``dirty_guard.Pending``). With no row chosen the
form of settlement and «tự nguyện» are what people added from the suggestions get."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.context import Context
from ui import dirty_guard

Store = Callable[[int, dict[str, Any]], bool]  # member id, values → stored


class MemberEditor(dirty_guard.Pending, QWidget):
    guard_label = "Người trong đợt tinh giản"

    def __init__(self, ctx: Context, reason_text: Callable[[dict], str], store: Store,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.member: dict[str, Any] | None = None
        self._loaded: dict[str, Any] = {}
        self.reason = QComboBox()
        for item in ctx.catalogues.items("ly_do_tinh_gian"):
            self.reason.addItem(reason_text({"reason_code": item["code"]}), item["code"])
        self.settlement = QComboBox()
        for code, label in ctx.catalogues.choices("hinh_thuc_tinh_gian"):
            self.settlement.addItem(label, code)
        self.early = QDoubleSpinBox()
        self.early.setRange(0, 10)
        self.early.setSingleStep(0.5)
        self.manual = QSpinBox()
        self.manual.setRange(0, 2_000_000_000)
        self.manual.setSingleStep(1_000_000)
        self.manual.setGroupSeparatorShown(True)  # 103.500.000, as the list prints it
        self.voluntary = QCheckBox("Tự nguyện")
        self.voluntary.setToolTip(
            "Người mang thai, nghỉ thai sản, nuôi con dưới 36 tháng tự nguyện tinh giản"
        )
        self.save_button = QPushButton("Lưu dòng đã chọn")
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton("Bỏ khỏi đợt")
        self._lay_out()

    def _lay_out(self) -> None:
        rows = QVBoxLayout(self)  # three short rows: one long row made the window wider than the screen
        rows.setContentsMargins(0, 0, 0, 0)
        for widgets in (
            (self.reason, self.settlement),
            (QLabel("Số năm nghỉ trước tuổi"), self.early, QLabel("Nhập tay (đồng)"), self.manual,
             self.voluntary),
            (self.save_button, self.remove_button),
        ):
            row = QHBoxLayout()
            for widget in widgets:
                row.addWidget(widget)
            if widgets[0] is not self.reason:  # the two lists share the width, buttons keep theirs
                row.addStretch(1)
            rows.addLayout(row)

    def values(self) -> dict[str, Any]:
        return {"reason_code": self.reason.currentData(),
                "settlement_code": self.settlement.currentData(),
                "early_years": self.early.value() or None,
                "manual_amount": self.manual.value() or None,
                "voluntary": self.voluntary.isChecked()}

    def load(self, member: dict[str, Any] | None) -> None:
        """Show a member's stored values; None keeps the editors for people to add."""
        self.member = member
        if member is not None:
            _choose(self.reason, member.get("reason_code"))
            _choose(self.settlement, member.get("settlement_code"))
            self.early.setValue(float(member.get("early_years") or 0))
            self.manual.setValue(int(member.get("manual_amount") or 0))
            self.voluntary.setChecked(bool(member.get("voluntary")))
        self._loaded = self.values()

    # ------------------------------------------------------------ dirty_guard.Pending
    def is_dirty(self) -> bool:
        return self.member is not None and self.values() != self._loaded

    def revert(self) -> None:
        self.load(self.member)

    def save(self) -> bool | None:
        if self.member is None or not self.store(self.member["id"], self.values()):
            return None
        self._loaded = self.values()
        return True


def _choose(combo: QComboBox, code: Any) -> None:
    """Select the stored code — one not in the list is added, so a save never changes it."""
    if code is not None and combo.findData(code) < 0:
        combo.addItem(str(code), code)
    combo.setCurrentIndex(max(combo.findData(code), 0))
