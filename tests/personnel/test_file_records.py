"""The personnel-file records (issue #19, point 1): stored converted, audited, validated with a
clear message and nothing written, undone and redone; the step date and its history; import by
synonyms; the package round trip and consolidation; the upgrade to m0008."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import zipfile

import openpyxl
import pytest
from openpyxl import Workbook
from packages.offices import make_office, open_province

from db import migrations
from desktop_app.context import open_context
from desktop_app.errors import ValidationError
from desktop_app.importing.service import entity_of, import_file
from desktop_app.packages import consolidate, fmt
from desktop_app.packages.export import export_package
from desktop_app.services import personnel_file, records, staff, staff_actions
from desktop_app.services.history import History

from .file_fixtures import RECORDS, fill_file


def content_hash(db) -> str:
    """Every row of every data table (not the dashboard log): equal means nothing was written."""
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                      "AND name NOT LIKE 'dash_%' AND name <> 'sqlite_sequence'")]
    return repr([(t, db.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall()) for t in sorted(names)])  # noqa: S608


FILE_TABLES = ["training", "award", "discipline", "family_member", "prior_work", "contract"]


@pytest.fixture
def person(ctx, unit_id):
    return records.create(ctx, "person", {
        "full_name": "Nguyễn Thị Lan", "birth_date": "15/05/1986", "gender": "nu", "unit_id": unit_id,
        "cccd": "027186000123", "salary_class": "A1", "salary_step": 2, "coefficient": 2.67,
        "step_since": "01/09/2023", "recruited_on": "01/09/2018"})


def test_every_kind_is_stored_as_typed_and_audited(ctx, person):
    ids = fill_file(ctx, person)
    row = ctx.db.execute("SELECT kind, from_date, to_date, mode, institution FROM training "
                         "WHERE id = ?", [ids["training"][0]]).fetchone()
    assert row == ("dao_tao", "2004-09", "2008-06", "chinh_quy", "Trường Đại học Sư phạm Hà Nội")
    assert ctx.db.execute("SELECT form, from_date, decision_body FROM discipline").fetchone() == (
        "KHIEN_TRACH", "2022-04-01", "Trường Tiểu học số 1")
    assert ctx.db.execute("SELECT kind, to_date FROM contract ORDER BY id").fetchall() == [
        ("HDLV_XD", "2021-08-31"), ("HDLV_KXD", None)]
    for table in FILE_TABLES:
        expected = sum(1 for name, _ in RECORDS if name == table)
        audited = ctx.db.execute("SELECT count(DISTINCT entity_id) FROM audit WHERE action = 'them' "
                                 "AND entity = ?", [table]).fetchone()[0]
        assert audited == expected == len(personnel_file.for_person(ctx, table, person))
    assert [r["year"] for r in personnel_file.for_person(ctx, "award", person)] == [2023]


BAD = [
    ("training", {"kind": "Đào tạo", "from_date": "09/2010", "to_date": "06/2008"}, "to_date"),
    ("training", {"kind": "Tự học"}, "kind"),
    ("award", {"form": "Giấy khen"}, "year"),
    ("discipline", {"form": "Phạt tiền", "from_date": "01/01/2024"}, "form"),
    ("discipline", {"form": "Cảnh cáo", "from_date": "31/02/2024"}, "from_date"),
    ("family_member", {"side": "ban_than", "relation": "Con", "full_name": "Nguyễn Văn B",
                       "birth_year": 2031}, "birth_year"),
    ("prior_work", {"from_date": "2015"}, "place"),
    ("contract", {"kind": "HDLV_XD", "from_date": "01/09/2024"}, "to_date"),
    ("contract", {"kind": "HDLV_KXD", "from_date": "01/09/2024", "ended_on": "01/01/2020"}, "ended_on"),
]


@pytest.mark.parametrize(("entity", "raw", "field"), BAD)
def test_bad_input_names_the_field_and_writes_nothing(ctx, person, entity, raw, field):
    before = content_hash(ctx.db)
    with pytest.raises(ValidationError) as err:
        records.create(ctx, entity, {"person_id": person, **raw})
    assert field in [p.field for p in err.value.problems]
    assert all(p.label for p in err.value.problems)  # a Vietnamese column name for each
    assert content_hash(ctx.db) == before


def test_a_record_of_nobody_is_refused(ctx, person):
    with pytest.raises(ValidationError) as err:
        records.create(ctx, "award", {"person_id": "099999999999", "year": 2024, "form": "Bằng khen"})
    assert err.value.problems[0].field == "person_id"


def test_edit_undo_redo_and_delete_are_audited(ctx, person):
    history = History(ctx)
    rid = history.save("award", {"person_id": person, "year": 2024, "form": "Giấy khen"})
    history.save("award", {"form": "Bằng khen", "level": "tinh"}, rid)
    assert ctx.db.execute("SELECT form, level FROM award").fetchone() == ("Bằng khen", "tinh")
    history.undo()
    assert ctx.db.execute("SELECT form, level FROM award").fetchone() == ("Giấy khen", None)
    history.undo()
    assert ctx.db.execute("SELECT count(*) FROM award").fetchone()[0] == 0
    history.redo()
    history.redo()
    assert ctx.db.execute("SELECT form, level FROM award").fetchone() == ("Bằng khen", "tinh")
    actions = [r[0] for r in ctx.db.execute("SELECT action FROM audit WHERE entity = 'award' ORDER BY id")]
    steps = [a for i, a in enumerate(actions) if i == 0 or actions[i - 1] != a]  # one row per field
    assert steps == ["them", "sua", "xoa", "them", "sua"]


def test_step_date_has_history_through_the_raise(ctx, person):
    staff_actions.apply(ctx, person, "nang_luong", {"valid_from": "01/09/2026", "salary_step": "3",
                                                    "coefficient": "3,00"})
    rows = [(a["salary_step"], a["step_since"], a["valid_from"], a["valid_to"])
            for a in staff.history(ctx, person)]
    assert rows == [(2, "2023-09-01", "2018-09-01", "2026-09-01"), (3, "2026-09-01", "2026-09-01", None)]
    now = ctx.db.execute("SELECT step_since FROM person WHERE id = ?", [person]).fetchone()[0]
    assert now == "2026-09-01"


@pytest.mark.parametrize("header", ["Ngày hưởng bậc hiện tại", "Mốc nâng lương", "Thời điểm hưởng",
                                    "Ngày xếp bậc"])
def test_step_date_imports_under_its_synonyms(ctx, unit_id, tmp_path, header):
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Số CCCD", "Đơn vị", header])
    ws.append(["Trần Văn Bình", "001080000777", "TH01", "01/07/2024"])
    wb.save(tmp_path / "ns.xlsx")
    result = import_file(ctx, "staff", tmp_path / "ns.xlsx")
    assert not result.problems
    stored = ctx.db.execute("SELECT step_since FROM person WHERE cccd = '001080000777'").fetchone()[0]
    assert stored == "2024-07-01"


def test_each_kind_imports_by_cccd(ctx, person, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Số CCCD", "Năm", "Hình thức khen thưởng", "Cấp khen thưởng", "Số QĐ"])
    ws.append(["027186000123", 2024, "Bằng khen", "Tỉnh, thành phố", "99/QĐ-UBND"])
    wb.save(tmp_path / "kt.xlsx")
    assert entity_of("awards").name == "award"
    assert not import_file(ctx, "awards", tmp_path / "kt.xlsx").problems
    assert ctx.db.execute("SELECT person_id, year, level, decision_no FROM award").fetchone() == (
        person, 2024, "tinh", "99/QĐ-UBND")


# ------------------------------------------------------------ packages and consolidation

def _file_rows(db, table: str) -> list[tuple]:
    """The table's rows with the person as CCCD (ids differ after consolidation)."""
    cols = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] not in ("id", "person_id",
                                                                                   "office_uid")]
    sql = (f"SELECT p.cccd, {', '.join('t.' + c for c in cols)} FROM {table} t "  # noqa: S608
           f"JOIN person p ON p.id = t.person_id ORDER BY p.cccd, t.id")
    return db.execute(sql).fetchall()


