"""Due lists (issue #19, point 3) for constructed people whose dates are known: each list holds
exactly the people it should on the boundary days (the day before, of and after), with a
discipline delay and a KHTNV year; the actions it implies give the right history and undo
cleanly. Expected dates are worked out by hand in the comments, not by the code under test."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.errors import ValidationError
from desktop_app.services import due, due_actions, records

D = dt.date


def _person(ctx, unit, name, cls, step, since, **extra) -> int:
    coefficient = ctx.catalogues.item("ngach_luong", cls)["coefficients"][step - 1]
    return records.create(ctx, "person", {
        "full_name": name, "unit_id": unit, "salary_class": cls, "salary_step": step,
        "coefficient": coefficient, "step_since": since, "recruited_on": "01/09/2010",
        "birth_date": "10/10/1980", "gender": "nu", **extra})


@pytest.fixture
def people(ctx, unit_id):
    p = {
        # A1, 36 months: 01/12/2023 → 01/12/2026 (first day of December)
        "first_day": _person(ctx, unit_id, "Một Ngày Đầu", "A1", 2, "01/12/2023"),
        # 30/11/2023 → 30/11/2026: the day before December
        "day_before": _person(ctx, unit_id, "Hai Ngày Trước", "A1", 2, "30/11/2023"),
        # 31/12/2023 → 31/12/2026: the last day
        "last_day": _person(ctx, unit_id, "Ba Ngày Cuối", "A1", 2, "31/12/2023"),
        # 01/01/2024 → 01/01/2027: the day after
        "day_after": _person(ctx, unit_id, "Bốn Ngày Sau", "A1", 2, "01/01/2024"),
        # B, 24 months: 15/12/2024 → 15/12/2026; step 3 → 4, hệ số 2,46
        "class_b": _person(ctx, unit_id, "Năm Loại Bê", "B", 3, "15/12/2024"),
        # 01/06/2023 + 36 = 01/06/2026, cảnh cáo 01/03/2024 inside: + 6 months = 01/12/2026
        # (Luật Viên chức Điều 56 khoản 1: cảnh cáo 06 tháng)
        "discipline": _person(ctx, unit_id, "Sáu Kỷ Luật", "A1", 2, "01/06/2023"),
        # 01/12/2022 + 36 = 01/12/2025, 2023 rated KHTNV: + 12 months = 01/12/2026
        "khtnv": _person(ctx, unit_id, "Bảy Không Hoàn Thành", "A1", 2, "01/12/2022"),
        # last step of A1 (9) since 01/12/2023: TNVK 5% from 01/12/2026
        "tnvk_start": _person(ctx, unit_id, "Tám Vượt Khung", "A1", 9, "01/12/2023"),
        # TNVK since 15/12/2024 at 6% (6% since 15/12/2025): 7% from 15/12/2026
        "tnvk_up": _person(ctx, unit_id, "Chín Tăng Khung", "A1", 9, "01/12/2021",
                           seniority_since="15/12/2024", allowance_seniority_pct=6),
        # due 01/12/2026 but left on 01/10/2026
        "left": _person(ctx, unit_id, "Mười Đã Nghỉ", "A1", 2, "01/12/2023", left_on="01/10/2026"),
        # a discipline before the step period does not delay: due 01/12/2026
        "old_discipline": _person(ctx, unit_id, "Mười Một Kỷ Luật Cũ", "A1", 2, "01/12/2023"),
    }
    records.create(ctx, "discipline", {"person_id": p["discipline"], "form": "CANH_CAO",
                                       "from_date": "01/03/2024", "to_date": "28/02/2025"})
    records.create(ctx, "discipline", {"person_id": p["old_discipline"], "form": "KHIEN_TRACH",
                                       "from_date": "01/11/2023"})
    records.create(ctx, "evaluation", {"person_id": p["khtnv"], "year": 2023, "level": "KHTNV"})
    records.create(ctx, "evaluation", {"person_id": p["khtnv"], "year": 2024, "level": "HTTNV"})
    return p


DECEMBER = (D(2026, 12, 1), D(2026, 12, 31))
IN_DECEMBER = {"first_day", "last_day", "class_b", "discipline", "khtnv", "tnvk_start", "tnvk_up",
               "old_discipline"}


def test_december_list_holds_exactly_those_due(ctx, people):
    got = {d.person_id: d for d in due.step_raises(ctx, *DECEMBER)}
    assert set(got) == {people[k] for k in IN_DECEMBER}
    b = got[people["class_b"]]
    assert (b.new_step, b.new_coefficient, b.due_on) == (4, 2.46, D(2026, 12, 15))
    late = got[people["discipline"]]
    assert (late.due_on, late.delay_months) == (D(2026, 12, 1), 6) and "Cảnh cáo" in late.delays[0]
    k = got[people["khtnv"]]
    assert (k.due_on, k.delay_months) == (D(2026, 12, 1), 12) and "2023" in k.delays[0]
    assert got[people["old_discipline"]].delay_months == 0
    start, up = got[people["tnvk_start"]], got[people["tnvk_up"]]
    assert (start.kind, start.new_pct, start.due_on) == (due.TNVK_START, 5, D(2026, 12, 1))
    assert (up.kind, up.new_pct, up.due_on) == (due.TNVK_UP, 7, D(2026, 12, 15))


@pytest.mark.parametrize(("day", "expected"), [
    (D(2026, 11, 30), {"day_before"}),
    (D(2026, 12, 1), {"first_day", "discipline", "khtnv", "tnvk_start", "old_discipline"}),
    (D(2026, 12, 2), set()),
    (D(2026, 12, 31), {"last_day"}),
    (D(2027, 1, 1), {"day_after"}),
    (D(2026, 6, 1), set()),  # where the disciplined person would be without the delay
])
def test_single_day_periods(ctx, people, day, expected):
    names = {v: k for k, v in people.items()}
    assert {names[d.person_id] for d in due.step_raises(ctx, day, day)} == expected


def _snapshot(ctx) -> tuple:
    return (ctx.db.execute("SELECT * FROM person ORDER BY id").fetchall(),
            ctx.db.execute("SELECT * FROM assignment ORDER BY id").fetchall())


def test_actions_give_the_history_and_undo_cleanly(ctx, people):
    before = _snapshot(ctx)
    items = due.step_raises(ctx, *DECEMBER)
    applied = due_actions.apply_raises(ctx, items, "12/2026")
    assert applied.actions == len(IN_DECEMBER)
    rows = ctx.db.execute("SELECT valid_from, valid_to, change, salary_step, coefficient, step_since "
                          "FROM assignment WHERE person_id = ? ORDER BY id", [people["first_day"]]).fetchall()
    assert rows == [("2010-09-01", "2026-12-01", "tuyen_dung", 2, 2.67, "2023-12-01"),
                    ("2026-12-01", None, "nang_luong", 3, 3.0, "2026-12-01")]
    assert ctx.db.execute("SELECT salary_step, step_since FROM person WHERE id = ?",
                          [people["class_b"]]).fetchone() == (4, "2026-12-15")
    assert ctx.db.execute("SELECT seniority_since, allowance_seniority_pct FROM person WHERE id = ?",
                          [people["tnvk_start"]]).fetchone() == ("2026-12-01", 5)
    assert ctx.db.execute("SELECT allowance_seniority_pct FROM person WHERE id = ?",
                          [people["tnvk_up"]]).fetchone()[0] == 7
    assert due.step_raises(ctx, *DECEMBER) == []  # done: nobody is due any more this month
    audited = ctx.db.execute("SELECT count(DISTINCT entity_id) FROM audit WHERE action = 'nang_luong'"
                             ).fetchone()[0]
    assert audited == len(IN_DECEMBER) - 1  # TNVK +1% changes no post: audited as an edit
    assert due_actions.undo(ctx, applied.batch_id) == len(IN_DECEMBER)
    assert _snapshot(ctx) == before
    assert ctx.db.execute("SELECT count(*) FROM audit WHERE action = 'hoan_tac'").fetchone()[0] > 0
    with pytest.raises(ValidationError):
        due_actions.undo(ctx, applied.batch_id)  # once only


def test_undo_refused_after_a_later_change(ctx, people):
    from desktop_app.services import staff

    applied = due_actions.apply_raises(ctx, due.step_raises(ctx, D(2026, 12, 1), D(2026, 12, 1)), "x")
    staff.change_post(ctx, people["first_day"], "2027-01-10", "dieu_chuyen", {})
    before = _snapshot(ctx)
    with pytest.raises(ValidationError, match="đã có thay đổi sau"):
        due_actions.undo(ctx, applied.batch_id)
    assert _snapshot(ctx) == before  # nothing half-undone
