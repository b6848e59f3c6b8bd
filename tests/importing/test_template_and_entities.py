"""Templates derived from the field declarations, filled in and imported back,
for every kind of data: units, positions, quotas, staff, budget, evaluations."""

import openpyxl
import pytest

from db import repo
from desktop_app.cli import run
from desktop_app.importing.service import KINDS, entity_of, import_file
from desktop_app.importing.template import (
    HEADER_ROW,
    LISTS_SHEET,
    NOTES_SHEET,
    template_fields,
    write_template,
)


@pytest.mark.parametrize("kind", list(KINDS))
def test_template_has_header_notes_and_dropdowns(ctx, units, tmp_path, kind):
    path = tmp_path / f"{kind}.xlsx"
    write_template(ctx, kind, path)
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    fields = template_fields(kind)
    headers = [c.value for c in ws[HEADER_ROW]][:len(fields)]
    assert headers == [f.label + (" (*)" if f.required else "") for f in fields]
    assert ws["A1"].value == f"DANH SÁCH {entity_of(kind).label.upper()}"
    notes = list(book[NOTES_SHEET].iter_rows(min_row=2, values_only=True))
    assert [n[1] for n in notes] == [f.label for f in fields]
    assert book[LISTS_SHEET].sheet_state == "hidden"
    lists = book[LISTS_SHEET]
    for dv in ws.data_validations.dataValidation:
        column = str(dv.sqref).split(":")[0].rstrip("0123456789")
        f = fields[openpyxl.utils.column_index_from_string(column) - 1]
        ref = dv.formula1.split("!")[1].replace("$", "")
        values = [c.value for row in lists[ref] for c in row]
        if f.kind == "choice":
            assert values == [label for _, label in f.options(ctx.catalogues)]
        elif f.kind == "bool":
            assert values == ["Có", "Không"]
    choice_fields = [f for f in fields if f.kind == "choice" and f.options(ctx.catalogues)]
    assert len(ws.data_validations.dataValidation) >= len(choice_fields)


def fill(ctx, kind, path, rows: list[dict]) -> None:
    write_template(ctx, kind, path)
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    names = [f.name for f in template_fields(kind)]
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        for name, value in row.items():
            ws.cell(r, names.index(name) + 1, value)
    book.save(path)


