"""What the dashboard (Tổng quan) shows, computed in one call so the GUI,
the bench and tests read the same thing: the targets of SPEC §1, the yearly
trends, the rule findings of SPEC §3 and the retirement forecast.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from db import queries_dashboard
from desktop_app.context import Context
from desktop_app.services import check, due, forecast, targets, tinh_gian
from desktop_app.services.facts import Facts
from desktop_app.services.targets import Trend


@dataclass
class Dashboard:
    targets: list[targets.Target]
    trends: list[Trend]
    findings: list[check.Finding]
    forecast: forecast.Forecast
    due: due.Soon | None = field(default=None)  # «Sắp đến hạn»: raises, retirements, contracts
    tinh_gian: list[str] = field(default_factory=list)  # tinh giản filing deadlines (issue #20)


SEVERITY_ORDER = {check.LOI: 0, check.CANH_BAO: 1, check.THONG_TIN: 2}


FORECAST_UNTIL = 2030


def compute(ctx: Context) -> Dashboard:
    """Everything on the page, computed afresh; one ``Facts`` so each as-of view is read
    once. The page uses ``services.dash_cache.compute``, which gives the same result
    recomputing only the units written since its last call."""
    return assemble(ctx, Facts(ctx))


def assemble(ctx: Context, facts: Facts, known: dict[str, list[check.Finding]] | None = None) -> Dashboard:
    """The dashboard from ``facts`` (some results possibly seeded) and the findings of the
    rules named in ``known``; every other part is computed here."""
    goals = targets.all_targets(ctx, facts)
    found = sorted(check.findings(ctx, facts, known), key=lambda f: SEVERITY_ORDER.get(f.severity, 3))
    ahead = facts.memo(("forecast", FORECAST_UNTIL), lambda: forecast.forecast(ctx, FORECAST_UNTIL))
    trends = facts.memo(("trends",), lambda: targets.trends(ctx, facts=facts))
    coming = facts.memo(("due",), lambda: due.soon(ctx))
    return Dashboard(goals, trends, found, ahead, coming, tinh_gian.deadlines(ctx))


def data_stamp(ctx: Context) -> tuple[str, int]:
    """Moves on every write the dashboard depends on, from any connection: the newest
    entry of the m0005 write log (triggers on every table the dashboard reads). Equal
    stamps mean the last dashboard is still right, so the page skips the recompute; the
    dashboard cache's own writes do not move it."""
    return ctx.today.isoformat(), queries_dashboard.last_seq(ctx.db)
