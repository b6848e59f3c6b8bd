"""Consolidated reports on paper (#14): one block per office with its heading, then
"Tổng hợp chung" with its own; no unit printed twice; an office column where two offices
have a unit of the same name."""

from __future__ import annotations

import pytest

from desktop_app.packages import consolidate
from desktop_app.packages.export import export_package
from desktop_app.reports.engine import OFFICE_KEY, build_report, forms
from desktop_app.reports.model import GROUP
from desktop_app.services import records

from .offices import keys_of, make_office, open_province

NAMES = ["Ủy ban nhân dân xã Đông Tiến", "Ủy ban nhân dân xã Yên Phong"]
SAME = "Trường Mầm non Tân Lập"


@pytest.fixture
def province(tmp_path):
    paths = []
    for i, name in enumerate(NAMES):
        ctx = make_office(tmp_path, name, i)
        unit = ctx.db.execute("SELECT id FROM unit WHERE code = 'MN01'").fetchone()[0]
        records.update(ctx, "unit", unit, {"name": SAME})
        paths.append(tmp_path / f"goi{i}.zip")
        export_package(ctx, paths[-1])
        ctx.close()
    ctx = open_province(tmp_path)
    consolidate.import_packages(ctx, paths, trust=keys_of(*paths))
    yield ctx
    ctx.close()


@pytest.mark.parametrize("form_id", sorted(forms()))
def test_blocks_per_office_then_the_summary_no_unit_twice(province, form_id):
    report = build_report(province, form_id)
    units = {r[0] for r in province.db.execute("SELECT name FROM unit")}
    headings = [r for r in report.rows if r.kind == GROUP and r.stt in ("A", "B", "C")]
    assert [r.label for r in headings] == sorted(NAMES) + ["Tổng hợp chung các cơ quan"]
    summary = report.rows[report.rows.index(headings[-1]) + 1:]
    assert not [r.label for r in summary if r.label in units], "a unit printed again in the summary"
    seen = [(r.label, r.values.get(OFFICE_KEY)) for r in report.rows if r.label in units]
    assert len(seen) == len(set(seen)), "a unit printed twice"
    assert "Cơ quan" in [c.label for c in report.leaves]
    same = [r.values.get(OFFICE_KEY) for r in report.rows if r.label == SAME]
    assert len(same) in (0, 2) and len(set(same)) == len(same)
