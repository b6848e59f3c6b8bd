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
    listed = openpyxl.load_workbook(errors)["Lỗi"]
    assert sorted(r[1] for r in listed.iter_rows(min_row=2, values_only=True)) == [
        FIRST_DATA_ROW + 9, FIRST_DATA_ROW + 199, FIRST_DATA_ROW + 449]


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
