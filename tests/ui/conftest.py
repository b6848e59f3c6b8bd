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

