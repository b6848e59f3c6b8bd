"""Shared helpers for the data-safety tests: a small filled data file and damage."""

from __future__ import annotations

import sqlite3
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


def content_hash(db, skip: tuple[str, ...] = ()) -> str:
    """A hash of every row of every table (but ``skip``): equal hashes mean the same data.

    ``db`` is a path (opened read-only here) or an open sqlite-utils Database.
    """
    import hashlib
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True) if isinstance(db, (str, Path)) else db.conn
    try:
        h = hashlib.sha256()
        tables = [r[0] for r in conn.execute(  # dash_*, sqlite_sequence: the dashboard cache (m0005)
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'dash_%' AND name <> 'sqlite_sequence' ORDER BY name")]
        for table in (t for t in tables if t not in skip):
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):  # noqa: S608
                h.update(repr((table, row)).encode())
        return h.hexdigest()
    finally:
        if isinstance(db, (str, Path)):
            conn.close()


def small_office(path: Path, name: str = "Ủy ban nhân dân xã Phúc Đồng", today=None):
    """An open Context on a small but complete office: two units, quotas and finance
    2025–2026, three people with evaluations, a position. Returns (ctx, unit ids, person ids)."""
    import datetime as dt

    ctx = open_context(path, today=today or dt.date(2026, 11, 23))
    office.save(ctx, {"name": name, "level": "xa", "province": "Bắc Ninh"})
    units = [records.create(ctx, "unit", {"code": code, "name": label, "field": field,
                                          "valid_from": "2015-01-01", "classes": 12, "pupils": 400})
             for code, label, field in (("TH01", "Trường Tiểu học Phúc Đồng", "TH"),
                                        ("MN01", "Trường Mầm non Hoa Sen", "MN"))]
    for uid in units:
        for year in (2025, 2026):
            records.create(ctx, "quota", {"unit_id": uid, "year": year, "nsnn": 20, "revenue_paid": 1,
                                          "contract": 1})
            records.create(ctx, "finance", {"unit_id": uid, "year": year, "revenue": 1.5e9,
                                            "recurrent_spending": 3.2e9, "nsnn_spending": 2.1e9})
        records.create(ctx, "position", {"unit_id": uid, "regime": "ND106-2020", "group_code": "CDNN_CN",
                                         "name": "Giáo viên", "required_count": 10})
    people = []
    for n, given in enumerate(("Hằng", "Đức", "Phương")):
        people.append(records.create(ctx, "person", {
            "full_name": f"Nguyễn Thị {given}", "birth_date": f"{1975 + n}-03-15", "gender": "nu",
            "unit_id": units[n % 2], "cccd": f"001{n:09d}", "pay_source": "NSNN",
            "employment_kind": "VIEN_CHUC", "title_code": "V.07.03.29", "title_rank": "III",
            "salary_class": "A1", "salary_step": 2, "coefficient": 2.67, "recruited_on": "2018-09-01"}))
        records.create(ctx, "evaluation", {"person_id": people[-1], "year": 2025, "level": "HTTNV"})
    return ctx, units, people


def write_sheet(path: Path, kind: str, rows: list[dict], title: str | None = None) -> Path:
    """A plain import sheet: headers are the declared labels of the fields in ``rows``."""
    from openpyxl import Workbook

    from desktop_app.importing.service import entity_of

    entity = entity_of(kind)
    names = list(dict.fromkeys(k for r in rows for k in r))
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    if title:
        ws.append([title])
    ws.append([entity.field(n).label for n in names])
    for r in rows:
        ws.append([r.get(n) for n in names])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text as typed, even "=…" (a clerk's text cell, not a formula)
    wb.save(path)
    return path


def staff_rows(n: int, unit: str = "TH01", start: int = 0) -> list[dict]:
    return [{"full_name": f"Trần Văn Nhập {start + i}", "birth_date": f"{1 + i % 28:02d}/05/1980",
             "gender": "Nam", "cccd": f"0790{start + i:08d}", "unit_id": unit, "salary_class": "A1",
             "coefficient": "2,67"} for i in range(n)]


def golden_rows(path: Path, golden: Path, tables: list[str]) -> dict[str, list[tuple]]:
    """The rows of ``tables`` in ``path``, read through the golden file's columns (later
    migrations add columns); tables the golden file does not have are left out."""
    old = sqlite3.connect(f"file:{golden.as_posix()}?mode=ro", uri=True)
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        out = {}
        for t in tables:
            cols = ", ".join(r[1] for r in old.execute(f"PRAGMA table_info({t})"))
            if cols:
                out[t] = conn.execute(f"SELECT {cols} FROM {t} ORDER BY rowid").fetchall()  # noqa: S608
        return out
    finally:
        old.close()
        conn.close()
