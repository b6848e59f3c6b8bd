"""Tổng quan layout: target cards and charts reflow to the width (no horizontal
scrollbar, «Tính lại» always in view); chart ticks fall on round steps."""

import math

import pytest

from ui.dashboard_page import CARD_MIN_WIDTH, DashboardPage
from ui.trend_chart import TrendChart, nice_ticks, tick_decimals


def _fits(page: DashboardPage) -> bool:
    """Nothing sticks out sideways: no horizontal scrolling, the header button inside the view."""
    viewport = page.scroll.viewport()
    button = page.refresh_button
    right = button.mapTo(viewport, button.rect().topRight()).x()
    return page.scroll.horizontalScrollBar().maximum() == 0 and 0 < right <= viewport.width()


def test_cards_and_charts_reflow_to_the_width(qtbot, ctx, units):
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.resize(1600, 900)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None and not page._running, timeout=30000)
    qtbot.wait(50)
    wide_cards, wide_charts = page.card_columns, page.chart_columns
    assert wide_cards >= 4 and wide_charts == len(page.charts) == 3
    assert _fits(page)
    page.resize(900, 900)
    qtbot.waitUntil(lambda: page.card_columns < wide_cards)
    qtbot.wait(50)
    assert page.card_columns == 2 and page.chart_columns == 2
    assert _fits(page)
    grid = page.card_grid
    assert grid.getItemPosition(grid.indexOf(page.cards[2]))[:2] == (1, 0)  # third card: next row
    assert all(card.width() >= CARD_MIN_WIDTH for card in page.cards)
    page.resize(1600, 900)
    qtbot.waitUntil(lambda: page.card_columns == wide_cards)


@pytest.mark.parametrize("top, expected", [
    (156, [0, 50, 100, 150, 200]),
    (142, [0, 50, 100, 150]),
    (3192, [0, 1000, 2000, 3000, 4000]),
    (320155.4, [0, 100000, 200000, 300000, 400000]),
    (0.9, [0, 0.5, 1.0]),
    (7, [0, 2, 4, 6, 8]),
    (0, [0, 1]),
])
def test_ticks_are_round(top, expected):
    assert nice_ticks(top) == pytest.approx(expected)


def test_every_tick_step_is_1_2_or_5_times_a_power_of_ten():
    for top in [0.37, 1, 9.99, 23, 99, 101, 777, 2394, 2902, 51234, 283936.71, 1e7 + 3]:
        ticks = nice_ticks(top)
        step = ticks[1] - ticks[0]
        mantissa = step / 10 ** math.floor(math.log10(step) + 1e-9)
        assert round(mantissa, 6) in (1, 2, 5), (top, step)
        assert ticks[0] == 0 and ticks[-2] <= top < ticks[-1]  # headroom above the data, no more
        assert 2 <= len(ticks) - 1 <= 8
        assert all(b - a == pytest.approx(step) for a, b in zip(ticks, ticks[1:], strict=False))
    assert tick_decimals(nice_ticks(0.9)) == 1 and tick_decimals(nice_ticks(3192)) == 0


def test_chart_labels_use_the_round_ticks(qtbot):
    chart = TrendChart("Biên chế", "người")
    qtbot.addWidget(chart)
    chart.set_values({2021: 2902.0, 2026: 2621.0})
    assert chart._tick_labels() == ["0", "1.000", "2.000", "3.000"]
    chart.resize(400, 240)
    assert not chart.grab().isNull()
