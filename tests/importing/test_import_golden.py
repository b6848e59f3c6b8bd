"""The importer's results frozen before its speed work (golden/import.json).

A mixed staff sheet — values typed every way a clerk types them, and rows with
every kind of problem — is checked (problems, skipped rows) and a clean one is
imported; the rows then stored in person, assignment and audit must be exactly
those the row-by-row importer produced. Any change to conversion, checking,
messages, ids or the written rows fails here.

Regenerate only for an intended behaviour change: BIENCHE_REGEN_GOLDEN=1 pytest this file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from import_fixtures import person_row, staff_book, staff_rows, varied_rows

from db import repo
from desktop_app.importing.service import import_file
from desktop_app.services import records

GOLDEN = Path(__file__).parent / "golden" / "import.json"
# Columns added after the golden file was frozen (m0007, the step dates; m0008, the tinh giản
# exclusions): empty in these sheets.
LATER_COLUMNS = ("step_since", "seniority_since", "pregnant", "maternity_to", "youngest_child_born",
                 "under_review")


def clean_rows() -> list[list]:
    """Varied but valid: every cell form the converters accept."""
    rows = varied_rows() + [
        person_row(6, "Vũ Thị Lan", male=False, born=31000.0, recruited=40000.0, coefficient=4),
        person_row(7, "Hoàng Văn Nam", born="1.2.1979", recruited="1-2-2005", unit="Trường Mầm non Hoa Sen"),
        person_row(8, "Bùi  Thị\u00a0Thu", male=False, born=dt.date(1992, 1, 2), coefficient="2.34"),
    ]
    rows[5][6], rows[5][8], rows[5][9] = "a1", "viên chức", "Ngân sách nhà nước"
    rows += staff_rows(30)[8:]
    return rows


def bad_rows() -> list[list]:
    """Each row wrong in its own way (and some right, which must not be written)."""
    rows = clean_rows()[:6]
    both = person_row(7, "Hai Giới Tính", born="01/01/1980")
    both[3] = "02/02/1981"
    rows += [
        both,
        person_row(8, "Sai Ngày Sinh", born="31/02/1980"),
        person_row(9, "Sinh Tương Lai", born="01/01/2030"),
        person_row(10, "Đơn Vị Lạ", unit="XX99"),
        person_row(11, "Hệ Số Cao", coefficient="9,99"),
        person_row(12, "Loại Lạ", cccd="001185000012"),
        person_row(13, "Trùng CCCD", cccd=rows[0][4]),
        person_row(14, "Lê Văn Tám", born=1970, cccd="001185009999"),
        person_row(15, "CCCD Ngắn", cccd="12345"),
        person_row(16, "Tuyển Trước Sinh", born="01/01/1990", recruited="01/01/1985"),
        person_row(17, "", born="01/01/1980"),
        person_row(18, "Đã Có Sẵn", born="04/04/1984", cccd="001184000444"),
        person_row(19, "CCCD Đã Có", born="05/05/1985", cccd="001185000555"),
    ]
    rows[11][8] = "Hợp đồng lạ"
    rows[11][9] = "Nguồn khác"
    return rows


def _problems(result) -> list:
    return [[p.sheet, p.row, p.column, p.field, p.label, repr(p.value), p.message] for p in result.problems]


def _table(ctx, table: str, drop: tuple[str, ...] = (), where: str = "") -> list:
    rows = repo.query(ctx.db, f"SELECT * FROM {table} {where} ORDER BY id")  # noqa: S608 - literal names
    return [[v for k, v in r.items() if k not in drop] for r in rows]


def outcome(ctx, tmp_path) -> dict:
    records.create(ctx, "person", {"full_name": "Đã Có Sẵn", "birth_date": "04/04/1984", "gender": "nam",
                                   "unit_id": "TH01", "cccd": "001184000999"})
    records.create(ctx, "person", {"full_name": "Người Khác", "cccd": "001185000555", "unit_id": "TH01"})
    bad = tmp_path / "loi.xlsx"
    staff_book(bad_rows(), bad)
    checked = import_file(ctx, "staff", bad)
    good = tmp_path / "ds.xlsx"
    staff_book(clean_rows(), good)
    dry = import_file(ctx, "staff", good, dry_run=True)
    done = import_file(ctx, "staff", good)
    return {
        "bad": {"rows": checked.rows, "written": checked.written, "problems": _problems(checked),
                "skipped": [[s.row, s.reason, s.text] for s in checked.skipped]},
        "dry": {"rows": dry.rows, "ok": dry.ok, "written": dry.written},
        "real": {"rows": done.rows, "ok": done.ok, "written": done.written, "problems": _problems(done)},
        "person": _table(ctx, "person", LATER_COLUMNS),
        "assignment": _table(ctx, "assignment", LATER_COLUMNS),
        "audit": _table(ctx, "audit", ("at", "os_user"), "WHERE entity != 'office'"),  # its uid is random
    }


def test_import_matches_the_frozen_row_by_row_results(ctx, units, tmp_path):
    got = json.loads(json.dumps(outcome(ctx, tmp_path), ensure_ascii=False))
    if os.environ.get("BIENCHE_REGEN_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert got["bad"]["problems"] and got["real"]["ok"]  # the file exercises both sides
    for key in expected:
        assert got[key] == expected[key], key
