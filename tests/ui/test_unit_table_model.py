"""The unit table model: passes Qt's model tester, loads lazily in batches,
shows labels instead of codes, sorts through the service."""

from PySide6.QtCore import QModelIndex, Qt

from desktop_app.services import records
from ui.unit_table_model import BATCH, COLUMNS, ID_ROLE, UnitTableModel


def _many(ctx, count):
    with ctx.db.atomic():
        for i in range(count):
            records.create(ctx, "unit", {"code": f"U{i:04d}", "name": f"Trường Tiểu học số {i:04d}",
                                         "field": "TH" if i % 2 else "MN", "pupils": i})


def test_model_passes_the_qt_model_tester(qtmodeltester, ctx):
    _many(ctx, BATCH + 30)
    model = UnitTableModel(ctx)
    qtmodeltester.check(model)
    model.sort(COLUMNS.index(next(f for f in COLUMNS if f.name == "field")), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_rows_arrive_in_batches(ctx):
    _many(ctx, BATCH + 30)
    model = UnitTableModel(ctx)
    assert model.rowCount() == BATCH and model.canFetchMore(QModelIndex())
    assert len(model.cache) == BATCH  # rows beyond the first batch are not read yet
    model.fetchMore(QModelIndex())
    assert model.rowCount() == BATCH + 30 and not model.canFetchMore(QModelIndex())


def test_cells_show_labels_and_header_shows_field_labels(ctx, unit_id):
    model = UnitTableModel(ctx)
    labels = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert labels == [f.label for f in COLUMNS]
    field = next(i for i, f in enumerate(COLUMNS) if f.name == "field")
    pupils = next(i for i, f in enumerate(COLUMNS) if f.name == "pupils")
    assert model.index(0, field).data() == "Tiểu học"
    assert model.index(0, pupils).data() == "700"
    assert model.index(0, 0).data(ID_ROLE) == unit_id


def test_sort_asks_the_service_for_a_new_order(ctx):
    _many(ctx, 5)
    model = UnitTableModel(ctx)
    pupils = next(i for i, f in enumerate(COLUMNS) if f.name == "pupils")
    model.sort(pupils, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, pupils).data() for r in range(5)] == ["4", "3", "2", "1", "0"]
