"""The context every service receives: the open database, who acts, and today.

Passing it explicitly (no globals) lets a test fix ``today`` and the user,
and lets a worker thread open its own connection to the same file.
"""

from __future__ import annotations

import datetime as dt
import getpass
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import sqlite_utils

from db.connection import open_database
from desktop_app import catalogues


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is not an error worth failing on
        return ""


@dataclass
class Context:
    db: sqlite_utils.Database
    path: Path | None = None
    user: str = "quantri"
    os_user: str = field(default_factory=_os_user)
    today: dt.date = field(default_factory=dt.date.today)

    @cached_property
    def catalogues(self) -> catalogues.Catalogues:
        return catalogues.Catalogues(self.db)

    def close(self) -> None:
        self.db.close()


def open_context(path: str | Path, **kwargs) -> Context:
    """Open (create, migrate) the data file and make sure catalogues are installed."""
    db = open_database(path)
    catalogues.install(db)
    return Context(db=db, path=Path(path), **kwargs)
