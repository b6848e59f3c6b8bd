"""Every table model of the data-entry pages passes Qt's model tester, with
rows in it; the pages show no English with data on screen."""

from test_no_english import english_in, visible_texts

from desktop_app.entities import DIVISION, FINANCE, POSITION
from desktop_app.services import records, unit_records
from ui.quota_grid_model import QuotaGridModel
from ui.record_table_model import RecordTableModel, field_columns
from ui.unit_picker import UnitListModel


def test_record_table_model(qtmodeltester, app, ctx, units):
    for name in ("Tổ Toán", "Tổ Văn", "Tổ Tiếng Anh"):
        records.create(ctx, "division", {"unit_id": units["THCS1"], "name": name, "staff_count": 7})
    model = RecordTableModel(field_columns(ctx, DIVISION, ["name", "staff_count"]),
        lambda: unit_records.ids(ctx, "division", units["THCS1"]),
        lambda ids: unit_records.rows(ctx, "division", ids))
    qtmodeltester.check(model, force_py=True)
    assert [model.index(r, 0).data() for r in range(3)] == ["Tổ Tiếng Anh", "Tổ Toán", "Tổ Văn"]


def test_unit_list_model(qtmodeltester, app, ctx, units):
    model = UnitListModel(ctx)
    qtmodeltester.check(model, force_py=True)
    model.set_search("phuc dong")
    assert model.rowCount() == 3
    qtmodeltester.check(model, force_py=True)


def test_quota_grid_model(qtmodeltester, app, ctx, units):
    records.create(ctx, "quota", {"unit_id": units["TH01"], "year": 2026, "nsnn": 30})
    model = QuotaGridModel(ctx, 2026, lambda raw, quota_id: 0)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 5


def test_finance_columns_model(qtmodeltester, app, ctx, units):
    records.create(ctx, "finance", {"unit_id": units["YT01"], "year": 2025, "revenue": 5,
                                    "recurrent_spending": 10})
    model = RecordTableModel(field_columns(ctx, FINANCE, ["year", "revenue"]),
                             lambda: unit_records.ids(ctx, "finance", units["YT01"]),
                             lambda ids: unit_records.rows(ctx, "finance", ids))
    qtmodeltester.check(model, force_py=True)


def test_no_english_with_data(main_window, ctx, units):
    unit = units["TH01"]
    records.create(ctx, "position", {"unit_id": unit, "regime": "ND106-2020", "group_code": "CDNN_CN",
                                     "name": "Giáo viên", "required_count": 20, "title_rank": "III"})
    assert POSITION.field("title_rank").display("III") == "Hạng III"
    records.create(ctx, "finance", {"unit_id": unit, "year": 2025, "revenue": 5, "recurrent_spending": 10})
    records.create(ctx, "division", {"unit_id": unit, "name": "Tổ 1", "staff_count": 8})
    for key in ("units", "positions", "quotas", "finance"):
        main_window.show_page(key)
        page = main_window.page(key)
        if hasattr(page, "picker"):
            page.picker.select(unit)
            page.records.table.selectRow(0)
        elif key == "units":
            page.select(unit)
        assert english_in(visible_texts(main_window)) == [], key
    assert main_window.undo.undo_action.text() == "Hoàn tác"
