"""Cells nobody expected (input audit, Dec 2026): each is refused with file, row and column,
the data file unchanged (compared statement by statement), or read exactly as a person reads it.

- a number Python's float() would take but no clerk means («nan», «inf», «1e999», «2,3,4»,
  Arabic-Indic digits) — «nan» had been stored as an empty coefficient;
- two columns of one field that disagree on a row — the second had been dropped in silence;
- a 100,000-character cell — its problem line had echoed the whole value.
"""

from __future__ import annotations

import csv
import sqlite3

import pytest
from openpyxl import Workbook
from sqldump import dump

from desktop_app.cli import run

AS_OF = ["--as-of", "01/01/2026"]




def write_csv(path, header: list[str], rows: list[list]) -> None:
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows([header, *rows])


def problem_lines(err: str, name: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith(f"tệp {name},")]


@pytest.fixture
def office(ctx, unit_id, db_path):
    ctx.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db_path


@pytest.mark.parametrize("typed", ["nan", "NaN", "inf", "1e999", "2,3,4", "\u0662,\u0665", "1_2", "2.3.4"])
def test_a_number_no_clerk_means_is_refused_at_its_cell(office, tmp_path, capsys, typed):
    path = tmp_path / "hệ số.csv"
    write_csv(path, ["Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Hệ số lương"],
              [["Nguyễn Văn An", "01/02/1980", "Nam", "TH01", "2,34"],
               ["Trần Thị Bình", "02/03/1981", "Nữ", "TH01", typed]])
    before = dump(office)
    assert run(["--db", str(office), "import", "staff", str(path), *AS_OF]) == 2
    lines = problem_lines(capsys.readouterr().err, "hệ số.csv")
    assert len(lines) == 1 and "dòng 3, cột E «Hệ số lương»" in lines[0], lines
    assert "không phải số" in lines[0]
    assert dump(office) == before


def _two_name_columns(path, second: str) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Họ và tên"])
    ws.append(["Nguyễn Văn An", "01/02/1980", "Nam", "TH01", "nguyễn văn an"])
    ws.append(["Trần Thị Bình", "02/03/1981", "Nữ", "TH01", second])
    wb.save(path)


def test_two_columns_of_one_field_that_disagree_are_a_problem(office, tmp_path, capsys):
    path = tmp_path / "trùng cột.xlsx"
    _two_name_columns(path, "Trần Thị Bích")
    before = dump(office)
    assert run(["--db", str(office), "import", "staff", str(path), *AS_OF]) == 2
    lines = problem_lines(capsys.readouterr().err, "trùng cột.xlsx")
    assert len(lines) == 1, lines  # row 2 says the same name in other case: no problem
    assert "dòng 3, cột E «Họ và tên»" in lines[0] and "cột A và cột E" in lines[0]
    assert "«Trần Thị Bình» và «Trần Thị Bích»" in lines[0]
    assert dump(office) == before


def test_two_columns_of_one_field_that_agree_import(office, tmp_path, capsys):
    path = tmp_path / "trùng cột.xlsx"
    _two_name_columns(path, "TRẦN THỊ BÌNH")
    assert run(["--db", str(office), "import", "staff", str(path), *AS_OF]) == 0, capsys.readouterr().err
    conn = sqlite3.connect(office)
    names = {r[0] for r in conn.execute("SELECT full_name FROM person")}
    conn.close()
    assert names == {"Nguyễn Văn An", "Trần Thị Bình"}  # the first column's spelling is kept


def test_a_huge_cell_is_named_not_printed_whole(office, tmp_path, capsys):
    path = tmp_path / "dài.csv"
    write_csv(path, ["Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị"],
              [["Nguyễn, " + "x" * 100_000, "01/02/1980", "Nam", "TH01"]])
    before = dump(office)
    assert run(["--db", str(office), "import", "staff", str(path), *AS_OF]) == 2
    lines = problem_lines(capsys.readouterr().err, "dài.csv")
    assert len(lines) == 1 and "dòng 2, cột A «Họ và tên»: dài quá 100 ký tự" in lines[0]
    assert len(lines[0]) < 400 and "(100.008 ký tự)" in lines[0] and "«Nguyễn, xxx" in lines[0]
    assert dump(office) == before


