"""Where things live on disk: bundled resources (frozen-aware) and user data.

Resources are read through ``resource_path`` only (STYLE.md §10), so one
function decides between a source checkout and the PyInstaller bundle. Paths
are joined with ``pathlib`` only, never with "/" or "\\" in strings, so a
drive letter, backslashes or a non-ASCII user folder (C:\\Users\\Nguyễn) need
no special case.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "BienChe"


def bundle_root() -> Path:
    """The folder that holds ``resources/``.

    PyInstaller (onedir, ≥ 6) sets ``sys._MEIPASS`` to the ``_internal`` folder
    beside the executable; a frozen program without it (older layouts) keeps
    its files next to the executable; from source it is the repository root.
    """
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        return Path(meipass)
    if getattr(sys, "frozen", False):
        exe_dir = Path(sys.executable).resolve().parent
        internal = exe_dir / "_internal"
        return internal if internal.is_dir() else exe_dir
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, from a source checkout or a PyInstaller bundle."""
    return bundle_root().joinpath("resources", *parts)


def data_dir() -> Path:
    """The user's data folder (%LOCALAPPDATA%\\BienChe on Windows).

    The installer (installer/bienche.nsi) keeps this folder on uninstall unless
    the user ticks "Xóa cả dữ liệu": both must name the same place.
    """
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_db_path() -> Path:
    """``$BIENCHE_DB`` if set, else bienche.sqlite in the user's data folder."""
    env = os.environ.get("BIENCHE_DB")
    if env:
        return Path(env)
    return data_dir() / "bienche.sqlite"


DEMO_NAME = "du-lieu-mau.sqlite"  # «Dùng dữ liệu mẫu» writes here, never into the clerk's own file


def demo_path(data_file: str | Path) -> Path:
    """The demo data file beside ``data_file`` (issue #18 §9)."""
    return Path(data_file).with_name(DEMO_NAME)


def is_demo(data_file: str | Path | None) -> bool:
    return data_file is not None and Path(data_file).name == DEMO_NAME
