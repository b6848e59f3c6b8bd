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
