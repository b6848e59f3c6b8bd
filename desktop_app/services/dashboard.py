"""What the dashboard (Tổng quan) shows, computed in one call so the GUI,
the bench and tests read the same thing: the targets of SPEC §1, the yearly
trends, the rule findings of SPEC §3 and the retirement forecast.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.context import Context
from desktop_app.services import check, forecast, targets
from desktop_app.services.facts import Facts
from desktop_app.services.targets import Trend


@dataclass
class Dashboard:
    targets: list[targets.Target]
    trends: list[Trend]
    findings: list[check.Finding]
    forecast: forecast.Forecast


SEVERITY_ORDER = {check.LOI: 0, check.CANH_BAO: 1, check.THONG_TIN: 2}


def compute(ctx: Context) -> Dashboard:
    """Everything on the page; one ``Facts`` so each as-of view is read once."""
    facts = Facts(ctx)
    goals = targets.all_targets(ctx, facts)
    found = sorted(check.findings(ctx, facts), key=lambda f: SEVERITY_ORDER.get(f.severity, 3))
    ahead = facts.memo(("forecast", 2030), lambda: forecast.forecast(ctx, 2030))
    return Dashboard(goals, targets.trends(ctx, facts=facts), found, ahead)


def data_stamp(ctx: Context) -> tuple[int, int]:
    """Changes whenever the data may have: ``PRAGMA data_version`` moves on another
    connection's commit, ``total_changes`` on this one's writes. Equal stamps mean the
    last dashboard is still right, so the page skips the recompute."""
    version = ctx.db.execute("PRAGMA data_version").fetchone()[0]
    return version, ctx.db.conn.total_changes
