"""Fixtures shared by the package tests."""

import pytest

from .offices import open_province


@pytest.fixture
def province(tmp_path):
    """An empty province that consolidates the offices' packages (a test file may define its own)."""
    ctx = open_province(tmp_path)
    yield ctx
    ctx.close()
