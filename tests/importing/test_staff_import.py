"""Importing a clerk's staff sheet: header below titles, merged two-row header,
Nam/Nữ birth-date columns, dates and numbers typed many ways, footer rows."""


import pytest
from import_fixtures import FIRST_DATA_ROW, content_hash, person_row, staff_book, varied_rows

from db import repo
from desktop_app.entities import PERSON
from desktop_app.importing.layout import detect
from desktop_app.importing.reader import read_book
from desktop_app.importing.service import import_file, preview


def people(ctx) -> dict[str, dict]:
    return {p["full_name"]: p for p in repo.query(ctx.db, "SELECT * FROM person")}


def test_layout_of_a_clerk_sheet(tmp_path):
    path = tmp_path / "ds.xlsx"
    staff_book(varied_rows(), path)
    lay = detect(read_book(path)[0], PERSON)
    assert lay.header_rows == [4, 5]
    assert lay.data_start + 1 == FIRST_DATA_ROW  # the «(1) (2) …» row is skipped
    by_letter = {c.letter: (c.field, c.gender) for c in lay.columns}
    assert by_letter["A"] == (None, None)
    assert by_letter["B"] == ("full_name", None)
    assert by_letter["C"] == ("birth_date", "nam")
    assert by_letter["D"] == ("birth_date", "nu")
    assert by_letter["E"] == ("cccd", None)
    assert by_letter["F"] == ("unit_id", None)
    assert by_letter["H"] == ("coefficient", None)
    assert lay.column("D").header == "Ngày sinh / Nữ"


def test_import_converts_every_way_a_clerk_types(ctx, units, tmp_path):
    path = tmp_path / "ds.xlsx"
    staff_book(varied_rows(), path)
    result = import_file(ctx, "staff", path)
    assert result.ok, [str(p) for p in result.problems]
    assert result.written == 5
    got = people(ctx)
    hung = got["Nguyễn Văn Hùng"]
    assert (hung["birth_date"], hung["gender"], hung["unit_id"]) == ("1980-05-17", "nam", units["TH01"])
    anh = got["Trần Thị Ngọc Ánh"]  # NFD in the file, NFC in the database
    assert (anh["birth_date"], anh["gender"], anh["coefficient"]) == ("1985-03-12", "nu", 4.98)
    assert got["Lê Văn Tám"]["birth_date"] == "1970"
    hoa = got["Phạm Thị Hoa"]
    assert (hoa["birth_date"], hoa["gender"], hoa["coefficient"]) == ("1990-07-05", "nu", 2.67)
    assert hoa["unit_id"] == units["TH01"]  # resolved by accent-insensitive name
    quan = got["Đỗ Minh Quân"]
    assert (quan["birth_date"], quan["cccd"], quan["unit_id"]) == ("1975-03", "001185000099", units["MN01"])
    assert hung["salary_class"] == "A1" and hung["employment_kind"] == "VIEN_CHUC"
    assert hung["pay_source"] == "NSNN" and hung["recruited_on"] == "2010-09-01"
    assert hung["name_key"] == "nguyen van hung" and hung["retire_on"]


def test_footer_rows_are_skipped_and_reported(ctx, units, tmp_path):
    path = tmp_path / "ds.xlsx"
    staff_book(varied_rows(), path)
    result = import_file(ctx, "staff", path, dry_run=True)
    reasons = {s.row: s.reason for s in result.skipped}
    total_row = FIRST_DATA_ROW + 5
    assert reasons[total_row] == "dòng tổng cộng"
    assert reasons[total_row + 2] == reasons[total_row + 3] == reasons[total_row + 4] == \
        "phần ghi chú, chữ ký"
    assert result.rows == 5


def test_assignment_and_audit_rows_for_each_imported_person(ctx, units, tmp_path):
    path = tmp_path / "ds.xlsx"
    staff_book(varied_rows(), path)
    import_file(ctx, "staff", path)
    ids = [p["id"] for p in people(ctx).values()]
    posts = repo.query(ctx.db, "SELECT * FROM assignment")
    assert sorted(p["person_id"] for p in posts) == sorted(ids)
    assert {p["change"] for p in posts} == {"tuyen_dung"}
    hung = people(ctx)["Nguyễn Văn Hùng"]
    post = next(p for p in posts if p["person_id"] == hung["id"])
    assert (post["valid_from"], post["unit_id"], post["coefficient"]) == ("2010-09-01", hung["unit_id"], 3.66)
    audit = repo.query(ctx.db, "SELECT * FROM audit WHERE action = 'nhap'")
    assert sorted(a["entity_id"] for a in audit) == sorted(ids)
    assert all(a["entity"] == "person" and "ds.xlsx" in a["new"] for a in audit)


def test_dry_run_writes_nothing(ctx, units, tmp_path, db_path):
    path = tmp_path / "ds.xlsx"
    staff_book(varied_rows(), path)
    before = content_hash(db_path)
    result = import_file(ctx, "staff", path, dry_run=True)
    assert result.ok and result.rows == 5 and result.written == 0
    assert content_hash(db_path) == before


