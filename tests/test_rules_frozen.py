"""The optimised rules and targets (shared as-of cache, grouped queries) give
exactly what the plain per-rule queries gave on the office demo: findings in
the same order with the same messages, and the same target figures. The
reference was frozen before optimising (tests/data/make_findings_office.py)."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.services import dashboard

FROZEN = Path(__file__).parent / "data" / "findings_office.json"


def _load_snapshot():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_findings_office", FROZEN.with_name(
        "make_findings_office.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.snapshot


def test_findings_and_targets_match_frozen(demo_ctx):
    expected = json.loads(FROZEN.read_text(encoding="utf-8"))
    got = _load_snapshot()(demo_ctx)
    assert len(got["findings"]) == len(expected["findings"])
    for mine, theirs in zip(got["findings"], expected["findings"], strict=True):
        assert mine == theirs
    assert got["targets"] == expected["targets"]
    assert got["trends"] == expected["trends"]


def test_dashboard_findings_are_the_rule_findings_sorted_by_severity(demo_ctx):
    expected = json.loads(FROZEN.read_text(encoding="utf-8"))["findings"]
    order = dashboard.SEVERITY_ORDER
    shown = [f.message for f in dashboard.compute(demo_ctx).findings]
    assert shown == [f["message"] for f in sorted(expected, key=lambda f: order.get(f["severity"], 3))]
