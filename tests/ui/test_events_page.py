"""Sắp xếp page: the wizard collects a plan that events.apply accepts, the
list shows it, revert asks and undoes it; wizard buttons are Vietnamese."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from db import repo
from ui.event_wizard import EventWizard
from ui.events_page import EventsPage


def _check(wizard, codes):
    lst = wizard.before_page.list
    for i in range(lst.count()):
        if lst.item(i).text().split(" — ")[0] in codes:
            lst.item(i).setCheckState(Qt.CheckState.Checked)


def test_wizard_merges_two_schools_and_revert_undoes(qtbot, qtmodeltester, ctx, units):
    page = EventsPage(ctx)
    qtbot.addWidget(page)
    wizard = EventWizard(ctx, page)  # owned by the page
    assert [wizard.buttonText(b) for b in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                                           QWizard.WizardButton.FinishButton,
                                           QWizard.WizardButton.CancelButton)] == [
        "Quay lại", "Tiếp theo", "Hoàn tất", "Hủy"]
    wizard.kind_page.combo.setCurrentIndex(wizard.kind_page.combo.findData("SAP_NHAP"))
    _check(wizard, {"TH01", "TH02"})
    wizard.after_page.initializePage()
    assert wizard.after_page.keep.currentData() == units["TH01"]
    wizard.decision_page.number.setText("15/QĐ-UBND")
    wizard.decision_page.effective.setText("01/08/2026")
    wizard.moves_page.initializePage()
    wizard.preview_page.initializePage()
    assert "Trường Tiểu học Ngọc Thụy" in wizard.preview_page.text.text()
    wizard.accept()
    assert wizard.event_id is not None
    page.model.reload()
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 1 and page.model.index(0, 4).data() == "Trường Tiểu học Phúc Đồng"
    assert repo.get(ctx.db, "unit", units["TH02"])["status"] == "sap_nhap"
    page.table.selectRow(0)
    page.confirm = lambda text: True
    page.revert_selected()
    assert repo.get(ctx.db, "unit", units["TH02"])["status"] == "hoat_dong"
    assert page.model.index(0, 6).data() == "Đã hoàn tác"


def test_wizard_shows_service_problems(qtbot, ctx, units, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.vi.error", lambda parent, title, text: shown.append(text))
    wizard = EventWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.kind_page.combo.setCurrentIndex(wizard.kind_page.combo.findData("SAP_NHAP"))
    _check(wizard, {"TH01"})
    wizard.after_page.initializePage()
    wizard.accept()
    assert wizard.event_id is None and "cần từ 2 trở lên đơn vị" in shown[0]


def test_escape_past_the_first_step_asks_before_dropping_the_plan(qtbot, ctx, units):
    wizard = EventWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    asked: list[int] = []
    wizard.confirm_drop = lambda: asked.append(1) or False
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # on the first step nothing is lost: it closes
    assert asked == [] and not wizard.isVisible()
    wizard.show()
    wizard.kind_page.combo.setCurrentIndex(wizard.kind_page.combo.findData("SAP_NHAP"))
    wizard.next()
    _check(wizard, {"TH01", "TH02"})
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert asked == [1] and wizard.isVisible() and wizard.before_page.chosen()
    wizard.confirm_drop = lambda: asked.append(2) or True
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert asked == [1, 2] and not wizard.isVisible()