def test_duplicates_in_file_and_in_database_are_reported_never_doubled(ctx, units, tmp_path, db_path):
    rows = varied_rows()
    rows.append(person_row(6, "Người Trùng CCCD", cccd=rows[0][4]))
    rows.append(person_row(7, "Lê Văn Tám", born=1970, cccd="001185009999"))
    path = tmp_path / "ds.xlsx"
    staff_book(rows, path)
    before = content_hash(db_path)
    result = import_file(ctx, "staff", path)
    found = {(p.row, p.column, p.field): p.message for p in result.problems}
    assert found == {
        (FIRST_DATA_ROW + 5, "E", "cccd"): f"Số CCCD trùng với dòng {FIRST_DATA_ROW}.",
        (FIRST_DATA_ROW + 6, "B", "full_name"):
            f"Họ tên, ngày sinh và đơn vị trùng với dòng {FIRST_DATA_ROW + 2}.",
    }
    assert content_hash(db_path) == before
    staff_book(varied_rows(), path)
    assert import_file(ctx, "staff", path).ok
    again = import_file(ctx, "staff", path)
    messages = {(p.row, p.field): p.message for p in again.problems}
    assert "đã có ở hồ sơ" in messages[(FIRST_DATA_ROW, "cccd")]
    assert len(people(ctx)) == 5


def test_same_person_already_stored_is_reported(ctx, units, tmp_path):
    path = tmp_path / "ds.xlsx"
    staff_book([person_row(1, "Lê Văn Tám", born=1970)], path)
    assert import_file(ctx, "staff", path).ok
    staff_book([person_row(1, "Lê Văn Tám", born=1970, cccd="001185000777")], path)
    result = import_file(ctx, "staff", path)
    assert [(p.field, p.message) for p in result.problems] == [
        ("full_name", "đã có người cùng họ tên, ngày sinh và đơn vị trong dữ liệu.")]


def test_unit_option_fills_a_file_of_one_unit(ctx, units, tmp_path):
    path = tmp_path / "ds.xlsx"
    staff_book(varied_rows(), path, drop=5)  # no unit column
    result = import_file(ctx, "staff", path, unit="MN01")
    assert result.ok, [str(p) for p in result.problems]
    assert {p["unit_id"] for p in people(ctx).values()} == {units["MN01"]}
    missing = import_file(ctx, "staff", path)
    assert [p.message for p in missing.problems] == ["không có cột «Đơn vị» (bắt buộc)."]


def test_mapping_can_be_corrected_before_import(ctx, units, tmp_path):
    path = tmp_path / "ds.xlsx"
    staff_book(varied_rows(), path)
    plan = preview("staff", path)
    lay = plan.layouts[0]
    lay.assign("H", None)  # the clerk says: do not take the coefficient column
    restored = type(lay).from_dict(lay.to_dict())
    result = import_file(ctx, "staff", path, layouts=[restored])
    assert result.ok
    assert {p["coefficient"] for p in people(ctx).values()} == {None}


def test_progress_and_cancel(ctx, units, tmp_path, db_path):
    import threading

    path = tmp_path / "ds.xlsx"
    staff_book(varied_rows(), path, footer=False)  # the total is the sheet's rows under the header
    seen = []
    import_file(ctx, "staff", path, dry_run=True, progress=lambda d, t, s: seen.append((d, t, s)))
    assert seen and seen[0][1] == 5 and "Danh sách" in seen[0][2]
    before = content_hash(db_path)
    stop = threading.Event()
    stop.set()
    from desktop_app.importing.service import ImportCancelled
    with pytest.raises(ImportCancelled):
        import_file(ctx, "staff", path, cancel=stop)
    assert content_hash(db_path) == before


def test_birth_date_in_both_nam_and_nu_is_a_problem(ctx, units, tmp_path):
    row = person_row(1, "Lê Văn Tám")
    row[3] = "01/01/1980"
    path = tmp_path / "ds.xlsx"
    staff_book([row], path)
    result = import_file(ctx, "staff", path)
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (FIRST_DATA_ROW, "C", "ghi ngày sinh ở cả cột Nam và cột Nữ.")]


def test_a_file_without_a_header_and_an_unknown_unit_option(ctx, units, tmp_path):
    from openpyxl import Workbook

    from desktop_app.errors import ValidationError

    book = Workbook()
    book.active.append(["Bảng chấm công", "tháng 11"])
    book.save(tmp_path / "khac.xlsx")
    with pytest.raises(ValidationError, match="không tìm thấy dòng tiêu đề"):
        import_file(ctx, "staff", tmp_path / "khac.xlsx")
    staff_book(varied_rows(), tmp_path / "ds.xlsx")
    with pytest.raises(ValidationError, match="--unit: không có đơn vị «XX99»"):
        import_file(ctx, "staff", tmp_path / "ds.xlsx", unit="XX99")


def test_errors_workbook_from_a_csv_input(ctx, units, tmp_path):
    import openpyxl

    from desktop_app.importing.errors_book import write_errors

    path = tmp_path / "ds.csv"
    path.write_text("Họ tên;Ngày sinh;Mã đơn vị\nLê Văn Tám;31/02/1980;TH01\n=cmd;1980;TH01\n", "utf-8")
    result = import_file(ctx, "staff", path)
    assert [(p.row, p.column) for p in result.problems] == [(2, "B")]
    write_errors(path, result.problems, tmp_path / "loi.xlsx")
    book = openpyxl.load_workbook(tmp_path / "loi.xlsx")
    assert book.sheetnames == ["Lỗi", "ds"]
    assert book["ds"]["B2"].comment.text.startswith("«31/02/1980» không phải ngày có thật")
    cell = book["ds"]["A3"]
    assert (cell.value, cell.data_type) == ("=cmd", "s")  # text, never a formula
