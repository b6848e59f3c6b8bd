"""The date a list describes (issue #17 point 5): the first post of a person whose list gives
no recruitment date starts there as «số liệu ban đầu»; a «Ngày tuyển dụng» is the start of
service; a report for an earlier day says where the staff data begins."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from desktop_app.cli import run
from desktop_app.importing.service import import_file
from desktop_app.reports.engine import Params, build_report


def staff(path, title: str | None) -> None:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append(["ỦY BAN NHÂN DÂN PHƯỜNG PHÚC ĐỒNG"])
        ws.append([title])
    ws.append(["Họ và tên", "Ngày sinh", "Đơn vị", "Ngày tuyển dụng"])
    ws.append(["Người Cũ", "01/01/1980", "TH01", "01/09/2005"])
    ws.append(["Người Chưa Rõ", "02/02/1985", "TH01", None])
    wb.save(path)


def posts(ctx) -> dict[str, tuple]:
    return {r[0]: (r[1], r[2]) for r in ctx.db.execute(
        "SELECT p.full_name, a.valid_from, a.change FROM assignment a JOIN person p ON p.id = a.person_id")}


def on_roll(ctx, day: str) -> set[str]:
    return {r[0] for r in ctx.db.execute(
        "SELECT p.full_name FROM assignment a JOIN person p ON p.id = a.person_id "
        "WHERE a.valid_from <= ? AND (a.valid_to IS NULL OR a.valid_to > ?)", [day, day])}


def test_the_date_read_from_a_title_row_starts_the_imported_state(ctx, units, tmp_path):
    path = tmp_path / "ds.xlsx"
    staff(path, "DANH SÁCH VIÊN CHỨC TÍNH ĐẾN NGÀY 31/12/2020")
    result = import_file(ctx, "staff", path)
    assert result.ok, [str(p) for p in result.problems]
    assert posts(ctx) == {"Người Cũ": ("2005-09-01", "tuyen_dung"),
                          "Người Chưa Rõ": ("2020-12-31", "so_lieu_ban_dau")}
    assert on_roll(ctx, "2021-06-30") == {"Người Cũ", "Người Chưa Rõ"}  # the 2021 roll is not empty
    assert any("31/12/2020" in n for n in result.notes)
    early = build_report(ctx, "slnlv", Params(dt.date(2020, 6, 30), 2020))
    assert any("Số liệu nhân sự bắt đầu từ ngày 31/12/2020" in n for n in early.notes)
    later = build_report(ctx, "slnlv", Params(dt.date(2021, 6, 30), 2021))
    assert not any("bắt đầu từ ngày" in n for n in later.notes)


def test_as_of_given_on_the_command_line_wins(ctx, units, tmp_path):
    path = tmp_path / "ds.xlsx"
    staff(path, "Danh sách tính đến ngày 31 tháng 12 năm 2020")
    assert run(["import", "staff", str(path), "--db", str(ctx.path), "--as-of", "30/06/2021"]) == 0
    assert posts(ctx)["Người Chưa Rõ"] == ("2021-06-30", "so_lieu_ban_dau")


def test_without_a_date_the_list_describes_today(ctx, units, tmp_path):
    path = tmp_path / "ds.xlsx"
    staff(path, None)
    assert import_file(ctx, "staff", path).ok
    assert posts(ctx)["Người Chưa Rõ"] == (ctx.today.isoformat(), "so_lieu_ban_dau")
