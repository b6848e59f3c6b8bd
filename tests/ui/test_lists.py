"""Lists like Excel (issue #18 §5): a header click sorts 50,000 people on the
model by the Vietnamese collation (checked here against vntext and SQL written
in the test), the filtered list exports to xlsx (read back with openpyxl), rows
copy to the clipboard tab-separated, and hidden columns and widths come back
in a new window."""

import random

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from qt_helpers import type_text

from db import bulk
from desktop_app import vntext
from desktop_app.entities import PERSON
from desktop_app.services import records
from ui.staff_table_model import COLUMNS

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
            "Ngô", "Dương", "Lý", "Âu", "Ưng", "Ông")
MIDDLES = ("Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Hữu", "Quang", "")
GIVEN = ("An", "Ân", "Anh", "Bình", "Chi", "Cúc", "Dũng", "Đức", "Giang", "Hà", "Hạ", "Hải", "Hằng", "Hoa",
         "Hòa", "Hỏa", "Lan", "Mai", "Nga", "Ngà", "Ngả", "Oanh", "Ơn", "Ước", "Yến", "Ý", "Ỷ")
UNITS = ("Trường Mầm non Hoa Sữa", "Trường Tiểu học Ái Mộ", "Trường Tiểu học Ải", "Trạm Y tế Đông Hội",
         "Trường THCS Ư", "Ban Quản lý chợ", "Trung tâm Văn hóa", "trường mầm non Bé Ngoan",
         "Đài truyền thanh")


@pytest.fixture
def many(ctx, units):
    """50,000 people through the import path (prepare_many + bulk insert)."""
    rng = random.Random(7)
    unit_ids = [records.create(ctx, "unit", {"code": f"U{i}", "name": name, "field": "TH"})
                for i, name in enumerate(UNITS)]
    def name() -> str:
        return " ".join(p for p in (rng.choice(SURNAMES), rng.choice(MIDDLES), rng.choice(GIVEN)) if p)

    rows = [{"full_name": name(),
             "unit_id": rng.choice(unit_ids), "gender": rng.choice(("nam", "nu")),
             "coefficient": rng.choice((None, "2,34", "2,67", "3,00", "4,98")),
             "birth_date": f"{rng.randint(1965, 2002)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
            for _ in range(50_000)]
    prepared = records.prepare_many(ctx, PERSON, rows)
    with ctx.db.atomic():
        bulk.insert_many(ctx.db, "person", [values for values, problems in prepared if not problems])
    return unit_ids


@pytest.fixture
def page(main_window):
    main_window.show_page("staff")
    return main_window.page("staff")


def click_header(qtbot, page, name: str) -> None:
    header = page.table.horizontalHeader()
    column = [f.name for f in COLUMNS].index(name)
    where = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
                   header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)


def listed(page) -> list[int]:
    page.model.complete_ids()
    return list(page.model.ids)


def test_header_sort_follows_the_vietnamese_collation_on_50000_people(page, qtbot, ctx, many):
    page._refilter()
    by_unit = ctx.db.conn.execute("SELECT p.id, u.name FROM person p LEFT JOIN unit u ON u.id = p.unit_id "
                                  "WHERE p.left_on IS NULL").fetchall()
    assert len(by_unit) == 50_000
    click_header(qtbot, page, "unit_id")
    expected = [i for _k, i in sorted((vntext.word_key(name), i) for i, name in by_unit)]
    assert listed(page) == expected
    click_header(qtbot, page, "unit_id")  # again: descending
    assert listed(page) == expected[::-1]
    unit_names = dict(by_unit)
    column = [f.name for f in COLUMNS].index("unit_id")
    assert page.model.index(0, column).data() == unit_names[expected[-1]]  # what the clerk sees on top

    click_header(qtbot, page, "coefficient")
    coefficients = ctx.db.conn.execute("SELECT id, coefficient FROM person").fetchall()
    filled = sorted((c, i) for i, c in coefficients if c is not None)
    assert listed(page) == [i for _c, i in filled] + sorted(i for i, c in coefficients if c is None)

    click_header(qtbot, page, "full_name")
    keys = ctx.db.conn.execute("SELECT id, full_name FROM person").fetchall()
    shown = listed(page)
    order = {i: n for i, n in keys}
    given = [vntext.word_key(order[i].split()[-1]) for i in shown]
    assert given == sorted(given)  # given name first, in the Vietnamese alphabet (Â after A, Đ after D…)
    type_text(page.search, "hằng")  # the sort holds while searching
    assert all("Hằng" in order[i] for i in listed(page)) and listed(page) == [i for i in shown if
                                                                               "Hằng" in order[i]]