def test_package_round_trip_and_consolidation(tmp_path):
    office = make_office(tmp_path, "Ủy ban nhân dân xã Đông Tiến", 0)
    province = open_province(tmp_path)
    try:
        people = [r[0] for r in office.db.execute("SELECT id FROM person ORDER BY id LIMIT 2")]
        for pid in people:
            fill_file(office, pid)
        export_package(office, tmp_path / "goi.zip")
        outcome = consolidate.import_packages(province, [tmp_path / "goi.zip"], make_backup=False)
        assert outcome.summaries[0].status == consolidate.NHAP, outcome.summaries[0].reason
        for table in FILE_TABLES:
            assert _file_rows(province.db, table) == _file_rows(office.db, table) != []
        uid = office.db.execute("SELECT uid FROM office").fetchone()[0]
        owners = {r[0] for t in FILE_TABLES for r in province.db.execute(f"SELECT office_uid FROM {t}")}  # noqa: S608
        assert owners == {uid}
    finally:
        office.close()
        province.close()


def test_a_package_from_before_the_personnel_file_still_imports(tmp_path):
    office = make_office(tmp_path, "Ủy ban nhân dân xã Yên Phong", 1)
    province = open_province(tmp_path)
    try:
        manifest = export_package(office, tmp_path / "moi.zip")
        old = [t for t in manifest["tables"] if t["name"] not in FILE_TABLES]
        manifest = {**manifest, "tables": old, "data_sha256": fmt.data_sha256(old)}
        with zipfile.ZipFile(tmp_path / "moi.zip") as src, zipfile.ZipFile(tmp_path / "cu.zip", "w") as dst:
            for t in old:
                dst.writestr(t["member"], src.read(t["member"]))
            import json
            dst.writestr(fmt.MANIFEST, json.dumps(manifest, ensure_ascii=False))
        outcome = consolidate.import_packages(province, [tmp_path / "cu.zip"], make_backup=False)
        assert outcome.summaries[0].status == consolidate.NHAP, outcome.summaries[0].reason
        assert province.db.execute("SELECT count(*) FROM person").fetchone()[0] == \
            office.db.execute("SELECT count(*) FROM person").fetchone()[0]
    finally:
        office.close()
        province.close()


