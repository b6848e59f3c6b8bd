"""Fixtures for importer tests: a database with two units."""

import pytest

from desktop_app.services import records


@pytest.fixture
def units(ctx, unit_id):
    other = records.create(ctx, "unit", {"code": "MN01", "name": "Trường Mầm non Hoa Sen",
                                         "field": "MN"})
    return {"TH01": unit_id, "MN01": other}
