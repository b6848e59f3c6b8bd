"""The faster paths of the staff list and the start-up answer exactly as the
slower ones they replaced: the lazy model's data()/headerData() (foreign roles
answered first) against a copy of the previous code for every cell and role;
the staff list read in a thread against the same list read on the GUI's
connection, and thrown away when the data changed meanwhile; Tổng quan's
scrollbar width from the scrollbar's hint against the style's metric."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStyle

from desktop_app.services import people, records
from ui.lazy_model import ID_ROLE, RIGHT
from ui.staff_table_model import BATCH, StaffTableModel

NAMES = ("Nguyễn Thị Hằng", "Trần Văn Đức", "Lê Thu Phương", "Phạm Hằng Nga", "Đỗ Văn Hằng", "Bùi Anh")


def _old_data(model, index, role=int(Qt.ItemDataRole.DisplayRole)):
    """LazyIdModel.data before this change, verbatim but for the names of its constants."""
    if not index.isValid() or index.row() >= model.loaded:
        return None
    row_id = model.ids[index.row()]
    if role == int(Qt.ItemDataRole.DisplayRole) or role == int(Qt.ItemDataRole.ToolTipRole):
        return model.cell_text(model.cache.get(row_id) or {}, index.column())
    if role == int(Qt.ItemDataRole.TextAlignmentRole):
        return RIGHT if index.column() in model.numeric else None
    if role == int(Qt.ItemDataRole.ForegroundRole):
        return model.row_colour(model.cache.get(row_id) or {})
    if role == ID_ROLE:
        return row_id
    return None


def _old_header(model, section, orientation, role=Qt.ItemDataRole.DisplayRole):
    if orientation == Qt.Orientation.Horizontal and 0 <= section < len(model.headers):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return model.headers[section]
    elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
        return str(section + 1)
    return None


def _people(ctx, unit_id, count):
    with ctx.db.atomic():
        for i in range(count):
            name = f"{NAMES[i % len(NAMES)]} {i:03d}"
            left = "2024-06-30" if i % 7 == 0 else None
            records.create(ctx, "person", {"full_name": name, "unit_id": unit_id, "left_on": left,
                                           "cccd": f"0010{i:08d}", "birth_date": f"{1970 + i % 30}-03-04",
                                           "coefficient": 2.34 + i % 5, "recruited_on": "2020-01-01"})


def test_lazy_model_answers_every_cell_and_role_as_before(ctx, unit_id):
    _people(ctx, unit_id, 40)
    model = StaffTableModel(ctx)
    model.set_filter(people.StaffFilter(status="tat_ca"))
    roles = [*range(0, 40), ID_ROLE, ID_ROLE + 1, Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole]
    indexes = [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())]
    indexes += [QModelIndex(), model.index(model.rowCount() + 3, 0)]
    for index in indexes:
        for role in roles:
            assert model.data(index, role) == _old_data(model, index, role), (index.row(), role)
        assert model.data(index) == _old_data(model, index)
    greyed = [model.data(model.index(r, 0), Qt.ItemDataRole.ForegroundRole) for r in range(model.rowCount())]
    assert greyed.count(Qt.GlobalColor.darkGray) == 6  # the people who left are there, in grey
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        for section in (-1, 0, 3, len(model.headers) - 1, len(model.headers), 250):
            for role in roles:
                assert model.headerData(section, orientation, role) == _old_header(
                    model, section, orientation, role)
            assert model.headerData(section, orientation) == _old_header(model, section, orientation)


@pytest.mark.parametrize("f", [
    people.StaffFilter(), people.StaffFilter(status="tat_ca"), people.StaffFilter(status="da_nghi"),
    people.StaffFilter(text="hang"), people.StaffFilter(text="van", age_band="30_50"),
    people.StaffFilter(text="00100000001", status="tat_ca")])
def test_the_list_read_in_a_thread_is_the_list_read_here(ctx, unit_id, f):
    _people(ctx, unit_id, BATCH + 40)
    here = people.Roster(ctx).ids(f)
    roster = people.Roster(ctx)
    roster.prefetch(f)
    assert roster._prefetch is not None  # a thread of its own is reading it
    assert roster.ids(f) == here
    assert roster._prefetch is None and roster.ready(f)


def test_a_list_read_before_a_write_is_thrown_away(ctx, unit_id):
    _people(ctx, unit_id, 30)
    roster = people.Roster(ctx)
    f = people.StaffFilter(text="hang")
    roster.prefetch(f)
    roster._prefetch[1].join()
    records.create(ctx, "person", {"full_name": "Hoàng Thị Hằng", "unit_id": unit_id})
    assert roster.ids(f) == people.Roster(ctx).ids(f)
    assert len(roster.ids(f)) == 1 + len([i for i in range(30) if "Hằng" in NAMES[i % len(NAMES)]
                                          and i % 7 != 0])


def test_the_staff_page_reads_its_whole_list_in_the_background(qtbot, ctx, unit_id):
    from ui.staff_page import StaffPage

    _people(ctx, unit_id, BATCH + 60)  # a seventh have left: still more than one batch working
    page = StaffPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert not page.model.complete and page.model.rowCount() == BATCH  # the first screen only
    qtbot.waitUntil(lambda: page.model.roster._prefetch is not None)
    page.model.fetchMore(QModelIndex())  # scrolling down takes the list read meanwhile
    assert page.model.complete and page.model.ids == people.Roster(ctx).ids(page.current_filter())


def test_dashboard_scrollbar_width_is_the_styles_metric(qtbot, ctx):
    from ui.dashboard_page import DashboardPage

    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.show()
    hinted = page.scroll.verticalScrollBar().sizeHint().width()
    assert hinted == page.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    margins = page.body.contentsMargins()
    assert page._usable_width() == (page.width() - 2 * page.scroll.frameWidth() - hinted
                                    - margins.left() - margins.right())

