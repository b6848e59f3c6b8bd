"""What the dashboard (Tổng quan) shows, computed in one call so the GUI,
the bench and tests read the same thing: the targets of SPEC §1, the yearly
trends, the rule findings of SPEC §3 and the retirement forecast.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.context import Context
from desktop_app.services import check, forecast, targets


@dataclass
class Dashboard:
    targets: list[targets.Target]
    trends: list[targets.Trend]
    findings: list[check.Finding]
    forecast: forecast.Forecast


SEVERITY_ORDER = {check.LOI: 0, check.CANH_BAO: 1, check.THONG_TIN: 2}


def compute(ctx: Context) -> Dashboard:
    found = sorted(check.findings(ctx), key=lambda f: SEVERITY_ORDER.get(f.severity, 3))
    return Dashboard(targets.all_targets(ctx), targets.trends(ctx), found, forecast.forecast(ctx, 2030))
