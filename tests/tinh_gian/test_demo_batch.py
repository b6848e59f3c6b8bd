"""On the office demo (issue #20 «Done when»): a batch from the data's suggestions to its
settlement gives the right rows on the form and the right roll afterwards; the demo's blocked
suggestion is refused with its reason; the demo has a batch in each state."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.errors import ValidationError
from desktop_app.reports.engine import Params, build_report
from desktop_app.reports.model import ITEM
from desktop_app.services import tinh_gian, tinh_gian_rules
from desktop_app.services import tinh_gian_settle as settle_service

ROLL = "SELECT count(*) FROM assignment WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)"


def test_demo_has_a_batch_in_each_state(demo_ctx):
    states = [r[0] for r in demo_ctx.db.execute("SELECT state FROM tg_batch ORDER BY year, quarter")]
    assert sorted(states) == sorted(s for s, _ in tinh_gian.STATES)


def test_from_suggestion_to_settlement_on_the_demo(demo_ctx):
    ctx, day = demo_ctx, dt.date(2027, 10, 1)
    batch = tinh_gian.create_batch(ctx, 2027, 4)
    busy = {r[0] for r in ctx.db.execute("SELECT person_id FROM tg_member")}
    found = [s for s in tinh_gian_rules.suggest(ctx, 2027, day) if s.person_id not in busy]
    blocked = [s for s in found if s.blocked]
    assert blocked, "the demo shows one blocked suggestion"
    with pytest.raises(ValidationError, match="con dưới 36 tháng tuổi"):
        tinh_gian.add_member(
            ctx,
            batch,
            blocked[0].person_id,
            {"reason_code": blocked[0].reason_code, "settlement_code": "THOI_VIEC_NGAY"},
        )
    chosen = [s for s in found if not s.blocked][:3]
    for s in chosen:
        tinh_gian.add_member(
            ctx,
            batch,
            s.person_id,
            {"reason_code": s.reason_code, "settlement_code": "THOI_VIEC_NGAY", "manual_amount": 1},
        )
    tinh_gian.advance(ctx, batch, "da_trinh", "01/08/2027")
    tinh_gian.advance(ctx, batch, "duoc_duyet", "01/09/2027")
    iso = day.isoformat()
    before = ctx.db.execute(ROLL, [iso, iso]).fetchone()[0]
    settle_service.settle(ctx, batch, "20/09/2027", confirmed=True)
    assert ctx.db.execute(ROLL, [iso, iso]).fetchone()[0] == before - 3
    left = ctx.db.execute(
        "SELECT full_name FROM person WHERE left_on = ? AND leave_reason = 'TINH_GIAN' ORDER BY sort_key, id",
        [iso],
    ).fetchall()
    rows = build_report(ctx, "tinh-gian", Params(dt.date(2026, 11, 23), 2027, batch=batch)).rows
    assert [r.label for r in rows if r.kind == ITEM] == [n for (n,) in left]
    assert rows[-1].label == "Tổng cộng: 3 người" and rows[-1].values["amount"] == 3
    settle_service.undo(ctx, batch)
    assert ctx.db.execute(ROLL, [iso, iso]).fetchone()[0] == before
