"""m0006 (signed packages) from a file at version 5: every row intact, the key tables
present, the office's signing key made on the first open and kept afterwards (and in
a backup), shown by `info --json` as office.key and beside the data code on reports."""

import datetime as dt
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

from safety_helpers import golden_rows

from db import migrations
from desktop_app import signing
from desktop_app.cli import run
from desktop_app.context import open_context
from desktop_app.packages.export import export_package
from desktop_app.reports.engine import build_report
from desktop_app.services import backup

GOLDEN = Path(__file__).resolve().parents[1] / "data"
TABLES = ["office", "unit", "position", "quota", "person", "assignment", "evaluation"]
TODAY = dt.date(2026, 11, 23)


def _key(path: Path) -> bytes:
    conn = sqlite3.connect(path)
    try:
        return bytes(conn.execute("SELECT private_key FROM office_key").fetchone()[0])
    finally:
        conn.close()


def test_upgrade_from_v5_makes_one_key_that_stays(tmp_path, capsys):
    golden = GOLDEN / "schema_v2.sqlite"
    copy = Path(shutil.copy(golden, tmp_path / "bienche.sqlite"))
    conn = sqlite3.connect(copy)
    migrations.migrate(conn, upto=5)
    assert "office_key" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    before = golden_rows(copy, golden, TABLES)
    ctx = open_context(copy, lock=True, today=TODAY)
    assert ctx.db.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST >= 6
    assert ctx.db.execute("SELECT count(*) FROM trusted_key").fetchone()[0] == 0
    saved = backup.backup_now(ctx, "thucong")
    report = build_report(ctx, "slnlv")
    manifest = export_package(ctx, tmp_path / "goi.zip", TODAY)
    ctx.close()
    private = _key(copy)
    assert len(private) == 32 and _key(saved) == private  # the key travels with the backup
    fp = signing.fingerprint(signing.public_key(private))
    assert report.key_fingerprint == fp and f"Khóa: {fp}" in report.footer_mark
    assert manifest["key_fingerprint"] == fp
    with zipfile.ZipFile(tmp_path / "goi.zip") as archive:
        raw, sig = archive.read("manifest.json"), archive.read("manifest.sig")
    assert signing.verify(signing.public_key(private), raw, signing.decode(sig.decode(), 64) or b"")
    assert run(["info", "--json", "--db", str(copy)]) == 0
    assert json.loads(capsys.readouterr().out)["office"]["key"] == fp
    assert _key(copy) == private  # reopening never makes a second key
    assert golden_rows(copy, golden, TABLES) == before
