"""Every import kind, with the clerk's typical sheets (issue #17 point 8): a quota table with
units down and years/sources across under a two-row header, a budget table in đồng or triệu
đồng (the assumption said), an evaluation list by year, positions by unit name."""

from __future__ import annotations

from openpyxl import Workbook

from desktop_app.importing.service import import_file
from desktop_app.services import records


def test_quota_table_units_down_years_and_sources_across(ctx, units, tmp_path):
    path = tmp_path / "bien_che.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["BẢNG GIAO SỐ LƯỢNG NGƯỜI LÀM VIỆC"])
    ws.append(["STT", "Đơn vị", "Năm 2025", None, None, "Năm 2026", None, None])
    ws.append([None, None, "NSNN", "Nguồn thu", "HĐLĐ", "NSNN", "Nguồn thu", "HĐLĐ"])
    ws.append([1, "TH Phúc Đồng", 40, 2, 3, 38, 2, 3])
    ws.append([2, "Mầm non Hoa Sen", 25, None, 4, 24, 1, 4])
    ws.append([None, "Tổng cộng", 65, 2, 7, 62, 3, 7])
    for cells in ("A2:A3", "B2:B3", "C2:E2", "F2:H2"):
        ws.merge_cells(cells)
    wb.save(path)
    result = import_file(ctx, "quotas", path)
    assert result.ok, [str(p) for p in result.problems]
    got = ctx.db.execute("SELECT u.code, q.year, q.nsnn, q.revenue_paid, q.contract FROM quota q "
                         "JOIN unit u ON u.id = q.unit_id ORDER BY u.code, q.year").fetchall()
    assert got == [("MN01", 2025, 25, 0, 4), ("MN01", 2026, 24, 1, 4),
                   ("TH01", 2025, 40, 2, 3), ("TH01", 2026, 38, 2, 3)]


def budget(path, title: str | None, amounts: tuple) -> None:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    ws.append(["Đơn vị", "Năm", "Tổng nguồn thu", "Chi thường xuyên", "Chi NSNN"])
    ws.append(["TH01", 2025, *amounts])
    wb.save(path)


def finance(ctx) -> tuple:
    return ctx.db.execute("SELECT revenue, recurrent_spending, nsnn_spending FROM finance").fetchone()


def test_budget_in_dong_is_stored_in_trieu_dong_and_said(ctx, units, tmp_path):
    path = tmp_path / "tc.xlsx"
    budget(path, "ĐVT: đồng", ("1.250.000.000", 9_800_000_000, 8_550_000_000))
    result = import_file(ctx, "budget", path)
    assert result.ok, [str(p) for p in result.problems]
    assert finance(ctx) == (1250.0, 9800.0, 8550.0)
    assert any("số tiền tính bằng đồng (theo «ĐVT: đồng»)" in n for n in result.notes)


def test_budget_without_a_unit_is_read_by_size_and_the_guess_said(ctx, units, tmp_path):
    big, small = tmp_path / "lon.xlsx", tmp_path / "nho.xlsx"
    budget(big, None, (1_250_000_000, 9_800_000_000, 8_550_000_000))
    said = import_file(ctx, "budget", big, dry_run=True).notes
    assert any("được hiểu là đồng" in n for n in said)
    budget(small, "Đơn vị tính: triệu đồng", (1250, 9800, 8550))
    result = import_file(ctx, "budget", small)
    assert result.ok and finance(ctx) == (1250.0, 9800.0, 8550.0)
    assert any("triệu đồng" in n for n in result.notes)


def test_evaluation_lists_by_year(ctx, units, tmp_path):
    for i, name in enumerate(("Nguyễn Văn An", "Trần Thị Bình"), start=1):
        records.create(ctx, "person", {"full_name": name, "cccd": f"00108000000{i}", "unit_id": "TH01"})
    across, titled = tmp_path / "qua_cac_nam.xlsx", tmp_path / "nam_2025.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Số CCCD", "2023", "Năm 2024"])
    ws.append(["Nguyễn Văn An", "001080000001", "HTXS", "Hoàn thành tốt nhiệm vụ"])
    ws.append(["Trần Thị Bình", "001080000002", "HTT", None])
    wb.save(across)
    result = import_file(ctx, "evaluations", across)
    assert result.ok, [str(p) for p in result.problems]
    wb = Workbook()
    ws = wb.active
    ws.append(["KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI VIÊN CHỨC NĂM 2025"])
    ws.append(["Họ và tên", "Xếp loại"])
    ws.append(["Nguyễn Văn An", "HT"])
    ws.append(["Trần Thị Bình", "Hoàn thành xuất sắc"])
    wb.save(titled)
    result = import_file(ctx, "evaluations", titled)
    assert result.ok, [str(p) for p in result.problems]
    assert any("năm 2025" in n for n in result.notes)
    got = ctx.db.execute("SELECT p.full_name, e.year, e.level FROM evaluation e JOIN person p "
                         "ON p.id = e.person_id ORDER BY p.full_name, e.year").fetchall()
    assert got == [("Nguyễn Văn An", 2023, "HTXSNV"), ("Nguyễn Văn An", 2024, "HTTNV"),
                   ("Nguyễn Văn An", 2025, "HTNV"), ("Trần Thị Bình", 2023, "HTTNV"),
                   ("Trần Thị Bình", 2025, "HTXSNV")]


def test_positions_by_unit_name_and_group_in_the_clerks_words(ctx, units, tmp_path):
    path = tmp_path / "vtvl.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Tên trường", "Nhóm VTVL", "Tên vị trí việc làm", "Số lượng cần thiết"])
    ws.append(["TH Phúc Đồng", "Quản lý", "Hiệu trưởng", 1])
    ws.append(["TH Phúc Đồng", "nhóm hỗ trợ", "Kế toán", 1])
    wb.save(path)
    result = import_file(ctx, "positions", path)
    assert result.ok, [str(p) for p in result.problems]
    got = ctx.db.execute("SELECT unit_id, group_code, name FROM position ORDER BY id").fetchall()
    assert got == [(units["TH01"], "QL", "Hiệu trưởng"), (units["TH01"], "HT", "Kế toán")]
