"""Where things live on disk: bundled resources (frozen-aware) and user data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "BienChe"


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, from a source checkout or a PyInstaller bundle."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base.joinpath("resources", *parts)


def data_dir() -> Path:
    """The user's data folder (%LOCALAPPDATA%\\BienChe on Windows)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_db_path() -> Path:
    """``$BIENCHE_DB`` if set, else bienche.sqlite in the user's data folder."""
    env = os.environ.get("BIENCHE_DB")
    if env:
        return Path(env)
    return data_dir() / "bienche.sqlite"
