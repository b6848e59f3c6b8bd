"""GUI fixtures: the application with our Vietnamese texts, a main window on
the ``ctx`` database with its own settings file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from qt_helpers import UNITS

from desktop_app.services import records


@pytest.fixture
def app(qapp):
    from ui.app import make_application

    return make_application()


@pytest.fixture(autouse=True)
def unsaved_questions(monkeypatch):
    """No modal question may block a test: an unexpected «Lưu lại không?» (e.g. when
    qtbot closes a window with a typed form) answers «Không lưu» and is recorded.
    Tests of the question itself replace the page's ``confirm_unsaved``."""
    from ui import dirty_guard

    asked: list[str] = []
    monkeypatch.setattr(dirty_guard, "ask_unsaved", lambda _parent, text: asked.append(text) or "discard")
    return asked


@pytest.fixture
def units(ctx):
    return {u["code"]: records.create(ctx, "unit", u) for u in UNITS}


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "bienche.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def main_window(app, qtbot, ctx, units, settings):
    from ui.main_window import MainWindow

    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window

