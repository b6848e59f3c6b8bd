"""Tổng quan: cards show each target's figures and status colour, warnings
open their unit, the models pass qtmodeltester, charts paint."""

from desktop_app.services import records
from desktop_app.services.targets import DAT
from ui import target_style
from ui.dashboard_page import DashboardPage


def test_cards_warnings_and_forecast(qtbot, qtmodeltester, ctx, units):
    for uid, n in ((units["TH01"], 10), (units["TH02"], 10)):
        records.create(ctx, "quota", {"unit_id": uid, "year": 2021, "nsnn": n})
        records.create(ctx, "quota", {"unit_id": uid, "year": 2026, "nsnn": n - 1})
    records.create(ctx, "person", {"full_name": "Trần Văn Già", "birth_date": "1966", "gender": "nam",
                                   "unit_id": units["TH01"], "recruited_on": "01/09/1990",
                                   "pay_source": "NSNN", "employment_kind": "VIEN_CHUC"})
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    assert page.busy.text() == "Đang tính…"  # computed off the GUI thread
    qtbot.waitUntil(lambda: page.data is not None, timeout=30000)
    staff = page.cards[1]
    assert staff.status.text() == f"Trạng thái: {DAT}"
    assert target_style.colours(DAT, 1.0)[0] in staff.status.styleSheet()
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


def test_recomputes_off_the_gui_thread_only_when_data_changed(qtbot, ctx, units):
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.data is not None, timeout=30000)
    first = page.data
    page.refresh()  # nothing changed: no new computation
    assert page._running is None and page.data is first and page.busy.text() == ""
    records.create(ctx, "quota", {"unit_id": units["TH01"], "year": 2021, "nsnn": 30})
    with qtbot.waitSignal(page.computed, timeout=30000):
        page.refresh()
        assert page.busy.text() == "Đang tính…"
    assert page.data is not first
    assert page.charts[1].values[2021] == 30.0


def test_a_target_due_later_is_under_way_with_its_trajectory_not_red(qtbot, ctx, units):
    """2030 target (−10 % from 2026) in 2026 with nothing cut yet: «đang thực hiện», blue, with
    how much is left; the chart draws the target; bar labels stay readable; colours are graded."""
    from desktop_app.services.targets import CHUA_DAT, DANG_THUC_HIEN

    for uid in (units["TH01"], units["TH02"]):
        records.create(ctx, "quota", {"unit_id": uid, "year": 2021, "nsnn": 10})
        records.create(ctx, "quota", {"unit_id": uid, "year": 2026, "nsnn": 10})
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.data is not None, timeout=30000)
    late = next(c for c, t in zip(page.cards, page.data.targets, strict=False)
                if t.code == "GIAM_BC_NSNN_2030")
    target = next(t for t in page.data.targets if t.code == "GIAM_BC_NSNN_2030")
    assert target.status == CHUA_DAT and target.state == DANG_THUC_HIEN  # the CLI's status is unchanged
    assert late.status.text() == f"Trạng thái: {DANG_THUC_HIEN}"
    assert "Còn phải giảm: <b>2 người</b>" in late.lines.text()  # 20 → at most 18 by 31/12/2030
    red = target_style.colours(CHUA_DAT, 0.0)[0]
    assert red not in late.status.styleSheet()
    assert page.charts[1].goals == {2026: 18.0, 2030: 18.0}
    assert not page.empty.isVisible()
    shades = {target_style.colours(CHUA_DAT, p) for p in (0.97, 0.6, 0.11)}
    assert len(shades) == 3  # 97 %, 60 % and 11 % are not the same red
    for state in ("đạt", "chưa đạt", "chưa đủ số liệu", DANG_THUC_HIEN):
        for progress in (0.0, 0.3, 0.6, 0.95, 1.0):
            bar = target_style.colours(state, progress)[1]
            assert target_style.contrast(bar, target_style.TEXT) >= 4.5, (state, progress)


def test_an_empty_data_file_says_what_to_do_first(qtbot, ctx):
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=30000)
    assert page.empty.isVisible() and "Nhập dữ liệu" in page.empty.text()
