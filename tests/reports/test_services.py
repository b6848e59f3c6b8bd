"""autonomy groups at the ND 60/2021 boundaries; as-of roll from the assignment history."""

from __future__ import annotations

import pytest

from desktop_app.services import asof, autonomy


@pytest.mark.parametrize(("revenue", "invest", "group", "band"), [
    (0, False, 4, ""), (9.99, False, 4, ""), (10, False, 3, "10–30%"), (29.99, False, 3, "10–30%"),
    (30, False, 3, "30–70%"), (70, False, 3, "70–100%"), (99.99, False, 3, "70–100%"),
    (100, False, 2, ""), (100, True, 1, ""), (150, True, 1, "")])
def test_groups_at_boundaries(revenue, invest, group, band):
    a = autonomy.assess({"revenue": revenue, "recurrent_spending": 100, "invest_self_funded": invest})
    assert (a.group, a.computed, autonomy.band(a.level)) == (group, group, band)
    assert a.autonomous == (group in (1, 2))


def test_no_revenue_is_group_4_and_override_wins():
    assert autonomy.assess({"revenue": None, "recurrent_spending": 50}).group == 4
    a = autonomy.assess({"revenue": 5, "recurrent_spending": 100, "group_override": 3,
                         "override_decision": "7/QĐ-UBND"})
    assert (a.computed, a.group, a.overridden, a.undecided) == (4, 3, True, False)
    # without a decision number the override is not applied, whatever the reason says
    a = autonomy.assess({"revenue": 5, "recurrent_spending": 100, "group_override": 3,
                         "override_reason": "Theo quyết định của UBND"})
    assert (a.computed, a.group, a.overridden, a.undecided) == (4, 4, False, True)
    assert autonomy.assess(None).group is None
    assert autonomy.assess({"revenue": 5, "recurrent_spending": 0}).group is None


def test_roll_follows_transfers_and_leaving(rctx):
    lan, trang = rctx.people["Vũ Thị Lan"], rctx.people["Bùi Thị Thu Trang"]

    def unit_of(person, day):
        return {p["person_id"]: p["unit_id"] for p in asof.roll(rctx, day)}.get(person)

    assert unit_of(lan, "2026-02-28") == rctx.units["MN01"]
    assert unit_of(lan, "2026-03-01") == rctx.units["TH01"]  # valid_from ≤ D
    assert unit_of(trang, "2026-06-29") == rctx.units["YT01"]
    assert unit_of(trang, "2026-06-30") is None  # D < valid_to
    counts = asof.roll_counts(rctx, "2026-11-23")
    assert counts[rctx.units["TH01"]].contract == 1
    assert counts[rctx.units["TH01"]].slnlv == 4


def test_units_active_and_quotas(rctx):
    codes = [u["code"] for u in asof.units_active(rctx, "2023-07-31")]
    assert "OLD" in codes
    assert "OLD" not in [u["code"] for u in asof.units_active(rctx, "2023-08-01")]
    assert asof.quotas(rctx, 2021)[rctx.units["TH01"]]["nsnn"] == 30
