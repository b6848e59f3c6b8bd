"""The reorganisation wizard (Sắp xếp → Thêm): kind → units before → units
after (existing or new) → decision → staff moves → preview → apply with
``events.apply``. Shapes and validation stay in the service; the wizard
collects a ``Plan`` and shows the service's Vietnamese problems."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop_app.context import Context
from desktop_app.entities import EVENT, UNIT
from desktop_app.errors import ValidationError
from desktop_app.services import asof, event_views, events
from ui import vi

BUTTONS = {QWizard.WizardButton.BackButton: "Quay lại", QWizard.WizardButton.NextButton: "Tiếp theo",
           QWizard.WizardButton.FinishButton: "Hoàn tất", QWizard.WizardButton.CancelButton: "Hủy"}


def _label(entity, name: str) -> str:
    return entity.field(name).label


class EventWizard(QWizard):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.event_id: int | None = None
        self.setWindowTitle("Sắp xếp, tổ chức lại đơn vị")
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        for button, text in BUTTONS.items():
            self.setButtonText(button, text)
        self.units = asof.units_active(ctx, ctx.today)
        self.kind_page, self.before_page, self.after_page = KindPage(self), BeforePage(self), AfterPage(self)
        self.decision_page, self.moves_page, self.preview_page = DecisionPage(self), MovesPage(self), \
            PreviewPage(self)
        for page in (self.kind_page, self.before_page, self.after_page, self.decision_page,
                     self.moves_page, self.preview_page):
            self.addPage(page)
        self.resize(720, 520)

    def kind(self) -> dict:
        return self.ctx.catalogues.item("loai_su_kien", self.kind_page.combo.currentData()) or {}

    def plan(self) -> events.Plan:
        d = self.decision_page
        return events.Plan(
            self.kind().get("code", ""), d.effective.text(), before=self.before_page.chosen(),
            after=self.after_page.after(), decision={"decision_no": d.number.text() or None,
                                                     "decision_date": d.date.text() or None,
                                                     "decision_body": d.body.text() or None},
            new_value=self.after_page.new_value.text() or None, moves=self.moves_page.moves(),
            grace_years=d.grace.value() if d.grace.value() >= 0 else None,
            leave_reason="TINH_GIAN" if self.kind().get("code") == "GIAI_THE" and not self.after_page.after()
            and not self.moves_page.moves() else None)

    def reject(self) -> None:
        """«Hủy», Esc or the window's close past the first step: the plan is dropped only
        when the clerk says so."""
        if self.currentId() <= 0 or self.confirm_drop():
            super().reject()

    def confirm_drop(self) -> bool:
        """Tests replace this to answer without a modal box."""
        return vi.ask(self, "Hủy sắp xếp", "Bỏ thao tác sắp xếp đang lập? Các đơn vị đã chọn và "
                      "quyết định đã nhập sẽ không được lưu.")

    def accept(self) -> None:
        try:
            self.event_id = events.apply(self.ctx, self.plan())
        except ValidationError as exc:
            vi.error(self, "Không áp dụng được", str(exc))
            return
        super().accept()


class KindPage(QWizardPage):
    def __init__(self, wizard: EventWizard):
        super().__init__()
        self.setTitle("Bước 1: Hình thức sắp xếp")
        self.combo = QComboBox()
        for code, label in wizard.ctx.catalogues.choices("loai_su_kien"):
            self.combo.addItem(label, code)
        layout = QFormLayout(self)
        layout.addRow(_label(EVENT, "kind"), self.combo)


class BeforePage(QWizardPage):
    def __init__(self, wizard: EventWizard):
        super().__init__()
        self.w = wizard
        self.setTitle("Bước 2: Đơn vị trước sắp xếp")
        self.setSubTitle("Đánh dấu các đơn vị được sắp xếp (đang hoạt động).")
        self.list = QListWidget()
        for u in wizard.units:
            item = QListWidgetItem(f"{u['code']} — {u['name']}")
            item.setData(Qt.ItemDataRole.UserRole, u["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        QVBoxLayout(self).addWidget(self.list)

    def chosen(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]


class AfterPage(QWizardPage):
    def __init__(self, wizard: EventWizard):
        super().__init__()
        self.w = wizard
        self.setTitle("Bước 3: Đơn vị sau sắp xếp")
        self.setSubTitle("Chọn đơn vị tiếp tục hoạt động và/hoặc thêm đơn vị mới.")
        self.keep = QComboBox()
        self.code, self.name, self.new_value = QLineEdit(), QLineEdit(), QLineEdit()
        self.field = QComboBox()
        for code, label in UNIT.field("field").options(wizard.ctx.catalogues):
            self.field.addItem(label, code)
        self.add = QPushButton("Thêm đơn vị mới vào danh sách")
        self.add.clicked.connect(self._add_new)
        self.new_units: list[dict] = []
        self.new_list = QListWidget()
        layout = QFormLayout(self)
        layout.addRow("Đơn vị tiếp tục hoạt động", self.keep)
        layout.addRow(_label(UNIT, "code"), self.code)
        layout.addRow(_label(UNIT, "name"), self.name)
        layout.addRow(_label(UNIT, "field"), self.field)
        layout.addRow("", self.add)
        layout.addRow("Đơn vị mới", self.new_list)
        layout.addRow("Tên mới / cơ quan quản lý mới", self.new_value)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.keep.clear()
        self.keep.addItem("(không có)", None)
        names = {u["id"]: u["name"] for u in self.w.units}
        for uid in self.w.before_page.chosen():
            self.keep.addItem(names.get(uid, str(uid)), uid)
        if self.w.kind().get("continuing_unit") and self.keep.count() > 1:
            self.keep.setCurrentIndex(1)

    def _add_new(self) -> None:
        if self.code.text().strip() and self.name.text().strip():
            values = {"code": self.code.text().strip(), "name": self.name.text().strip(),
                      "field": self.field.currentData()}
            self.new_units.append(values)
            self.new_list.addItem(f"{values['code']} — {values['name']}")
            self.code.clear()
            self.name.clear()

    def after(self) -> list[int | dict]:
        kept = [self.keep.currentData()] if self.keep.currentData() is not None else []
        return [*kept, *self.new_units]


class DecisionPage(QWizardPage):
    def __init__(self, wizard: EventWizard):
        super().__init__()
        self.setTitle("Bước 4: Quyết định")
        self.number, self.date, self.body, self.effective = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.date, self.effective):
            edit.setPlaceholderText("dd/mm/yyyy")
        self.effective.setText(wizard.ctx.today.strftime("%d/%m/%Y"))
        self.grace = QSpinBox()
        self.grace.setRange(-1, 10)
        self.grace.setValue(-1)
        self.grace.setSpecialValueText("theo mặc định")
        layout = QFormLayout(self)
        for name, widget in (("decision_no", self.number), ("decision_date", self.date),
                             ("decision_body", self.body), ("effective_date", self.effective),
                             ("grace_years", self.grace)):
            layout.addRow(_label(EVENT, name), widget)


class MovesPage(QWizardPage):
    def __init__(self, wizard: EventWizard):
        super().__init__()
        self.w = wizard
        self.setTitle("Bước 5: Chuyển người làm việc")
        self.setSubTitle("Mọi người chuyển đến nơi mặc định; chọn người và nơi khác để chuyển riêng.")
        self.default, self.target = QComboBox(), QComboBox()
        self.people = QListWidget()
        self.people.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.assign = QPushButton("Chuyển người đã chọn đến nơi này")
        self.assign.clicked.connect(self._assign)
        self.per_person: dict[int, int | str] = {}
        layout = QFormLayout(self)
        layout.addRow("Nơi chuyển đến mặc định", self.default)
        layout.addRow("Người làm việc", self.people)
        layout.addRow(self.target, self.assign)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        targets = [(a, a) for a in self.w.after_page.after() if isinstance(a, int)]
        names = {u["id"]: u["name"] for u in self.w.units}
        choices = [(names.get(a, str(a)), a) for a, _ in targets]
        choices += [(a["name"], a["code"]) for a in self.w.after_page.after() if isinstance(a, dict)]
        for combo in (self.default, self.target):
            combo.clear()
            for label, value in choices:
                combo.addItem(label, value)
        self.people.clear()
        self.per_person.clear()
        for p in event_views.people_in(self.w.ctx, self.w.before_page.chosen()):
            item = QListWidgetItem(f"{p['full_name']} ({p['unit_name']})")
            item.setData(Qt.ItemDataRole.UserRole, p["id"])
            self.people.addItem(item)

    def _assign(self) -> None:
        for item in self.people.selectedItems():
            self.per_person[item.data(Qt.ItemDataRole.UserRole)] = self.target.currentData()
            item.setText(item.text().split(" → ")[0] + f" → {self.target.currentText()}")

    def moves(self) -> dict[int, int | str]:
        if self.default.count() > 1 and self.default.currentData() is not None:
            everyone = {self.people.item(i).data(Qt.ItemDataRole.UserRole): self.default.currentData()
                        for i in range(self.people.count())}
            return {**everyone, **self.per_person}
        return dict(self.per_person)


class PreviewPage(QWizardPage):
    def __init__(self, wizard: EventWizard):
        super().__init__()
        self.w = wizard
        self.setTitle("Bước 6: Xem trước")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        QVBoxLayout(self).addWidget(self.text)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        p = event_views.preview(self.w.ctx, self.w.plan())
        q = p["quota"]
        lines = [f"<b>Hình thức:</b> {self.w.kind().get('label', '')}",
                 f"<b>Đơn vị ngừng hoạt động:</b> {'; '.join(p['closing']) or 'không có'}",
                 f"<b>Đơn vị mới:</b> {'; '.join(p['opening']) or 'không có'}",
                 f"<b>Đơn vị tiếp tục:</b> {'; '.join(p['continuing']) or 'không có'}",
                 f"<b>Số người chuyển:</b> {p['staff']}",
                 f"<b>Số lượng người làm việc năm {p['quota_year']} cộng lại:</b> NSNN {q['nsnn']}, "
                 f"nguồn thu {q['revenue_paid']}, HĐLĐ {q['contract']}",
                 f"<b>Tổng số cấp phó các đơn vị trước:</b> {p['deputies']} (phải bố trí về đúng quy định "
                 f"trong {p['grace_years']} năm kể từ ngày hiệu lực)"]
        self.text.setText("<br>".join(lines))
