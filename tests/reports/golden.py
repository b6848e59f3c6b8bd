"""The pinned face of every form: title, subject, ND 30 header and footer texts,
the merged column headers and the column-number row, built on the office demo.

``uv run python tests/reports/golden.py`` rewrites tests/data/report_golden.json;
do that only for a deliberate change to a form, and review the diff.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "report_golden.json"
PARAMS_DATE, PARAMS_YEAR = dt.date(2026, 11, 23), 2026


def snapshot(ctx) -> dict:
    from desktop_app.reports.engine import Params, build_report, forms
    from desktop_app.reports.model import header_cells, number_row

    out = {}
    for form_id in forms():
        report = build_report(ctx, form_id, Params(PARAMS_DATE, PARAMS_YEAR))
        out[form_id] = {
            "title": report.title,
            "subject": report.subject,
            "orientation": report.orientation,
            "unit_of_measure": report.unit_of_measure,
            "header": dataclasses.asdict(report.header),
            "footer": dataclasses.asdict(report.footer),
            "columns": [[c.row, c.col, c.rowspan, c.colspan, c.text] for c in header_cells(report.columns)],
            "numbers": number_row(report.columns),
        }
    return out


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from desktop_app.context import open_context
    from desktop_app.services.demo import generate

    folder = Path(tempfile.mkdtemp())
    try:
        ctx = open_context(folder / "golden.sqlite", today=PARAMS_DATE)
        generate(ctx, scale="office", seed=1)
        GOLDEN.write_text(json.dumps(snapshot(ctx), ensure_ascii=False, indent=1) + "\n", "utf-8")
        ctx.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"→ {GOLDEN}")


if __name__ == "__main__":
    main()
