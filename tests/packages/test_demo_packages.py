"""Issue 8 on real demo offices: office demo → package → empty province database
gives every form exactly the office's own rows; three demo offices (seeds 1–3)
imported in different orders, with repeats, give identical consolidated content."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from desktop_app.context import open_context
from desktop_app.packages import consolidate
from desktop_app.packages.export import export_package
from desktop_app.reports.engine import build_report, forms
from desktop_app.services.demo import generate

from .offices import keys_of, open_province
from .test_packages import _rows, content_hash

AS_OF = dt.date(2026, 11, 1)
TODAY = dt.date(2026, 11, 23)  # as in tests/conftest.py


@pytest.fixture(scope="module")
def demo_offices(tmp_path_factory, office_demo_file):
    folder = tmp_path_factory.mktemp("demo_packages")
    offices, packages = [], []
    for seed in (1, 2, 3):
        path = folder / f"office{seed}.sqlite"
        if seed == 1:
            shutil.copy(office_demo_file, path)
        ctx = open_context(path, today=TODAY)
        if seed != 1:
            generate(ctx, scale="office", seed=seed)
        packages.append(folder / f"office{seed}.zip")
        export_package(ctx, packages[-1], AS_OF)
        offices.append(ctx)
    yield offices, packages
    for ctx in offices:
        ctx.close()


def test_demo_round_trip_every_form_matches_the_office(tmp_path, demo_offices):
    offices, packages = demo_offices
    province = open_province(tmp_path)
    outcome = consolidate.import_packages(province, [packages[0]], trust=keys_of(*packages))
    assert [s.status for s in outcome.summaries] == [consolidate.NHAP]
    for form_id in forms():
        assert _rows(build_report(province, form_id)) == _rows(build_report(offices[0], form_id)), form_id
    province.close()


def test_three_demo_offices_any_order_twice_same_content(tmp_path, demo_offices):
    _, packages = demo_offices
    hashes = []
    for n, order in enumerate(([0, 1, 2], [2, 0, 1], [1, 2, 0, 2, 1, 0])):
        ctx = open_province(tmp_path / f"p{n}")
        outcome = consolidate.import_packages(ctx, [packages[i] for i in order], trust=keys_of(*packages))
        assert [s.status for s in outcome.summaries][:3] == [consolidate.NHAP] * 3
        assert {s.status for s in outcome.summaries[3:]} <= {consolidate.TRUNG}
        hashes.append(content_hash(ctx))
        ctx.close()
    assert len(set(hashes)) == 1