# ------------------------------------------------------------ upgrade

def test_upgrade_from_the_previous_schema_keeps_every_row(tmp_path):
    path = tmp_path / "cu.sqlite"
    conn = sqlite3.connect(path)
    migrations.migrate(conn, upto=migrations.LATEST - 1)
    conn.execute("INSERT INTO unit (id, code, name, field) VALUES (1, 'TH01', 'Trường Tiểu học', 'TH')")
    conn.execute("INSERT INTO person (id, full_name, unit_id, salary_step, cccd) "
                 "VALUES (7, 'Lê Văn Cũ', 1, 3, '001070000001')")
    conn.execute("INSERT INTO assignment (person_id, valid_from, change, unit_id, salary_step) "
                 "VALUES (7, '2015-01-01', 'tuyen_dung', 1, 3)")
    conn.commit()
    before = {t: conn.execute(f"SELECT * FROM {t}").fetchall() for t in ("unit", "person", "assignment")}  # noqa: S608
    conn.close()
    ctx = open_context(path, today=dt.date(2026, 11, 23))
    try:
        assert ctx.db.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
        for table, rows in before.items():
            width = len(rows[0])
            assert [r[:width] for r in ctx.db.execute(f"SELECT * FROM {table}").fetchall()] == rows  # noqa: S608
        assert ctx.db.execute("SELECT step_since, seniority_since FROM person").fetchone() == (None, None)
        records.create(ctx, "contract", {"person_id": 7, "kind": "HDLV_KXD", "from_date": "01/01/2015"})
        assert ctx.db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        ctx.close()
    shutil.copy(path, tmp_path / "again.sqlite")


@pytest.mark.parametrize(("kind", "row", "table", "expected"), [
    ("training", {"kind": "Bồi dưỡng", "from_date": "03/2021", "institution": "Trường Chính trị tỉnh"},
     "training", ("boi_duong", "2021-03", "Trường Chính trị tỉnh")),
    ("family", {"side": "Bên vợ (hoặc chồng)", "relation": "Bố", "full_name": "Vũ Văn Nam",
                "birth_year": 1955},
     "family_member", ("vo_chong", "Bố", "Vũ Văn Nam")),
    ("prior-work", {"from_date": "2010", "to_date": "2015", "place": "Công ty Minh Phát"},
     "prior_work", ("2010", "2015", "Công ty Minh Phát")),
    ("contracts", {"kind": "Hợp đồng làm việc xác định thời hạn", "from_date": "01/09/2024",
                   "to_date": "31/08/2027"}, "contract", ("HDLV_XD", "2024-09-01", "2027-08-31")),
    ("discipline", {"form": "Cảnh cáo", "from_date": "01/02/2025"}, "discipline", ("CANH_CAO", "2025-02-01")),
])
def test_template_filled_in_and_imported(ctx, person, tmp_path, kind, row, table, expected):
    from desktop_app.importing.template import HEADER_ROW, template_fields, write_template

    path = tmp_path / f"{kind}.xlsx"
    write_template(ctx, kind, path)
    book = openpyxl.load_workbook(path)
    names = [f.name for f in template_fields(kind)]
    for name, value in {"person_id": "027186000123", **row}.items():
        book.worksheets[0].cell(HEADER_ROW + 1, names.index(name) + 1, value)
    book.save(path)
    result = import_file(ctx, kind, path)
    assert not result.problems, result.problems
    columns = {"training": "kind, from_date, institution", "family_member": "side, relation, full_name",
               "prior_work": "from_date, to_date, place", "contract": "kind, from_date, to_date",
               "discipline": "form, from_date"}[table]
    assert ctx.db.execute(f"SELECT person_id, {columns} FROM {table}").fetchall() == [(person, *expected)]  # noqa: S608


def test_the_data_fingerprint_covers_the_file(ctx, person):
    from desktop_app.services.fingerprint import data_fingerprint

    before = data_fingerprint(ctx)
    rid = records.create(ctx, "award", {"person_id": person, "year": 2024, "form": "Giấy khen"})
    assert data_fingerprint(ctx) != before
    records.delete(ctx, "award", rid)
    assert data_fingerprint(ctx) == before
