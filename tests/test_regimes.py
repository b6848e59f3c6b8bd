"""Dated law data (catalogue che_do, issue #21): the text in force is picked by date, the day
before and the day of each switch; the VTVL periods agree with the code that picks a position's
regime (services.positions), and the evaluation year follows its 31 December."""

from __future__ import annotations

import datetime as dt

from desktop_app.services import positions, regimes

D = dt.date


def test_each_switch_day_and_the_day_before(ctx):
    for topic in ("VTVL", "DANH_GIA"):
        periods = regimes.periods(ctx, topic)
        for before, after in zip(periods, periods[1:], strict=False):
            switch = dt.date.fromisoformat(after["valid_from"])
            assert before["valid_to"] == after["valid_from"]
            assert regimes.in_force(ctx, topic, switch - dt.timedelta(days=1)) is before
            assert regimes.in_force(ctx, topic, switch) is after


def test_vtvl_periods_match_the_position_regime(ctx):
    for day in (D(2021, 12, 31), D(2026, 6, 30), D(2026, 7, 1), D(2030, 1, 1)):
        assert regimes.in_force(ctx, "VTVL", day)["code"] == positions.regime_for(day)


def test_before_the_first_text_nothing_applies(ctx):
    assert regimes.in_force(ctx, "DANH_GIA", D(2019, 12, 31)) is None
    assert regimes.for_evaluation_year(ctx, 2020)["code"] == "ND90-2020"
    assert regimes.dates_text(regimes.for_evaluation_year(ctx, 2020)) == "từ 20/08/2020 đến trước 01/07/2026"


def test_unread_switches_are_not_invented(ctx):
    # what could not be read stays open-ended and unverified (docs/legal-sources.md)
    for code in ("LVC-58-2010", "ND60-2021"):
        [period] = [p for p in ctx.catalogues.items("che_do") if p["code"] == code]
        assert period["valid_to"] is None and period["verified"] is False
