"""Tổng quan: cards show each target's figures and status colour, warnings
open their unit, the models pass qtmodeltester, charts paint."""

from desktop_app.services import records
from desktop_app.services.targets import DAT
from ui.dashboard_page import STATUS_COLOUR, DashboardPage


def test_cards_warnings_and_forecast(qtbot, qtmodeltester, ctx, units):
    for uid, n in ((units["TH01"], 10), (units["TH02"], 10)):
        records.create(ctx, "quota", {"unit_id": uid, "year": 2021, "nsnn": n})
        records.create(ctx, "quota", {"unit_id": uid, "year": 2026, "nsnn": n - 1})
    records.create(ctx, "person", {"full_name": "Trần Văn Già", "birth_date": "1966", "gender": "nam",
                                   "unit_id": units["TH01"], "recruited_on": "01/09/1990",
                                   "pay_source": "NSNN", "employment_kind": "VIEN_CHUC"})
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    staff = page.cards[1]
    assert staff.status.text() == f"Trạng thái: {DAT}" and STATUS_COLOUR[DAT] in staff.status.styleSheet()
    assert "Mốc so sánh: <b>20 người</b>" in staff.lines.text() and "-10,00%" in staff.lines.text()
    assert staff.bar.value() == 100
    assert page.cards[3].status.text() == "Trạng thái: chưa đủ số liệu"
    qtmodeltester.check(page.findings_model)
    qtmodeltester.check(page.forecast_model)
    assert page.forecast_model.index(0, 0).data() == "Trường Tiểu học Phúc Đồng"
    row = next(i for i, f in enumerate(page.findings_model.findings) if f.rule == "DON_VI_DUOI_TOI_THIEU")
    with qtbot.waitSignal(page.open_record) as signal:
        page.findings_view.doubleClicked.emit(page.findings_model.index(row, 1))
    assert signal.args[0] == page.findings_model.findings[row].unit_id
    chart = page.charts[1]
    assert chart.values == {2021: 20.0, 2026: 18.0}
    assert not chart.grab().isNull()


def test_warning_double_click_opens_the_unit_page(main_window, ctx, units):
    main_window.show_page("dashboard")
    page = main_window.page("dashboard")
    page.open_record.emit(units["TH02"], None)
    assert main_window.stack.currentWidget() is main_window.page("units")
    units_page = main_window.page("units")
    selected = units_page.table.selectionModel().selectedRows()
    assert selected and units_page.model.id_at(selected[0].row()) == units["TH02"]
