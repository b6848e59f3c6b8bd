"""The due lists as report forms (nang-luong, nang-luong-truoc-han, nghi-huu, hop-dong): the
period defaults to the month, boundary days hold exactly the right people, the CLI exports them
and --apply writes the actions after confirmation. Retirement dates are worked out by hand from
the roadmap of NĐ 135/2020 (men: 61 years 6 months in 2026, 61 years 3 months in 2025)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.cli import run
from desktop_app.reports.engine import Params, build_report
from desktop_app.reports.model import ITEM, NOTE
from desktop_app.services import records

D = dt.date


def _names(ctx, form, first, last, unit=None) -> set[str]:
    report = build_report(ctx, form, Params(as_of=ctx.today, year=first.year, unit_code=unit,
                                            date_from=first, date_to=last))
    return {r.label for r in report.rows if r.kind == ITEM}


@pytest.fixture
def retirees(ctx, unit_id):
    # born 04/1965 → 61y6m reached 10/2026 → retires 01/11/2026; 05/1965 → 01/12/2026; 06/1965 → 01/01/2027
    for name, born in (("Nghỉ Tháng Mười Một", "20/04/1965"), ("Nghỉ Tháng Mười Hai", "20/05/1965"),
                       ("Nghỉ Tháng Một", "20/06/1965")):
        records.create(ctx, "person", {"full_name": name, "birth_date": born, "gender": "nam",
                                       "unit_id": unit_id})
    left = records.create(ctx, "person", {"full_name": "Đã Thôi Việc", "birth_date": "20/05/1965",
                                          "gender": "nam", "unit_id": unit_id})
    records.update(ctx, "person", left, {"left_on": "01/10/2026"})


@pytest.mark.parametrize(("day", "expected"), [
    (D(2026, 11, 30), set()), (D(2026, 12, 1), {"Nghỉ Tháng Mười Hai"}), (D(2026, 12, 2), set()),
    (D(2026, 11, 1), {"Nghỉ Tháng Mười Một"}), (D(2027, 1, 1), {"Nghỉ Tháng Một"})])
def test_retirement_list_on_boundary_days(ctx, retirees, day, expected):
    assert _names(ctx, "nghi-huu", day, day) == expected


def test_retirement_list_gives_notice_and_decision_days(ctx, retirees):
    report = build_report(ctx, "nghi-huu", Params(as_of=D(2026, 12, 10), year=2026))  # default: December
    [row] = [r for r in report.rows if r.kind == ITEM]
    assert (row.values["retire"], row.values["notice"], row.values["decision"]) == (
        "01/12/2026", "01/06/2026", "01/09/2026")
    assert report.subject == "Từ ngày 01/12/2026 đến ngày 31/12/2026"


@pytest.fixture
def contracts(ctx, unit_id):
    for n, end in enumerate(("30/11/2026", "01/12/2026", "31/12/2026", "01/01/2027", "31/12/2026")):
        person = records.create(ctx, "person", {"full_name": f"Hợp Đồng {end}#{n}", "unit_id": unit_id,
                                                "cccd": f"0010900000{n:02d}"})
        records.create(ctx, "contract", {"person_id": person, "kind": "HDLV_XD", "number": f"{n}/HĐ",
                                         "from_date": "01/09/2024", "to_date": end,
                                         "ended_on": "15/12/2026" if n == 4 else None})


def test_contract_list_in_december(ctx, contracts):
    assert _names(ctx, "hop-dong", D(2026, 12, 1), D(2026, 12, 31)) == {
        "Hợp Đồng 01/12/2026#1", "Hợp Đồng 31/12/2026#2"}  # #4 already ended, #0 and #3 outside
    assert _names(ctx, "hop-dong", D(2026, 11, 30), D(2026, 11, 30)) == {"Hợp Đồng 30/11/2026#0"}
    assert _names(ctx, "hop-dong", D(2027, 1, 1), D(2027, 1, 1)) == {"Hợp Đồng 01/01/2027#3"}


def test_cli_exports_a_period_and_applies_after_confirmation(ctx, contracts, db_path, tmp_path, capsys):
    ctx.db.conn.commit()
    out = tmp_path / "hd.xlsx"
    args = ["export", "hop-dong", "--from", "01/12/2026", "--to", "31/12/2026", "--out", str(out),
            "--db", str(db_path)]
    assert run(args) == 0 and out.exists()
    assert run([*args, "--apply", "--yes"]) == 0
    assert "Đã ghi 2 việc" in capsys.readouterr().out
    ended = ctx.db.execute("SELECT number, ended_on FROM contract WHERE ended_on IS NOT NULL "
                           "ORDER BY id").fetchall()
    assert ended == [("1/HĐ", "2026-12-01"), ("2/HĐ", "2026-12-31"), ("4/HĐ", "2026-12-15")]
    assert run([*args, "--apply", "--yes"]) == 0  # nothing left: nothing written
    assert "Không có ai" in capsys.readouterr().out


def test_early_raise_candidates_and_quota(ctx, unit_id):
    def person(name, since, **extra):
        return records.create(ctx, "person", {"full_name": name, "unit_id": unit_id, "salary_class": "A1",
                                              "salary_step": 3, "coefficient": 3.0, "step_since": since,
                                              **extra})
    # regular raise 01/06/2027: on 31/12/2026 five months short → candidate with an award
    good = person("Có Thành Tích", "01/06/2024")
    records.create(ctx, "award", {"person_id": good, "year": 2025, "form": "Chiến sĩ thi đua cơ sở"})
    # regular raise 01/02/2028: more than 12 months short on 31/12/2026 → not yet
    far = person("Còn Xa", "01/02/2025")
    records.create(ctx, "award", {"person_id": far, "year": 2025, "form": "Bằng khen"})
    person("Không Khen Thưởng", "01/06/2024")
    names = _names(ctx, "nang-luong-truoc-han", D(2026, 12, 1), D(2026, 12, 31))
    assert names == {"Có Thành Tích"}
    december = Params(as_of=ctx.today, year=2026, date_from=D(2026, 12, 1), date_to=D(2026, 12, 31))
    report = build_report(ctx, "nang-luong-truoc-han", december)
    [note] = [r.label for r in report.rows if r.kind == NOTE]
    assert "0 người (15% × 3 người" in note and "chưa kiểm chứng" in note  # 3 × 15% = 0,45 → 0


def test_early_raise_on_retirement_notice(ctx, unit_id):
    # born 20/05/1965, male → retires 01/12/2026 (see retirees); notice due 01/06/2026.
    # A1 step 3 since 01/06/2024: regular raise 01/06/2027, within 12 months after retirement.
    records.create(ctx, "person", {
        "full_name": "Sắp Nghỉ Hưu", "unit_id": unit_id, "birth_date": "20/05/1965", "gender": "nam",
        "salary_class": "A1", "salary_step": 3, "coefficient": 3.0, "step_since": "01/06/2024"})
    assert _names(ctx, "nang-luong-truoc-han", D(2026, 6, 1), D(2026, 6, 1)) == {"Sắp Nghỉ Hưu"}
    assert _names(ctx, "nang-luong-truoc-han", D(2026, 5, 31), D(2026, 5, 31)) == set()