def test_export_of_the_filtered_list_reads_back_cell_by_cell(page, qtbot, ctx, units, tmp_path):
    for name, unit in (("Nguyễn Thị Hằng", "TH01"), ("Trần Văn Đức", "TH02"), ("Lê Thị Hằng", "TH02")):
        records.create(ctx, "person", {"full_name": name, "unit_id": units[unit], "birth_date": "1990-02-03",
                                       "coefficient": 2.67})
    page._refilter()
    type_text(page.search, "hang")
    tools = page.list_tools
    tools.show_column([f.name for f in COLUMNS].index("cccd"), False)
    target = tmp_path / "ds.xlsx"
    tools.ask_path = lambda _name: str(target)
    tools.message = lambda _text: None
    menu = tools.menu_at(QPoint(5, 5))
    export = next(a for a in menu.actions() if a.text().startswith("Xuất danh sách"))
    export.trigger()
    sheet = load_workbook(target).active
    got = [[c.value for c in row] for row in sheet.iter_rows()]
    shown = [f for f in COLUMNS if f.name != "cccd"]
    assert got[0] == [f.label for f in shown]
    rows = ctx.db.conn.execute("SELECT p.full_name, p.birth_date, u.name FROM person p JOIN unit u "
                               "ON u.id = p.unit_id WHERE p.full_name LIKE '%Hằng' ORDER BY p.id").fetchall()
    expected = {(n, "03/02/1990", u) for n, _b, u in rows}
    index = {f.name: i for i, f in enumerate(shown)}
    assert {(r[index["full_name"]], r[index["birth_date"]], r[index["unit_id"]]) for r in got[1:]} == expected
    assert all(r[index["coefficient"]] == "2,67" for r in got[1:]) and len(got) == 3


def test_a_list_exported_over_the_data_file_or_a_folder_is_a_message(page, qtbot, ctx, units, tmp_path):
    """Input audit: the save dialog given the data file (or a folder): told, nothing written,
    no crash dialog; a name typed «=HYPERLINK(…)» is exported as text."""
    records.create(ctx, "person", {"full_name": '=HYPERLINK("http://x","y")', "unit_id": units["TH01"]})
    page._refilter()
    tools, said = page.list_tools, []
    tools.message = said.append
    data = ctx.path.read_bytes()
    for target in (ctx.path, tmp_path):
        tools.ask_path = lambda _name, target=target: str(target)
        assert tools.export() is None
    assert "tệp dữ liệu (SQLite)" in said[0] and "đó là một thư mục" in said[1]
    assert ctx.path.read_bytes() == data
    tools.ask_path = lambda _name: str(tmp_path / "ds.xlsx")
    written = tools.export()
    cells = [c for row in load_workbook(written).active.iter_rows() for c in row]
    name = next(c for c in cells if c.value == '=HYPERLINK("http://x","y")')
    assert name.data_type == "s"


def test_rows_copy_as_tab_separated_cells(page, qtbot, ctx, units):
    records.create(ctx, "person", {"full_name": "Nguyễn Thị Hằng", "unit_id": units["TH01"]})
    page._refilter()
    page.select(page.model.ids[0])
    page.list_tools.copy_rows()
    cells = QGuiApplication.clipboard().text().split("\t")
    assert cells[0] == "Nguyễn Thị Hằng" and "Trường Tiểu học Phúc Đồng" in cells


def test_hidden_columns_and_widths_are_remembered(app, qtbot, ctx, units, settings):
    from ui.main_window import MainWindow

    first = MainWindow(ctx, settings)
    qtbot.addWidget(first)
    page = first.page("staff")
    cccd = [f.name for f in COLUMNS].index("cccd")
    page.list_tools.show_column(cccd, False)
    page.table.horizontalHeader().resizeSection(0, 333)
    first.close()
    second = MainWindow(ctx, settings)
    qtbot.addWidget(second)
    header = second.page("staff").table.horizontalHeader()
    assert header.isSectionHidden(cccd) and header.sectionSize(0) == 333
