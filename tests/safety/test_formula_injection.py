"""A name that looks like a spreadsheet formula (=, +, -, @) stays text in every
Excel file we write (OWASP "CSV injection"); in a package CSV it stays exactly
as typed, because packages are read by programs, not by Excel (docs/package-format.md)."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from openpyxl import load_workbook
from safety_helpers import small_office, staff_rows, write_sheet

from desktop_app.importing.errors_book import write_errors
from desktop_app.importing.service import import_file
from desktop_app.packages.export import export_package
from desktop_app.reports.engine import Params, build_report
from desktop_app.reports.excel import write_xlsx
from desktop_app.services import records, staff

NAMES = ['=HYPERLINK("http://x","y")', '+1+cmd|" /C calc"!A0', "-2+3", "@SUM(A1:A9)"]


@pytest.fixture
def office(tmp_path):
    ctx, units, _ = small_office(tmp_path / "bienche.sqlite")
    people = []
    for n, name in enumerate(NAMES):
        people.append(records.create(ctx, "person", {
            "full_name": name, "birth_date": "1980-01-01", "gender": "nam", "unit_id": units[0],
            "cccd": f"0381{n:08d}", "pay_source": "NSNN", "employment_kind": "VIEN_CHUC",
            "title_code": "V.07.03.29", "salary_class": "A1", "coefficient": 2.67,
            "recruited_on": "2010-09-01"}))
    for pid in people:
        staff.leave(ctx, pid, "2026-06-30", "TINH_GIAN")
    yield ctx
    ctx.close()


def _text_cells(path) -> dict[str, str]:
    """Every cell holding one of NAMES → its data type; and no formula in any sheet's XML."""
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/sheet"):
                assert not re.search(rb"<(\w+:)?f[ >]", archive.read(member)), f"formula in {member}"
    found = {}
    for ws in load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in NAMES:
                    found[cell.value] = cell.data_type
    return found


@pytest.mark.parametrize("form, as_of", [("bm02-vc", "2026-06-01"), ("tinh-gian", "2026-12-31")])
def test_report_forms_write_formula_like_names_as_text(office, tmp_path, form, as_of):
    import datetime as dt

    day = dt.date.fromisoformat(as_of)
    report = build_report(office, form, Params(as_of=day, year=day.year))
    found = _text_cells(write_xlsx(report, tmp_path / f"{form}.xlsx"))
    assert found == {name: "s" for name in NAMES}


def test_import_error_copy_keeps_formula_like_text_as_text(office, tmp_path):
    rows = [{**r, "full_name": name} for r, name in zip(staff_rows(4, start=50), NAMES, strict=True)]
    rows[1]["birth_date"] = "31/02/1980"  # one bad row so that there is an error copy
    for suffix in ("xlsx", "csv"):
        source = write_sheet(tmp_path / "staff.xlsx", "staff", rows)
        if suffix == "csv":
            ws = load_workbook(source).active
            text = io.StringIO()
            csv.writer(text).writerows([[c.value for c in r] for r in ws.iter_rows()])
            source = tmp_path / "staff.csv"
            source.write_text(text.getvalue(), encoding="utf-8")
        result = import_file(office, "staff", source)
        assert result.problems and result.written == 0
        found = _text_cells(write_errors(source, result.problems, tmp_path / f"loi-{suffix}.xlsx"))
        assert found == {name: "s" for name in NAMES}, suffix


def test_package_csv_keeps_names_exactly(office, tmp_path):
    export_package(office, tmp_path / "goi.zip")
    with zipfile.ZipFile(tmp_path / "goi.zip") as archive:
        member = next(n for n in archive.namelist() if n.endswith("person.csv"))
        rows = list(csv.DictReader(io.StringIO(archive.read(member).decode("utf-8-sig"))))
    assert {r["full_name"] for r in rows} >= set(NAMES)


def test_a_list_exported_from_a_page_keeps_formula_like_text_as_text(office, tmp_path):
    """«Xuất danh sách ra Excel» (services.list_export): the names as shown, never evaluated;
    a control character left in an older file is dropped instead of aborting the save."""
    from desktop_app.services import list_export

    rows = [[name, "01/01/1980"] for name in NAMES] + [["Lê\x1b[31m Văn\x00 Cũ", "02/01/1980"]]
    path = list_export.write_xlsx(tmp_path / "ds.xlsx", "Nhân sự", ["Họ và tên", "Ngày sinh"], rows)
    assert _text_cells(path) == {name: "s" for name in NAMES}
    assert load_workbook(path).active["A6"].value == "Lê[31m Văn Cũ"


def test_a_template_lists_an_office_item_that_reads_like_a_formula_as_text(office, tmp_path):
    """An office's own catalogue item (added by the import's mapping step) is copied into the
    template's hidden «Danh mục» sheet: as text."""
    from desktop_app import catalogues
    from desktop_app.importing.template import write_template

    catalogues.add_local(office.db, "dan_toc", "DP_1", NAMES[0])
    office.catalogues.reload()
    path = write_template(office, "staff", tmp_path / "mau.xlsx")
    found = _text_cells(path)
    assert found == {NAMES[0]: "s"}
