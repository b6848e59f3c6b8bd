"""Freeze the rule findings and dashboard targets of the office demo (seed 1,
today 23/11/2026) to findings_office.json, so tests/test_rules_frozen.py can
check that the optimised rules give exactly the findings the plain ones gave.

Generated once before the dashboard was optimised (branch perf-a). Rerun only
when the demo generator or a rule deliberately changes:
    uv run python tests/data/make_findings_office.py
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop_app.context import open_context  # noqa: E402
from desktop_app.services import check, demo, targets  # noqa: E402

TODAY = dt.date(2026, 11, 23)
OUT = Path(__file__).with_name("findings_office.json")


def snapshot(ctx) -> dict:
    """What must not change: every finding in order, every target's figures."""
    return {
        "findings": [asdict(f) for f in check.findings(ctx)],
        "targets": [{"code": t.code, "baseline": t.baseline, "now": t.now, "projection": t.projection,
                     "now_label": t.now_label, "projection_label": t.projection_label,
                     "detail": json.loads(json.dumps(t.detail, default=str))}
                    for t in targets.all_targets(ctx)],
        "trends": [{"title": t.title, "values": {str(k): v for k, v in t.values.items()}}
                   for t in targets.trends(ctx)],
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "office.sqlite", today=TODAY)
        demo.generate(ctx, scale="office", seed=1)
        data = snapshot(ctx)
        ctx.close()
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data['findings'])} findings, {len(data['targets'])} targets → {OUT}")


if __name__ == "__main__":
    main()
