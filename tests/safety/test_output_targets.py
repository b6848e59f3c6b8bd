"""Where a command writes a file, a mistaken name never costs data (input audit, Dec 2026):
an output named like the data file (or any SQLite file) is refused, not replaced by an .xlsx
or a zip; the error copy never replaces the file being imported; a folder, or a path through
a file, is a Vietnamese message — never a traceback. The data file stays byte for byte."""

from __future__ import annotations

import shutil
import sqlite3

import openpyxl
import pytest
from safety_helpers import filled_file
from sqldump import dump

from desktop_app.cli import run

AS_OF = ["--as-of", "01/01/2026"]




def staff_sheet(path, bad: bool = True) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị"])
    ws.append(["Nguyễn Văn An", "01/02/1980", "Nam", "TH000"])
    ws.append(["Trần Thị Bình", "31/02/1985" if bad else "28/02/1985", "Nữ", "TH001"])
    wb.save(path)


@pytest.fixture
def office(tmp_path):
    folder = tmp_path / "Dữ liệu phường"  # Vietnamese letters and a space in the path
    folder.mkdir()
    db = filled_file(folder / "bien che.sqlite", units=3)
    staff_sheet(folder / "danh sách.xlsx")
    return db


def _outputs(db):
    sheet = str(db.parent / "danh sách.xlsx")
    other = db.parent / "bc.xlsx"  # a backup of another office renamed by hand
    shutil.copyfile(db, other)
    return {
        "template": ["template", "staff", str(db)],
        "errors": ["import", "staff", sheet, "--errors", str(db), *AS_OF],
        "skip-bad": ["import", "staff", sheet, "--skip-bad", "--errors", str(db), *AS_OF],
        "package": ["package", "export", "--out", str(db)],
        "report": ["export", "dvsn", "--out", str(other), "--format", "xlsx"],
    }, other


@pytest.mark.parametrize("command", ["template", "errors", "skip-bad", "package", "report"])
def test_no_output_replaces_a_data_file(office, capsys, command):
    commands, other = _outputs(office)
    before, other_bytes = dump(office), other.read_bytes()
    code = run(["--db", str(office), *commands[command]])
    err = capsys.readouterr().err
    assert code == 2
    assert "đó là một tệp dữ liệu (SQLite)" in err and "Hãy chọn tên tệp khác" in err
    assert "Traceback" not in err
    assert dump(office) == before  # nothing imported either (--skip-bad is refused first)
    assert other.read_bytes() == other_bytes


@pytest.mark.parametrize("extra", [[], ["--skip-bad"]])
def test_error_copy_never_replaces_the_file_being_imported(office, capsys, extra):
    sheet = office.parent / "danh sách.xlsx"
    original, before = sheet.read_bytes(), dump(office)
    code = run(["--db", str(office), "import", "staff", str(sheet), "--errors", str(sheet), *extra, *AS_OF])
    err = capsys.readouterr().err
    assert code == 2
    assert "trùng với tệp đang nhập" in err and "Traceback" not in err
    assert sheet.read_bytes() == original
    assert dump(office) == before


def test_the_same_file_by_another_spelling_is_still_the_input(office, capsys):
    sheet = office.parent / "danh sách.xlsx"
    spelled = office.parent / ".." / office.parent.name / "danh sách.xlsx"
    original = sheet.read_bytes()
    assert run(["--db", str(office), "import", "staff", str(sheet), "--errors", str(spelled), *AS_OF]) == 2
    assert "trùng với tệp đang nhập" in capsys.readouterr().err
    assert sheet.read_bytes() == original


def test_outputs_on_a_folder_or_through_a_file_are_vietnamese_messages(office, capsys):
    folder, sheet = office.parent / "ra.xlsx", office.parent / "danh sách.xlsx"
    folder.mkdir()
    before = dump(office)
    cases = [(["template", "staff", str(folder)], "đó là một thư mục"),
             (["export", "dvsn", "--out", str(folder), "--format", "xlsx"], "đó là một thư mục"),
             (["package", "export", "--out", str(folder)], "đó là một thư mục"),
             (["import", "staff", str(sheet), "--errors", str(folder), *AS_OF], "đó là một thư mục"),
             (["backup", "--to", str(sheet / "bk")], "không phải thư mục"),
             (["template", "staff", str(sheet / "mau.xlsx")], "không phải thư mục")]
    for args, words in cases:
        code = run(["--db", str(office), *args])
        err = capsys.readouterr().err
        assert code == 2, args
        assert words in err and "Traceback" not in err, (args, err)
    assert dump(office) == before


def test_a_restore_still_replaces_the_data_file(office, tmp_path, capsys):
    """The one writer allowed over a SQLite file: restore (``replaces_database``)."""
    assert run(["--db", str(office), "backup", "--to", str(tmp_path / "bk")]) == 0
    saved = next((tmp_path / "bk").glob("*.sqlite"))
    conn = sqlite3.connect(office)
    conn.execute("DELETE FROM unit WHERE code = 'TH002'")
    conn.commit()
    conn.close()
    assert run(["--db", str(office), "restore", str(saved), "--reason", "thử khôi phục"]) == 0, \
        capsys.readouterr().err
    conn = sqlite3.connect(office)
    assert conn.execute("SELECT count(*) FROM unit WHERE code = 'TH002'").fetchone()[0] == 1
    conn.close()