@pytest.mark.parametrize("whole", [8 << 20, 0])  # read at once, and streamed (a big file)
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_csv_is_read_as_written(office, tmp_path, capsys, monkeypatch, whole, encoding):
    """Excel's «Unicode Text» (UTF-16 with its BOM, tabs) saved as .csv: it had been decoded
    as CP1258 and refused as «no header row»; now read exactly."""
    from desktop_app.importing import csv_reader

    monkeypatch.setattr(csv_reader, "WHOLE_BYTES", whole)
    rows = [["Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị"],
            ["Nguyễn Thị Ánh Tuyết", "01/02/1980", "Nữ", "TH01"],
            ["Đặng Văn Ưng", "02/03/1981", "Nam", "TH01"]]
    text = "\r\n".join("\t".join(r) for r in rows) + "\r\n"
    path = tmp_path / "unicode.csv"
    path.write_bytes((b"\xfe\xff" if encoding.endswith("be") else b"") + text.encode(encoding))
    assert run(["--db", str(office), "import", "staff", str(path), *AS_OF]) == 0, capsys.readouterr().err
    conn = sqlite3.connect(office)
    names = {r[0] for r in conn.execute("SELECT full_name FROM person")}
    conn.close()
    assert names == {"Nguyễn Thị Ánh Tuyết", "Đặng Văn Ưng"}


def test_a_damaged_utf16_csv_is_a_message(office, tmp_path, capsys):
    path = tmp_path / "hỏng.csv"
    path.write_bytes("Họ và tên\tĐơn vị\r\nAn\tTH01\r\n".encode("utf-16") + b"\x00")
    before = dump(office)
    assert run(["--db", str(office), "import", "staff", str(path), *AS_OF]) == 2
    err = capsys.readouterr().err
    assert "bắt đầu bằng dấu UTF-16 nhưng có byte không hợp lệ" in err and "Traceback" not in err
    assert dump(office) == before


@pytest.mark.parametrize("content, words", [
    ('{"Giới tính": {"Nam": "nam",}}'.encode(), "sai cú pháp JSON ở dòng 1, cột"),
    ('{\n  "Loại lao động": {\n    "HĐ": \n}'.encode(), "sai cú pháp JSON ở dòng 4, cột 1"),
    (b"\xff\xfe{\x00}\x00", "không phải văn bản UTF-8"),
    (None, "Không đọc được tệp ghép giá trị"),
])
def test_a_broken_map_file_is_told_in_vietnamese(office, tmp_path, capsys, content, words):
    """``--map``: a clerk's hand-edited JSON with a trailing comma, saved as UTF-16 by Notepad,
    or a folder — Python's «Expecting property name enclosed in double quotes» had been shown."""
    sheet, mapping = tmp_path / "ds.csv", tmp_path / "ghép.json"
    write_csv(sheet, ["Họ và tên", "Giới tính", "Đơn vị"], [["Nguyễn Văn An", "Nam", "TH01"]])
    if content is None:
        mapping.mkdir()
    else:
        mapping.write_bytes(content)
    before = dump(office)
    assert run(["--db", str(office), "import", "staff", str(sheet), "--map", str(mapping), *AS_OF]) == 2
    err = capsys.readouterr().err
    assert words in err and "«ghép.json»" in err, err
    assert "Expecting" not in err and "codec" not in err and "Errno" not in err
    assert dump(office) == before


