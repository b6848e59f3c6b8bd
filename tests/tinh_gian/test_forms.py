"""The tinh giản forms (issue #20): the batch's danh sách with its money, the yearly result
by group and form of settlement (approved and settled batches only), the CLI from a new
batch to its settlement and undo, and both forms written to xlsx and pdf."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from packages.offices import keys_of

from desktop_app.cli import run as cli_run
from desktop_app.context import open_context
from desktop_app.reports.engine import Params, build_report
from desktop_app.reports.model import GROUP, ITEM, TOTAL
from desktop_app.services import tinh_gian
from desktop_app.services import tinh_gian_settle as settle_service


@pytest.fixture
def batches(ctx, people):
    first = tinh_gian.create_batch(ctx, 2026, 2)
    tinh_gian.add_member(
        ctx,
        first,
        people[0],
        {
            "reason_code": "DOI_DU_SAP_XEP",
            "settlement_code": "HUU_TRUOC_TUOI",
            "early_years": 3,
            "manual_amount": 40_000_000,
        },
    )
    tinh_gian.add_member(
        ctx,
        first,
        people[1],
        {
            "reason_code": "CHAT_LUONG_KHTNV",
            "settlement_code": "THOI_VIEC_NGAY",
            "manual_amount": 100_000_000,
        },
    )
    tinh_gian.advance(ctx, first, "da_trinh", "10/02/2026")
    tinh_gian.advance(ctx, first, "duoc_duyet", "01/03/2026", decision_no="12/QĐ-UBND")
    settle_service.settle(ctx, first, "25/03/2026", confirmed=True)
    second = tinh_gian.create_batch(ctx, 2026, 3)  # dự kiến: on its own list, not in the yearly result
    tinh_gian.add_member(
        ctx, second, people[2], {"reason_code": "SUC_KHOE", "settlement_code": "THOI_VIEC_NGAY"}
    )
    return first, second


def _params(**kw):
    return Params(as_of=dt.date(2026, 11, 23), year=2026, **kw)


def test_the_batch_list_has_the_people_their_pay_reason_and_money(ctx, people, batches):
    report = build_report(ctx, "tinh-gian", _params(batch=batches[0]))
    items = [r for r in report.rows if r.kind == ITEM]
    assert [r.label for r in items] == ["Trần Văn An", "Lê Thị Bình"]
    an = items[0].values
    assert an["scale"] == "HS 4,98; PCCV 0,3; TNVK 5%; ƯĐN 30%" and an["base"] == 2_340_000
    assert (an["pay"], an["manual"], an["amount"]) == (16_819_218, 40_000_000, 292_288_270)
    assert an["insurance"] == 30.5 and an["left_on"] == "01/04/2026" and an["nam"] == "15/05/1970"
    assert an["reason"] == "Dôi dư do sắp xếp" and an["settlement"] == "Nghỉ hưu trước tuổi"
    assert any("số điều, khoản của lý do chưa đối chiếu" in n for n in report.notes)
    formula = next(n for n in report.notes if n.startswith("Cách tính kinh phí theo công thức"))
    assert "Trần Văn An (" in formula
    assert "5 tháng lương × 3 năm nghỉ hưu trước tuổi = 252.288.270 đ" in formula
    assert an["note"].startswith("Cách tính: xem dưới bảng") and "Lê Thị Bình" not in formula
    binh = items[1].values
    assert binh["nu"] == "15/05/1970" and "tháng lương" not in binh["note"] and binh["amount"] == 100_000_000
    total = report.rows[-1]
    assert total.kind == TOTAL and total.values["amount"] == 392_288_270 == an["amount"] + binh["amount"]
    marked = {c.label for c in report.columns if c.unverified}
    assert {"Lý do tinh giản (điểm, khoản, Điều NĐ 154/2025)", "Kinh phí (đồng)"} <= marked


def test_the_year_list_shows_every_batch_with_its_state(ctx, people, batches):
    rows = build_report(ctx, "tinh-gian", _params()).rows
    assert [(r.label, r.values["note"]) for r in rows if r.kind == GROUP] == [
        ("Đợt quý 2/2026", "Đã giải quyết; hạn nộp 15/02/2026"),
        ("Đợt quý 3/2026", "Dự kiến; hạn nộp 15/05/2026"),
    ]
    assert [r.label for r in rows if r.kind == ITEM] == ["Trần Văn An", "Lê Thị Bình", "Phạm Văn Cường"]
    assert "CHƯA NHẬP" in rows[-2].values["note"]


def test_the_yearly_result_counts_approved_and_settled_batches_by_group_and_form(ctx, people, batches):
    rows = build_report(ctx, "tinh-gian-kq", _params()).rows
    by_label = {}
    current = None
    for r in rows:
        current = r.label if r.kind == GROUP else current
        by_label[(current, r.label)] = r.values
    vc = "Viên chức"
    assert (
        by_label[(vc, "Nghỉ hưu trước tuổi")]["settled"],
        by_label[(vc, "Nghỉ hưu trước tuổi")]["amount"],
    ) == (1, 292_288_270)
    assert by_label[(vc, "Thôi việc ngay")]["people"] == 1
    assert by_label[(vc, vc)]["people"] == 2 and by_label[(vc, vc)]["computed"] == 252_288_270
    total = rows[-1].values
    assert (total["people"], total["settled"], total["manual"], total["amount"]) == (
        2,
        2,
        140_000_000,
        392_288_270,
    )


def test_cli_from_new_batch_to_settlement_and_undo_then_export(ctx, people, db_path, tmp_path, capsys):
    ctx.close()
    db = ["--db", str(db_path)]
    assert cli_run(["tinh-gian", "new", "--year", "2026", "--quarter", "4", *db]) == 0
    assert "hạn nộp hồ sơ 15/08/2026" in capsys.readouterr().out
    assert (
        cli_run(
            [
                "tinh-gian",
                "add",
                "1",
                "--cccd",
                "001070000003",
                "--reason",
                "X",
                "--settlement",
                "THOI_VIEC_NGAY",
                *db,
            ]
        )
        == 2
    )
    assert "Lý do tinh giản" in capsys.readouterr().err
    assert (
        cli_run(
            [
                "tinh-gian",
                "add",
                "1",
                "--cccd",
                "001070000003",
                "--reason",
                "DOI_DU_SAP_XEP",
                "--settlement",
                "THOI_VIEC_NGAY",
                "--manual",
                "90000000",
                *db,
            ]
        )
        == 0
    )
    for state, day in (("da_trinh", "01/08/2026"), ("duoc_duyet", "01/09/2026")):
        assert cli_run(["tinh-gian", "advance", "1", "--to", state, "--date", day, *db]) == 0
    assert cli_run(["tinh-gian", "settle", "1", "--date", "30/09/2026", "--yes", *db]) == 0
    check = open_context(db_path, today=dt.date(2026, 11, 23))
    try:
        assert check.db.execute(
            "SELECT left_on, leave_reason FROM person WHERE cccd = '001070000003'"
        ).fetchone() == ("2026-10-01", "TINH_GIAN")
    finally:
        check.close()
    out = tmp_path / "tg"
    assert cli_run(["export", "tinh-gian", "--batch", "1", "--year", "2026", "--out", str(out), *db]) == 0
    assert cli_run(["export", "tinh-gian-kq", "--year", "2026", "--out", str(tmp_path / "kq.xlsx"), *db]) == 0
    sheet = openpyxl.load_workbook(out.with_suffix(".xlsx")).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Phạm Văn Cường" in cells and 90_000_000 in cells
    assert out.with_suffix(".pdf").stat().st_size > 0
    assert cli_run(["tinh-gian", "undo", "1", *db]) == 0
    check = open_context(db_path, today=dt.date(2026, 11, 23))
    try:
        assert check.db.execute("SELECT left_on FROM person WHERE cccd = '001070000003'").fetchone() == (
            None,
        )
    finally:
        check.close()


def test_kq_nq19_takes_its_tinh_gian_line_from_approved_and_settled_batches(ctx, people, batches):
    notes = build_report(ctx, "kq-nq19", _params()).notes
    assert any("2 người được phê duyệt, trong đó 2 người đã giải quyết" in n for n in notes), notes
    settle_service.undo(ctx, batches[0])  # approved again, no longer settled
    notes = build_report(ctx, "kq-nq19", _params()).notes
    assert any("2 người được phê duyệt, trong đó 0 người đã giải quyết" in n for n in notes), notes


def test_an_unverified_lương_cơ_sở_is_said_on_the_row(ctx, people):
    batch = tinh_gian.create_batch(
        ctx, 2027, 1
    )  # 01/01/2027: the 2.530.000 level
    tinh_gian.add_member(
        ctx, batch, people[2], {"reason_code": "SUC_KHOE", "settlement_code": "THOI_VIEC_NGAY"}
    )
    [row] = [r for r in build_report(ctx, "tinh-gian", _params(batch=batch)).rows if r.kind == ITEM]
    from desktop_app.services import salary

    level = salary.base_on(ctx, dt.date(2027, 1, 1))  # NĐ 161/2026, verified since #21
    assert row.values["base"] == level.amount == 2_530_000
    assert ("lương cơ sở 01/07/2026 chưa kiểm chứng" in (row.values["note"] or "")) == (not level.verified)


def test_a_package_carries_the_batches_to_the_province(ctx, people, batches, tmp_path):
    from desktop_app.packages import consolidate
    from desktop_app.packages.export import export_package
    from desktop_app.services import office

    path = tmp_path / "goi.zip"
    export_package(ctx, path)
    province = open_context(tmp_path / "tinh.sqlite", today=dt.date(2026, 11, 23))
    try:
        office.save(province, {"name": "Sở Nội vụ thành phố Hà Nội", "level": "tinh"})
        consolidate.import_packages(province, [path], trust=keys_of(path))
        for form_id in ("tinh-gian", "tinh-gian-kq"):
            mine = [
                (r.kind, r.label, r.values.get("amount")) for r in build_report(ctx, form_id, _params()).rows
            ]
            theirs = [
                (r.kind, r.label, r.values.get("amount"))
                for r in build_report(province, form_id, _params()).rows
            ]
            assert theirs == mine, form_id
    finally:
        province.close()
