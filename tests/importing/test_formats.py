"""Files in other shapes: legacy-font sheets (TCVN3, VNI), old .xls, CSV in
UTF-8 with BOM or in the Windows Vietnamese code page CP1258."""

import csv
import io

import xlwt
from import_fixtures import (
    FIRST_DATA_ROW,
    SUB,
    TOP,
    cp1258_encode,
    person_row,
    staff_book,
    tcvn3_encode,
    vni_encode,
)

from db import repo
from desktop_app.importing.reader import decode_csv_bytes, read_book
from desktop_app.importing.service import import_file

NAMES = ["Nguyễn Thị Hằng", "Trương Văn Đức", "Phạm Ngọc Ưng"]


def stored(ctx) -> dict[str, dict]:
    return {p["full_name"]: p for p in repo.query(ctx.db, "SELECT * FROM person")}


def test_tcvn3_sheet_by_font_name(ctx, units, tmp_path):
    rows = [person_row(i, tcvn3_encode(n), unit=tcvn3_encode("Trường Tiểu học Phúc Đồng"))
            for i, n in enumerate(NAMES, 1)]
    rows.append(person_row(4, tcvn3_encode("lê thị lụa", upper_font=True), cccd="001185000444"))
    fonts = {(r, c): ".VnTime" for r in range(3) for c in (1, 5)} | {(3, 1): ".VnTimeH"}
    path = tmp_path / "tcvn3.xlsx"
    staff_book(rows, path, fonts=fonts)
    result = import_file(ctx, "staff", path)
    assert result.ok, [str(p) for p in result.problems]
    assert result.legacy_cells == 7
    got = stored(ctx)
    assert set(got) == {*NAMES, "LÊ THỊ LỤA"}
    assert {p["unit_id"] for p in got.values()} == {units["TH01"]}


def test_vni_sheet_by_font_name(ctx, units, tmp_path):
    rows = [person_row(i, vni_encode(n), unit=vni_encode("Trường Mầm non Hoa Sen"))
            for i, n in enumerate(NAMES, 1)]
    fonts = {(r, c): "VNI-Times" for r in range(3) for c in (1, 5)}
    path = tmp_path / "vni.xlsx"
    staff_book(rows, path, fonts=fonts)
    result = import_file(ctx, "staff", path)
    assert result.ok, [str(p) for p in result.problems]
    assert set(stored(ctx)) == set(NAMES)
    assert {p["unit_id"] for p in stored(ctx).values()} == {units["MN01"]}


def test_unicode_sheet_without_legacy_fonts_is_left_alone(tmp_path):
    path = tmp_path / "plain.xlsx"
    staff_book([person_row(1, "Lê Hà")], path)  # «Lê Hà» is all Latin-1: must not be «decoded»
    sheet = read_book(path)[0]
    assert sheet.rows[FIRST_DATA_ROW - 1][1] == "Lê Hà" and sheet.legacy_cells == 0


def write_xls(rows: list[list], path) -> None:
    """An old .xls made with xlwt (test-only dependency): the same clerk layout."""
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("DS")
    ws.write_merge(0, 0, 0, len(TOP) - 1, "DANH SÁCH VIÊN CHỨC")
    for c, (top, sub) in enumerate(zip(TOP, SUB, strict=True)):
        if top and sub is None:
            ws.write_merge(2, 3, c, c, top)
        elif top:
            ws.write_merge(2, 2, c, c + 1, top)
        if sub:
            ws.write(3, c, sub)
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value, date_style if hasattr(value, "year") else xlwt.Style.default_style)
    book.save(str(path))


def test_xls_file(ctx, units, tmp_path):
    import datetime as dt

    path = tmp_path / "cu.xls"
    write_xls([person_row(1, NAMES[0], male=False, born=dt.date(1985, 3, 12), cccd=1185001234),
               person_row(2, NAMES[1], born="1979", coefficient=3.33)], path)
    result = import_file(ctx, "staff", path)
    assert result.ok, [str(p) for p in result.problems]
    assert result.layouts[0].header_rows == [3, 4]
    got = stored(ctx)
    assert (got[NAMES[0]]["birth_date"], got[NAMES[0]]["gender"]) == ("1985-03-12", "nu")
    assert got[NAMES[0]]["cccd"] == "001185001234"
    assert (got[NAMES[1]]["birth_date"], got[NAMES[1]]["coefficient"]) == ("1979", 3.33)


def csv_text(rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Họ tên", "Năm sinh", "Giới tính", "Số CCCD", "Mã đơn vị", "Hệ số lương", "Loại"])
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


ROWS = [["Nguyễn Thị Hằng", "12/03/1985", "Nữ", "001185001234", "TH01", "3,66", "A1"],
        ["Trương Văn Đức", "1979", "nam", "001179001235", "MN01", "4,98", "A1"]]


def test_csv_cp1258(ctx, units, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_bytes(cp1258_encode(csv_text(ROWS)))
    assert decode_csv_bytes(path.read_bytes()).startswith("Họ tên;")
    result = import_file(ctx, "staff", path)
    assert result.ok, [str(p) for p in result.problems]
    got = stored(ctx)
    assert set(got) == {"Nguyễn Thị Hằng", "Trương Văn Đức"}
    assert got["Trương Văn Đức"]["unit_id"] == units["MN01"]
    assert got["Nguyễn Thị Hằng"]["gender"] == "nu"


def test_csv_utf8_with_bom(ctx, units, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_bytes(b"\xef\xbb\xbf" + csv_text(ROWS).encode("utf-8"))
    result = import_file(ctx, "staff", path)
    assert result.ok and result.written == 2
    assert stored(ctx)["Nguyễn Thị Hằng"]["coefficient"] == 3.66


def test_name_split_over_two_columns_is_joined(ctx, units, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["DANH SÁCH TRÍCH NGANG"])
    ws.append(["TT", "Họ và tên đệm", "Tên", "Năm sinh", "Mã đơn vị"])
    ws.append([1, "Nguyễn Thị", "Hằng", 1985, "TH01"])
    ws.append([2, "Trương Văn", "Đức", 1979, "TH01"])
    book.save(tmp_path / "tach.xlsx")
    result = import_file(ctx, "staff", tmp_path / "tach.xlsx")
    assert result.ok, [str(p) for p in result.problems]
    assert set(stored(ctx)) == {"Nguyễn Thị Hằng", "Trương Văn Đức"}