def _merged_book(path, born_second: str = "02/03/1981") -> None:
    """«Đơn vị» written once, merged down beside its three people (D2:D4); «Quê quán» merged
    over the first two (E2:E3); a title row merged across (A6:E6) below the data."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Quê quán"])
    ws.append(["Nguyễn Văn An", "01/02/1980", "Nam", "TH01", "Hà Tĩnh"])
    ws.append(["Trần Thị Bình", born_second, "Nữ", None, None])
    ws.append(["Lê Văn Cường", "03/04/1982", "Nam", None, "Nghệ An"])
    ws.merge_cells("D2:D4")
    ws.merge_cells("E2:E3")
    ws.append([])
    ws.append(["Người lập biểu"])
    ws.merge_cells("A6:E6")
    wb.save(path)


def test_a_value_merged_down_over_rows_is_read_on_every_row(office, tmp_path, capsys):
    path = tmp_path / "gộp ô.xlsx"
    _merged_book(path)
    assert run(["--db", str(office), "import", "staff", str(path), *AS_OF]) == 0, capsys.readouterr().err
    conn = sqlite3.connect(office)
    got = dict(conn.execute("SELECT p.full_name, u.code || ' ' || coalesce(p.hometown, '') FROM person p "
                            "JOIN unit u ON u.id = p.unit_id"))
    conn.close()
    assert got == {"Nguyễn Văn An": "TH01 Hà Tĩnh", "Trần Thị Bình": "TH01 Hà Tĩnh",
                   "Lê Văn Cường": "TH01 Nghệ An"}


def test_a_problem_inside_a_merged_range_marks_its_first_cell(office, tmp_path, capsys):
    """The error copy had crashed («'MergedCell' object attribute 'comment' is read-only»)."""
    from openpyxl import load_workbook

    path, errors = tmp_path / "gộp ô.xlsx", tmp_path / "lỗi.xlsx"
    _merged_book(path)
    wb = load_workbook(path)
    wb.active["D2"] = "KHONGCO"  # a unit that does not exist, on all three rows
    wb.save(path)
    before = dump(office)
    assert run(["--db", str(office), "import", "staff", str(path), "--errors", str(errors), *AS_OF]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert [line.split(":")[0] for line in problem_lines(err, "gộp ô.xlsx")] == [
        f"tệp gộp ô.xlsx, trang Danh sách, dòng {r}, cột D «Đơn vị»" for r in (2, 3, 4)]
    assert dump(office) == before
    note = load_workbook(errors)["Danh sách"]["D2"].comment.text
    assert "Dòng 3:" in note and "Dòng 4:" in note


def test_the_rows_left_out_keep_the_merged_value(office, tmp_path, capsys):
    """--skip-bad: the copy of the bad row holds the unit the import read for it."""
    from openpyxl import load_workbook

    path, rest = tmp_path / "gộp ô.xlsx", tmp_path / "còn lại.xlsx"
    _merged_book(path, born_second="31/02/1981")
    assert run(["--db", str(office), "import", "staff", str(path), "--skip-bad", "--errors", str(rest),
                *AS_OF]) == 2
    assert "Đã nhập 2 dòng hợp lệ" in capsys.readouterr().err
    ws = load_workbook(rest)["Danh sách"]
    assert [c.value for c in ws[2]] == ["Trần Thị Bình", "31/02/1981", "Nữ", "TH01", "Hà Tĩnh"]


def test_data_only_on_a_hidden_sheet_is_said(office, tmp_path, capsys):
    """Hidden sheets are not read (the template's lists are one); when nothing else holds a
    header, the message names the hidden sheet instead of only «no header row»."""
    wb = Workbook()
    wb.active.title = "Trang trống"
    hidden = wb.create_sheet("Danh sách 2026")
    hidden.append(["Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị"])
    hidden.append(["Nguyễn Văn An", "01/02/1980", "Nam", "TH01"])
    hidden.sheet_state = "hidden"
    path = tmp_path / "ẩn.xlsx"
    wb.save(path)
    before = dump(office)
    assert run(["--db", str(office), "import", "staff", str(path), *AS_OF]) == 2
    err = capsys.readouterr().err
    assert "không tìm thấy dòng tiêu đề" in err
    assert "Trang đang ẩn không được đọc («Danh sách 2026»)" in err and "bỏ ẩn trang" in err
    assert dump(office) == before


def _xlsx_bytes(tmp_path) -> bytes:
    path = tmp_path / "that.xlsx"
    wb = Workbook()
    wb.active.append(["Họ và tên", "Đơn vị"])
    wb.save(path)
    return path.read_bytes()


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DISGUISES = {  # name: (file name, bytes, words the message must hold)
    "password": ("có mật khẩu.xlsx", lambda t: _OLE2 + bytes(504) + "EncryptedPackage".encode("utf-16-le")
                 + bytes(2048), "tệp được đặt mật khẩu mở tệp"),
    "xls as xlsx": ("cũ.xlsx", lambda t: _OLE2 + bytes(1024), "tệp Excel 97–2003 (.xls) mang đuôi «.xlsx»"),
    "xlsx as xls": ("mới.xls", _xlsx_bytes, "tệp Excel (.xlsx) mang đuôi «.xls»"),
    "html as xls": ("xuất từ web.xls", lambda t: "<html><body><table><tr><td>Họ và tên</td></tr></table>"
                    "</body></html>".encode(), "trang web (HTML)"),
    "xml 2003": ("xml.xls", lambda t: b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:'
                 b'office:spreadsheet"></Workbook>', "bảng tính dạng XML 2003"),
    "csv as xlsx": ("văn bản.xlsx", lambda t: "Họ và tên,Đơn vị\nAn,TH01\n".encode(), "tệp văn bản CSV"),
    "pdf": ("báo cáo.xlsx", lambda t: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "tệp PDF"),
    "database": ("dữ liệu.xlsx", None, "tệp dữ liệu (SQLite)"),
    "empty": ("rỗng.xlsx", lambda t: b"", "tệp rỗng (0 byte)"),
}


@pytest.mark.parametrize("disguise", list(DISGUISES))
def test_a_file_that_is_not_what_its_name_says_is_named_for_what_it_is(office, tmp_path, capsys, disguise):
    """The readers' own words («invalid Zip archive: Could not find EOCD», «không phải tệp OLE2»)
    told a clerk nothing; the message now says what the file is and what to do."""
    name, make, words = DISGUISES[disguise]
    path = tmp_path / name
    path.write_bytes(office.read_bytes() if make is None else make(tmp_path))
    before = dump(office)
    assert run(["--db", str(office), "import", "staff", str(path), *AS_OF]) == 2
    err = capsys.readouterr().err
    assert f"Không đọc được tệp «{name}»: " in err and words in err, err
    assert "Zip" not in err and "OLE2" not in err and "Traceback" not in err
    assert dump(office) == before


def test_a_unit_code_in_other_case_is_the_same_code(office, tmp_path, capsys, ctx):
    """«th01» beside the stored TH01 had become a second unit (and «ab01» / «AB01» two units in
    one file): a clerk means one code. Refused in the import and in the form (records)."""
    from desktop_app.errors import ValidationError
    from desktop_app.services import records

    path = tmp_path / "đơn vị.csv"
    write_csv(path, ["Mã đơn vị", "Tên đơn vị", "Lĩnh vực"],
              [["th01", "Trường chữ thường", "Tiểu học"], ["ab01", "Trường A", "Tiểu học"],
               ["AB01", "Trường B", "Tiểu học"]])
    before = dump(office)
    assert run(["--db", str(office), "import", "units", str(path)]) == 2
    lines = problem_lines(capsys.readouterr().err, "đơn vị.csv")
    assert len(lines) == 2, lines
    assert "dòng 2, cột A «Mã đơn vị»: mã «th01» đã dùng cho đơn vị khác (mã «TH01»" in lines[0]
    assert "dòng 4, cột A «Mã đơn vị»: Mã đơn vị trùng với dòng 3" in lines[1]
    assert dump(office) == before
    with pytest.raises(ValidationError, match="mã «Th01» đã dùng cho đơn vị khác"):
        records.create(ctx, "unit", {"code": "Th01", "name": "Trường gõ tay", "field": "TH"})


def test_a_cccd_written_in_groups_is_the_number(office, tmp_path, capsys):
    """«038 123 456 789», «038.123.456.789», Excel's text mark «'038…»: the 12 digits a person
    reads (and so a duplicate of the same number is seen); 11 digits are still refused."""
    path = tmp_path / "cccd.csv"
    write_csv(path, ["Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Số CCCD"],
              [["Người Một", "01/01/1980", "Nam", "TH01", "038 123 456 789"],
               ["Người Hai", "01/01/1981", "Nữ", "TH01", "038.123.456.780"],
               ["Người Ba", "01/01/1982", "Nam", "TH01", "'038123456781"]])
    assert run(["--db", str(office), "import", "staff", str(path), *AS_OF]) == 0, capsys.readouterr().err
    conn = sqlite3.connect(office)
    assert {r[0] for r in conn.execute("SELECT cccd FROM person")} == {
        "038123456789", "038123456780", "038123456781"}
    conn.close()
    before = dump(office)
    write_csv(path, ["Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Số CCCD"],
              [["Người Bốn", "01/01/1983", "Nam", "TH01", "038-123-456-789"],
               ["Người Năm", "01/01/1984", "Nam", "TH01", "38 123 456 782"]])
    assert run(["--db", str(office), "import", "staff", str(path), *AS_OF]) == 2
    lines = problem_lines(capsys.readouterr().err, "cccd.csv")
    assert len(lines) == 2 and "dòng 2, cột E «Số CCCD»" in lines[0] and "dòng 3, cột E «Số CCCD»" in lines[1]
    assert "12 chữ số" in lines[1]
    assert dump(office) == before


def test_a_cell_with_line_breaks_is_one_problem_line(office, tmp_path, capsys):
    """A quoted CSV cell holding line breaks: its problem is still one line of stderr (scripts
    and the clerk read one problem per line starting «tệp …»)."""
    path = tmp_path / "xuống dòng.csv"
    write_csv(path, ["Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị"],
              [["Nguyễn Văn An", "31/02\r\n1985", "Nam", "TH01"]])
    assert run(["--db", str(office), "import", "staff", str(path), *AS_OF]) == 2
    err = capsys.readouterr().err
    lines = problem_lines(err, "xuống dòng.csv")
    assert len(lines) == 1 and "dòng 2, cột B «Ngày sinh»" in lines[0] and "1985" in lines[0]
    assert not [line for line in err.splitlines() if line.startswith("1985")]
