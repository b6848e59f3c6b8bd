"""Shared fixtures: a migrated temporary database with the shipped catalogues,
a service context on it, and Qt set up offscreen before anything imports it."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("BIENCHE_DB", None)

import pytest  # noqa: E402

from desktop_app.context import open_context  # noqa: E402
from desktop_app.services import office  # noqa: E402

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "bienche.sqlite"


@pytest.fixture
def ctx(db_path):
    context = open_context(db_path, today=TODAY)
    office.save(context, {"name": "Ủy ban nhân dân phường Phúc Đồng", "level": "xa",
                          "parent": "Ủy ban nhân dân thành phố Hà Nội", "province": "Hà Nội",
                          "place": "Phúc Đồng"})
    yield context
    context.close()


@pytest.fixture
def unit_id(ctx):
    from desktop_app.services import records

    return records.create(ctx, "unit", {"code": "TH01", "name": "Trường Tiểu học Phúc Đồng",
                                        "field": "TH", "classes": 20, "pupils": 700})


@pytest.fixture(scope="session")
def office_demo_file(tmp_path_factory):
    """The office-scale demo (seed 1), built once per test session; copy it, never write to it."""
    from desktop_app.services import demo

    path = tmp_path_factory.mktemp("demo") / "office_demo.sqlite"
    context = open_context(path, today=TODAY)
    demo.generate(context, scale="office", seed=1)
    context.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    context.close()
    return path


@pytest.fixture
def demo_ctx(office_demo_file, tmp_path):
    """A Context on a private copy of the office demo (today = 23/11/2026)."""
    import shutil

    copy = tmp_path / "demo.sqlite"
    shutil.copyfile(office_demo_file, copy)
    context = open_context(copy, today=TODAY)
    yield context
    context.close()
