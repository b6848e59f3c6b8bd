"""No column dropped in silence, headers read tolerantly, units by name and by sheet
(issue #17 points 3–4)."""

from __future__ import annotations

from openpyxl import Workbook

from desktop_app.cli import run
from desktop_app.importing.service import import_file, preview
from desktop_app.services import records


def test_abbreviated_and_slashed_headers_are_read_and_unknown_ones_listed(ctx, units, tmp_path, capsys):
    path = tmp_path / "ds.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Năm sinh", "Trường", "Mã ngạch/CDNN", "Trình độ CM",
                "Trình độ LLCT", "Sở thích", "Ghi chú 2", "Cột trống"])
    ws.append([1, "Nguyễn Văn An", 1980, "TH01", "V.07.03.29", "ĐHSP", "Trung cấp", "Bóng đá", "x", None])
    ws.append([2, "Lê Thị Bình", 1985, "TH01", "V.07.03.29", "CĐSP", "Sơ cấp", None, None, None])
    wb.save(path)
    plan = preview("staff", path)
    fields = {c.header: c.field for c in plan.layouts[0].columns}
    assert fields["Mã ngạch/CDNN"] == "title_code" and fields["Trình độ CM"] == "education_level"
    assert fields["Trình độ LLCT"] == "politics_level" and fields["Trường"] == "unit_id"
    assert [(u.letter, u.header) for u in plan.unused()] == [("H", "Sở thích"), ("I", "Ghi chú 2")]
    assert "Ghi chú" in plan.unused()[1].near  # the closest field is offered
    assert run(["import", "staff", str(path), "--db", str(ctx.path)]) == 0
    out = capsys.readouterr().out
    assert "cột H «Sở thích» (trang Sheet): không dùng" in out
    got = ctx.db.execute("SELECT full_name, title_code, education_level, politics_level FROM person "
                         "ORDER BY id").fetchall()
    assert got == [("Nguyễn Văn An", "V.07.03.29", "DH", "TRUNG_CAP"),
                   ("Lê Thị Bình", "V.07.03.29", "CD", "SO_CAP")]


def test_units_named_the_way_clerks_name_them(ctx, units, tmp_path):
    thcs = records.create(ctx, "unit", {"code": "THCS01", "name": "Trường Trung học cơ sở Phúc Đồng",
                                        "field": "THCS"})
    path = tmp_path / "ds.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Ngày sinh", "Đơn vị"])
    for i, unit in enumerate(["TH Phúc Đồng", "tiểu học phúc đồng", "MN Hoa Sen", "Mầm non Hoa Sen",
                              "THCS Phúc Đồng", "th01"], start=1):
        ws.append([f"Người {i}", f"01/01/198{i}", unit])
    wb.save(path)
    result = import_file(ctx, "staff", path)
    assert result.ok, [str(p) for p in result.problems]
    got = [r[0] for r in ctx.db.execute("SELECT unit_id FROM person ORDER BY id")]
    assert got == [units["TH01"], units["TH01"], units["MN01"], units["MN01"], thcs, units["TH01"]]
    assert ("MN Hoa Sen", "MN01 – Trường Mầm non Hoa Sen") in {(t.value, t.option) for t in result.taken}


def test_a_workbook_with_one_sheet_per_unit(ctx, units, tmp_path):
    path = tmp_path / "ds.xlsx"
    wb = Workbook()
    first = wb.active
    first.title = "TH Phúc Đồng"
    first.append(["Họ và tên", "Ngày sinh", "Hệ số lương"])
    first.append(["Người Một", "01/01/1981", 2.34])
    second = wb.create_sheet("Trang 2")
    second.append(["DANH SÁCH VIÊN CHỨC TRƯỜNG MẦM NON HOA SEN NĂM 2026"])
    second.append(["Họ và tên", "Ngày sinh", "Hệ số lương"])
    second.append(["Người Hai", "02/02/1982", 2.67])
    wb.save(path)
    result = import_file(ctx, "staff", path)
    assert result.ok, [str(p) for p in result.problems]
    got = dict(ctx.db.execute("SELECT full_name, unit_id FROM person").fetchall())
    assert got == {"Người Một": units["TH01"], "Người Hai": units["MN01"]}
    assert any("Trang Trang 2: đơn vị MN01" in n for n in result.notes)


def test_a_sheet_naming_no_unit_still_asks_for_the_column(ctx, units, tmp_path):
    path = tmp_path / "ds.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(["Họ và tên", "Ngày sinh", "Hệ số lương"])
    ws.append(["Người Một", "01/01/1981", 2.34])
    wb.save(path)
    result = import_file(ctx, "staff", path)
    assert not result.ok and "không có cột «Đơn vị»" in str(result.problems[0])
    assert ctx.db.execute("SELECT count(*) FROM person").fetchone()[0] == 0
