"""Control, bidi-override and zero-width characters (issue #16): removed on every input path
by the field definitions (vntext.clean / nfc), and escaped by every writer for files written
by an older version that still hold them: one such name used to make every later bm02-vc
xlsx export crash (openpyxl refuses a C0 control in a cell) and the CLI printed ESC raw."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from safety_helpers import small_office

from desktop_app.entities import ENTITIES
from desktop_app.fields import CHOICE, LONGTEXT, REF, TEXT
from desktop_app.importing.service import import_file
from desktop_app.services import office, records

HOSTILE = "\x00\x07\x1b[2J\x1b]0;pwned\x07\x7f\x85\x9b\u202e\u202a\u2066\u2069\u200b\u200d\u2060\ufeff"
INVISIBLE = {*map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]),
             *"\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"}
SILENT = "\x00\x07\x1b\x7f\x85\x9b\u202e\u202a\u2066\u2069\u200b\u200d\u2060\ufeff"  # all invisible
CLI = [sys.executable, "-m", "desktop_app.main"]


def visible(text) -> bool:
    return not (set(str(text)) & INVISIBLE)


TEXT_FIELDS = [(e.name, f.name) for e in ENTITIES.values() for f in e.fields
               if f.kind in (TEXT, LONGTEXT, REF) and not f.pattern]


@pytest.mark.parametrize(("entity", "name"), TEXT_FIELDS)
def test_every_text_field_drops_invisible_characters(entity, name):
    field = ENTITIES[entity].field(name)
    value = field.convert(f"Trư{SILENT}ờng A\u202eB\r\nC", None)
    assert visible(value) and "Trường" in value and "A" in value and "B" in value
    assert "\n" in value if field.kind == LONGTEXT else " C" in value


def test_choice_fields_match_through_invisible_characters():
    gender = ENTITIES["person"].field("gender")
    assert gender.kind == CHOICE and gender.convert("N\u200bữ\x07", None) == "nu"


def test_typed_and_imported_names_are_stored_clean(tmp_path):
    ctx, units, _ = small_office(tmp_path / "d.sqlite")
    office.save(ctx, {"name": f"UBND {HOSTILE}Phúc Đồng"})
    records.create(ctx, "unit", {"code": "X1", "name": f"Trường{SILENT} Mới", "field": "TH"})
    csv_file = tmp_path / "dv.csv"
    csv_file.write_text(f"Mã đơn vị,Tên đơn vị,Lĩnh vực\nX2,Trạm{SILENT} Y tế,YTE\n", encoding="utf-8")
    assert import_file(ctx, "units", csv_file).ok
    rows = ctx.db.execute("SELECT name FROM unit WHERE code IN ('X1','X2') ORDER BY code").fetchall()
    assert [r[0] for r in rows] == ["Trường Mới", "Trạm Y tế"]
    assert office.get(ctx)["name"] == "UBND [2J]0;pwnedPhúc Đồng"
    ctx.close()


@pytest.fixture
def older_file(tmp_path):
    """A file an older version wrote: control characters stored as typed (raw SQL, as it did)."""
    path = tmp_path / "cu.sqlite"
    ctx, _, _ = small_office(path)
    ctx.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE office SET name = ?", [f"UBND{HOSTILE} Phúc Đồng"])
        conn.execute("UPDATE unit SET name = name || ?", [HOSTILE])
        conn.execute("UPDATE person SET full_name = full_name || ?", [HOSTILE])
    conn.close()
    return path


def test_bm02_vc_exports_twice_from_an_older_file_with_control_characters(older_file, tmp_path):
    for attempt in ("a", "b"):  # the crash used to come back on every later export
        out = tmp_path / f"bm02_{attempt}"
        r = subprocess.run([*CLI, "export", "bm02-vc", "--out", str(out), "--format", "both",
                            "--db", str(older_file)], capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        book = load_workbook(out.with_suffix(".xlsx"))
        texts = [c.value for row in book.active.iter_rows() for c in row if isinstance(c.value, str)]
        assert any("Phúc Đồng" in t for t in texts) and all(visible(t) for t in texts)
        pdf = "".join(p.extract_text() for p in PdfReader(out.with_suffix(".pdf")).pages)
        assert "Phúc Đồng" in pdf and visible(pdf.replace("\n", " "))


@pytest.mark.parametrize("command", [["info"], ["check"], ["export", "bm02-vc", "--out", "OUT"]])
def test_cli_never_prints_escape_sequences(older_file, tmp_path, command):
    args = [str(tmp_path / "r.xlsx") if a == "OUT" else a for a in command]
    r = subprocess.run([*CLI, *args, "--db", str(older_file)], capture_output=True, timeout=300)
    out = (r.stdout + r.stderr).decode("utf-8")
    assert r.returncode in (0, 1), out
    assert visible(out.replace("\n", " ")), repr(out)
    if command == ["info"]:
        assert "Phúc Đồng" in out
