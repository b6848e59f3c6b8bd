"""Every form's header texts, column headers and number row are pinned
(tests/data/report_golden.json): a change to a form is deliberate, never a side effect.
Regenerate with ``uv run python tests/reports/golden.py`` and review the diff."""

from __future__ import annotations

import json

import pytest

from desktop_app.reports.engine import forms
from reports.golden import GOLDEN, snapshot

PINNED = json.loads(GOLDEN.read_text("utf-8"))


def test_every_form_is_pinned():
    assert sorted(PINNED) == sorted(forms())


@pytest.fixture(scope="module")
def current(office_demo_file, tmp_path_factory):
    import shutil

    from desktop_app.context import open_context
    from reports.golden import PARAMS_DATE

    path = tmp_path_factory.mktemp("golden") / "demo.sqlite"
    shutil.copy(office_demo_file, path)
    ctx = open_context(path, today=PARAMS_DATE)
    yield snapshot(ctx)
    ctx.close()


@pytest.mark.parametrize("form_id", sorted(PINNED))
def test_form_face_is_as_pinned(current, form_id):
    assert current[form_id] == PINNED[form_id]
