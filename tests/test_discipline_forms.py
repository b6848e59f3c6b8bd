"""Discipline forms by regime (issue #21): «giáng chức» is a form for công chức, not for viên chức
(Luật Viên chức 58/2010/QH12 Điều 52; NĐ 234/2026/NĐ-CP Điều 7 khoản 1: khiển trách, cảnh cáo,
cách chức, buộc thôi việc). Entry refuses it on a viên chức's record with nothing written; the
check rule KY_LUAT_KHONG_AP_DUNG finds one stored before (an older database) or left on a person
made viên chức afterwards. The delay of a khiển trách is 03 months (Điều 56 khoản 1)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.context import open_context
from desktop_app.errors import ValidationError
from desktop_app.services import due, records
from desktop_app.services.check import findings

# Luật Viên chức Điều 52 khoản 1, typed here from the text
LAW_FORMS = {"Khiển trách", "Cảnh cáo", "Cách chức", "Buộc thôi việc"}


def _person(ctx, unit, name, kind, **extra) -> int:
    return records.create(ctx, "person", {
        "full_name": name, "unit_id": unit, "employment_kind": kind, "birth_date": "10/10/1980",
        "gender": "nu", "recruited_on": "01/09/2010", **extra})


def _discipline(ctx, person, form, day="01/03/2024") -> int:
    return records.create(ctx, "discipline", {"person_id": person, "form": form, "from_date": day})


def _rows(ctx) -> list[tuple]:
    return ctx.db.execute("SELECT person_id, form FROM discipline ORDER BY id").fetchall()


def test_the_forms_for_vien_chuc_are_those_of_the_law(ctx):
    items = ctx.catalogues.items("hinh_thuc_ky_luat")
    assert {i["label"] for i in items if "vien_chuc" in i["applies_to"]} == LAW_FORMS
    assert all(i["applies_to"] for i in items)
    assert ctx.catalogues.item("hinh_thuc_ky_luat", "GIANG_CHUC")["applies_to"] == ["cong_chuc"]


@pytest.mark.parametrize("kind", ["VIEN_CHUC", "TAP_SU"])
def test_giang_chuc_is_refused_on_a_vien_chuc_record(ctx, unit_id, kind):
    person = _person(ctx, unit_id, "Lê Văn Giáng", kind)
    before = _rows(ctx)
    with pytest.raises(ValidationError) as err:
        _discipline(ctx, person, "Giáng chức")  # as typed on the form or in a file
    [problem] = err.value.problems
    assert problem.field == "form" and "Giáng chức" in problem.message
    assert "Luật Viên chức 58/2010/QH12 Điều 52" in problem.message
    assert _rows(ctx) == before


def test_the_law_s_forms_are_accepted_for_vien_chuc(ctx, unit_id):
    person = _person(ctx, unit_id, "Trần Thị Nhận", "VIEN_CHUC")
    for n, form in enumerate(sorted(LAW_FORMS)):
        _discipline(ctx, person, form, f"01/0{n + 1}/2024")
    assert len(_rows(ctx)) == len(LAW_FORMS)


def test_an_existing_giang_chuc_on_a_vien_chuc_is_found_with_its_source(ctx, unit_id):
    # a contract worker's record (not refused: the regime is not viên chức), then recruited
    made_vc = _person(ctx, unit_id, "Phạm Văn Chuyển", "HDLD_111")
    _discipline(ctx, made_vc, "GIANG_CHUC", "15/04/2024")
    records.update(ctx, "person", made_vc, {"employment_kind": "VIEN_CHUC"})
    # a row an older version stored without the check
    older = _person(ctx, unit_id, "Đỗ Thị Cũ", "VIEN_CHUC")
    ctx.db.execute("INSERT INTO discipline (person_id, form, from_date) "
                   "VALUES (?, 'GIANG_CHUC', '2023-05-02')", [older])
    fine = _person(ctx, unit_id, "Ngô Văn Đúng", "VIEN_CHUC")
    _discipline(ctx, fine, "CANH_CAO")
    found = [f for f in findings(ctx) if f.rule == "KY_LUAT_KHONG_AP_DUNG"]
    assert sorted(f.person_id for f in found) == sorted([made_vc, older])
    said = {f.person_id: f for f in found}
    assert "15/04/2024" in said[made_vc].message and "«Giáng chức»" in said[made_vc].message
    assert "02/05/2023" in said[older].message
    assert all(f.source.startswith("Luật Viên chức 58/2010/QH12 Điều 52") and f.severity == "loi"
               for f in found)


def test_a_khien_trach_delays_the_step_three_months(ctx, unit_id):
    # A1 step 2 since 01/06/2023: 36 months → 01/06/2026; khiển trách 01/03/2024 inside → 01/09/2026
    person = _person(ctx, unit_id, "Vũ Thị Chậm", "VIEN_CHUC", salary_class="A1", salary_step=2,
                     coefficient=2.67, step_since="01/06/2023")
    _discipline(ctx, person, "KHIEN_TRACH")
    [got] = [d for d in due.step_raises(ctx, dt.date(2026, 9, 1), dt.date(2026, 9, 30))
             if d.person_id == person]
    assert (got.due_on, got.delay_months) == (dt.date(2026, 9, 1), 3)


def test_an_existing_database_gets_the_corrected_catalogues(db_path, ctx):
    # A database that installed version 2026.12.3 (the law branch before its merge): the lương cơ sở
    # 2026 label said «chưa kiểm chứng», khiển trách delayed 6 months, no applies_to.
    ctx.db.execute("UPDATE catalogue_item SET label = '2.530.000 đ (chưa kiểm chứng)' "
                   "WHERE kind = 'luong_co_so' AND code = '2026-07-01'")
    ctx.db.execute("UPDATE catalogue_item SET data = json_remove(json_set(data, '$.delay_months', 6), "
                   "'$.applies_to') WHERE kind = 'hinh_thuc_ky_luat'")
    ctx.db.execute("UPDATE catalogue_version SET version = '2026.12.3' "
                   "WHERE kind IN ('luong_co_so', 'hinh_thuc_ky_luat')")
    ctx.close()
    reopened = open_context(db_path, today=ctx.today)
    try:
        label = reopened.db.execute("SELECT label FROM catalogue_item WHERE kind = 'luong_co_so' "
                                    "AND code = '2026-07-01'").fetchone()[0]
        assert label == "2.530.000 đ (NĐ 161/2026/NĐ-CP)"
        form = reopened.catalogues.item("hinh_thuc_ky_luat", "KHIEN_TRACH")
        assert (form["delay_months"], form["applies_to"]) == (3, ["vien_chuc", "nguoi_lao_dong"])
    finally:
        reopened.close()


def test_an_imported_giang_chuc_for_a_vien_chuc_is_refused_naming_the_row(ctx, unit_id, tmp_path):
    import openpyxl

    from desktop_app.importing.service import import_file
    from desktop_app.importing.template import HEADER_ROW, template_fields, write_template

    _person(ctx, unit_id, "Hoàng Thị Nhập", "VIEN_CHUC", cccd="027186000999")
    path = tmp_path / "ky_luat.xlsx"
    write_template(ctx, "discipline", path)
    book = openpyxl.load_workbook(path)
    names = [f.name for f in template_fields("discipline")]
    for name, value in {"person_id": "027186000999", "form": "Giáng chức", "from_date": "01/02/2025"}.items():
        book.worksheets[0].cell(HEADER_ROW + 1, names.index(name) + 1, value)
    book.save(path)
    before = _rows(ctx)
    result = import_file(ctx, "discipline", path)
    [problem] = result.problems
    assert problem.row == HEADER_ROW + 1 and "Điều 52" in problem.message and problem.field == "form"
    assert _rows(ctx) == before
