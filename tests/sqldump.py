"""The whole content of a data file as SQL, to prove a refused input left it exactly as it was."""

from __future__ import annotations

import sqlite3


def dump(path) -> list[str]:
    """Every statement that rebuilds the file: equal dumps, the same data."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