def test_cli_template_then_units_import(ctx, tmp_path, db_path, capsys):
    path = tmp_path / "dv.xlsx"
    assert run(["--db", str(db_path), "template", "units", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    ws.append(["THCS01", "Trường THCS Phúc Đồng", None, "Trung học cơ sở"])
    ws.append(["YT01", "Trạm Y tế phường", None, "YTE", None, None, "Đang hoạt động"])
    book.save(path)
    assert run(["--db", str(db_path), "import", "units", str(path)]) == 0
    got = {u["code"]: u for u in repo.query(ctx.db, "SELECT * FROM unit")}
    assert got["THCS01"]["field"] == "THCS" and got["YT01"]["status"] == "hoat_dong"


def test_positions_quotas_budget_evaluations(ctx, units, tmp_path):
    fill(ctx, "positions", tmp_path / "p.xlsx", [
        {"unit_id": "TH01", "group_code": "CDNN_CN", "name": "Giáo viên tiểu học hạng III",
         "title_code": "V.07.03.29", "title_rank": "III", "required_count": 25.0},
        {"unit_id": "MN01", "group_code": "Vị trí việc làm hỗ trợ, phục vụ", "name": "Kế toán",
         "required_count": "1"}])
    assert import_file(ctx, "positions", tmp_path / "p.xlsx").ok
    positions = {p["name"]: p for p in repo.query(ctx.db, "SELECT * FROM position")}
    assert positions["Kế toán"]["regime"] == "ND106-2020" and positions["Kế toán"]["group_code"] == "HTPV"
    assert positions["Giáo viên tiểu học hạng III"]["required_count"] == 25

    fill(ctx, "quotas", tmp_path / "q.xlsx", [
        {"unit_id": "TH01", "year": 2026.0, "nsnn": 40.0, "revenue_paid": 0, "contract": "2"},
        {"unit_id": "Trường Mầm non Hoa Sen", "year": "2026", "nsnn": "18"}])
    assert import_file(ctx, "quotas", tmp_path / "q.xlsx").ok
    quotas = {(q["unit_id"], q["year"]): q["nsnn"] for q in repo.query(ctx.db, "SELECT * FROM quota")}
    assert quotas == {(units["TH01"], 2026): 40, (units["MN01"], 2026): 18}
    again = import_file(ctx, "quotas", tmp_path / "q.xlsx")
    assert len(again.problems) == 2 and "đã có" in again.problems[0].message

    fill(ctx, "budget", tmp_path / "b.xlsx", [
        {"unit_id": "TH01", "year": 2025, "revenue": "1.234.567,5", "recurrent_spending": "2.000.000"}])
    assert import_file(ctx, "budget", tmp_path / "b.xlsx").ok
    finance = repo.query(ctx.db, "SELECT revenue, recurrent_spending FROM finance")[0]
    assert finance == {"revenue": 1234567.5, "recurrent_spending": 2000000.0}


def test_evaluations_by_cccd_and_duplicate_years(ctx, units, tmp_path):
    from desktop_app.services import records

    pid = records.create(ctx, "person", {"full_name": "Nguyễn Thị Hằng", "unit_id": "TH01",
                                         "cccd": "001185001234"})
    fill(ctx, "evaluations", tmp_path / "e.xlsx", [
        {"person_id": "001185001234", "year": 2025, "level": "Hoàn thành tốt nhiệm vụ", "score": "85,5"},
        {"person_id": "nguyen thi hang", "year": 2025, "level": "HTNV"}])
    result = import_file(ctx, "evaluations", tmp_path / "e.xlsx")
    assert [(p.row, p.message) for p in result.problems] == [
        (HEADER_ROW + 2, f"Năm (cùng đối tượng) trùng với dòng {HEADER_ROW + 1}.")]
    fill(ctx, "evaluations", tmp_path / "e.xlsx", [
        {"person_id": "001185001234", "year": 2025, "level": "Hoàn thành tốt nhiệm vụ", "score": "85,5"}])
    assert import_file(ctx, "evaluations", tmp_path / "e.xlsx").ok
    assert repo.query(ctx.db, "SELECT person_id, level, score FROM evaluation") == [
        {"person_id": pid, "level": "HTTNV", "score": 85.5}]


def test_a_code_column_beats_a_name_column_for_the_same_reference(ctx, units, tmp_path):
    from desktop_app.services import records

    for cccd in ("001185001234", "001185005678"):  # two people with the same name
        records.create(ctx, "person", {"full_name": "Nguyễn Thị Hằng", "unit_id": "TH01", "cccd": cccd})
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Họ và tên", "Số CCCD", "Năm", "Xếp loại"])
    ws.append(["Nguyễn Thị Hằng", "001185005678", 2025, "HTXSNV"])
    book.save(tmp_path / "e.xlsx")
    result = import_file(ctx, "evaluations", tmp_path / "e.xlsx")
    assert result.ok, [str(p) for p in result.problems]
    row = repo.query(ctx.db, "SELECT p.cccd FROM evaluation e JOIN person p ON p.id = e.person_id")
    assert row == [{"cccd": "001185005678"}]


def test_backup_before_a_real_import_and_none_for_a_dry_run(ctx, units, tmp_path, db_path):
    from desktop_app.services.backup import list_backups

    fill(ctx, "quotas", tmp_path / "q.xlsx", [{"unit_id": "TH01", "year": 2026, "nsnn": 40}])
    import_file(ctx, "quotas", tmp_path / "q.xlsx", dry_run=True)
    assert [b.reason for b in list_backups(db_path)] == []
    import_file(ctx, "quotas", tmp_path / "q.xlsx")
    assert [b.reason for b in list_backups(db_path)] == ["nhap"]


def test_locked_year_and_read_only_account(ctx, units, tmp_path):
    from desktop_app.errors import PermissionDenied
    from desktop_app.services import period_lock

    period_lock.lock_year(ctx, 2025, "đã báo cáo")
    fill(ctx, "quotas", tmp_path / "q.xlsx", [{"unit_id": "TH01", "year": 2025, "nsnn": 40},
                                              {"unit_id": "TH01", "year": 2026, "nsnn": 41}])
    result = import_file(ctx, "quotas", tmp_path / "q.xlsx")
    assert [(p.row, p.field) for p in result.problems] == [(HEADER_ROW + 1, "year")]
    assert "đã được chốt" in result.problems[0].message
    assert repo.query(ctx.db, "SELECT * FROM quota") == []
    ctx.role = "chi_xem"
    with pytest.raises(PermissionDenied):
        import_file(ctx, "quotas", tmp_path / "q.xlsx")
