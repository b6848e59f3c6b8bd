"""Shared helpers for the data-safety tests: a small filled data file and damage."""

from __future__ import annotations

from pathlib import Path

from desktop_app.context import open_context
from desktop_app.services import office, records

PAGE = 4096


def filled_file(path: Path, units: int = 40) -> Path:
    """A closed data file with an office and ``units`` units (enough pages to damage)."""
    ctx = open_context(path)
    office.save(ctx, {"name": "Ủy ban nhân dân xã Phúc Đồng", "level": "xa"})
    for n in range(units):
        records.create(ctx, "unit", {"code": f"TH{n:03d}", "name": f"Trường Tiểu học số {n}",
                                     "field": "TH", "classes": 10 + n, "pupils": 300 + n})
    ctx.close()
    return path


def unit_codes(path: Path) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT code FROM unit ORDER BY code")]
    finally:
        conn.close()


def damage_pages(path: Path) -> None:
    """Invert every byte of the middle pages, leaving page 1 (the header) intact."""
    data = bytearray(path.read_bytes())
    pages = len(data) // PAGE
    assert pages >= 6, "file too small to damage in the middle"
    start, stop = (pages // 3) * PAGE, (2 * pages // 3) * PAGE
    data[start:stop] = bytes(b ^ 0xFF for b in data[start:stop])
    path.write_bytes(bytes(data))


def destroy_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = b"\x00" * 100
    path.write_bytes(bytes(data))
