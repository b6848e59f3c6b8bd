"""The preview of the first rows with their problems marked, and --skip-bad (issue #17
point 7): a 500-row file with 3 bad rows imports 497 only when asked, and the error copy
holds the three; by default nothing is written."""

from __future__ import annotations

import openpyxl
from import_fixtures import FIRST_DATA_ROW, staff_book, staff_rows

from desktop_app.cli import run
from desktop_app.importing.service import import_file


def bad_file(path) -> None:
    rows = staff_rows(500)
    rows[9][2 if rows[9][2] else 3] = "31/02/1980"   # no such day
    rows[199][5] = "XX99"                              # no such unit
    rows[449][7] = "9,99"                              # coefficient outside the A1 range
    staff_book(rows, path)


def count(ctx) -> int:
    return ctx.db.execute("SELECT count(*) FROM person").fetchone()[0]


def test_default_stays_all_or_nothing(ctx, units, tmp_path):
    path = tmp_path / "ds.xlsx"
    bad_file(path)
    result = import_file(ctx, "staff", path)
    assert result.written == 0 and count(ctx) == 0 and result.valid == 497
    assert sorted({p.row for p in result.problems}) == [FIRST_DATA_ROW + 9, FIRST_DATA_ROW + 199,
                                                        FIRST_DATA_ROW + 449]


def test_skip_bad_imports_the_valid_rows_and_writes_the_error_copy(ctx, units, tmp_path, capsys):
    path, errors = tmp_path / "ds.xlsx", tmp_path / "loi.xlsx"
    bad_file(path)
    code = run(["import", "staff", str(path), "--db", str(ctx.path), "--skip-bad", "--errors", str(errors)])
    assert code == 2  # not everything went in: said so, with the error copy
    assert "Đã nhập 497 dòng hợp lệ" in capsys.readouterr().err
    assert count(ctx) == 497
    names = {r[0] for r in ctx.db.execute("SELECT full_name FROM person")}
    assert not names & {"Nguyễn Văn Người 10", "Nguyễn Văn Người 200", "Nguyễn Văn Người 450"}
    copy = openpyxl.load_workbook(errors)
    rest = copy["Danh sách"]  # titles and header as they were, then only the three bad rows
    assert [rest.cell(FIRST_DATA_ROW + i, 2).value for i in range(3)] == [
        "Nguyễn Văn Người 10", "Nguyễn Văn Người 200", "Nguyễn Văn Người 450"]
    assert rest.max_row == FIRST_DATA_ROW + 2
    listed = sorted((r[1], r[2]) for r in copy["Lỗi"].iter_rows(min_row=2, values_only=True))
    assert [row for row, _ in listed] == [FIRST_DATA_ROW, FIRST_DATA_ROW + 1, FIRST_DATA_ROW + 2]
    assert rest[f"{listed[2][1]}{FIRST_DATA_ROW + 2}"].comment is not None  # the bad cell marked


def test_the_rows_left_out_import_once_fixed(ctx, units, tmp_path, capsys):
    path, errors = tmp_path / "ds.xlsx", tmp_path / "loi.xlsx"
    bad_file(path)
    args = ["import", "staff", str(path), "--db", str(ctx.path), "--skip-bad", "--errors", str(errors)]
    assert run(args) == 2
    book = openpyxl.load_workbook(errors)
    ws = book["Danh sách"]  # the clerk fixes the three cells in the copy
    ws.cell(FIRST_DATA_ROW, 3).value, ws.cell(FIRST_DATA_ROW, 4).value = "28/02/1980", None
    ws.cell(FIRST_DATA_ROW + 1, 6).value = "TH01"
    ws.cell(FIRST_DATA_ROW + 2, 8).value = "3,66"
    book.save(errors)
    fixed = import_file(ctx, "staff", errors)
    assert fixed.ok and fixed.written == 3, [str(p) for p in fixed.problems]
    assert count(ctx) == 500


def test_preview_shows_the_first_fifty_rows_as_they_will_be_written(ctx, units, tmp_path):
    path = tmp_path / "ds.xlsx"
    bad_file(path)
    result = import_file(ctx, "staff", path, dry_run=True)
    assert len(result.sample) == 50 and result.sample[0].row == FIRST_DATA_ROW
    first = result.sample[0]
    assert first.values["coefficient"] == "3,66" and first.values["employment_kind"] == "Viên chức"
    assert first.values["birth_date"] == "02/02/1971" and not first.problems
    marked = result.sample[9]
    assert marked.row == FIRST_DATA_ROW + 9 and marked.problems["birth_date"] == [
        "«31/02/1980» không phải ngày có thật."]
    assert count(ctx) == 0
