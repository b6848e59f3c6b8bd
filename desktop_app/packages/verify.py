"""``package verify`` (issue #15 item 4): the signature, every member's hash, and the
data fingerprint recomputed from the package's content — never the code the
manifest merely claims.

The sender's own file is rebuilt in memory from the members (the schema from
db/migrations, rows as written, ids unchanged) and fingerprinted by the same
function that prints «Mã dữ liệu» on its reports (services.fingerprint).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from db import migrations
from db import queries_packages as q
from db.connection import connect
from desktop_app import signing
from desktop_app.context import Context
from desktop_app.packages import fmt
from desktop_app.packages.fmt import PackageError
from desktop_app.packages.manifest import EXTRA_TABLES, read_signed
from desktop_app.services.fingerprint import data_fingerprint


@dataclass
class Report:
    """What verify found; ``signature_ok`` covers the signature and every member's hash."""

    manifest: dict = field(default_factory=dict)
    signature_ok: bool = False
    signature_problem: str = ""
    key_fingerprint: str = ""
    claimed: str = ""  # the data fingerprint the manifest states
    recomputed: str = ""  # the one computed from the content ("" when it could not be)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def fingerprint_ok(self) -> bool:
        return bool(self.recomputed) and self.recomputed == self.claimed.upper()


def verify_package(path: str | Path) -> Report:
    report = Report()
    with fmt.open_zip(path) as archive:
        try:
            report.manifest, public = read_signed(archive, fmt.FORMAT)
            report.signature_ok, report.key_fingerprint = True, signing.fingerprint(public)
        except PackageError as exc:
            report.signature_problem = str(exc)
            report.manifest = _unsigned_manifest(archive)
        full = report.manifest.get("fingerprint_full") or report.manifest.get("fingerprint") or ""
        report.claimed = str(full)
        if report.manifest:
            report.recomputed, report.rows = _recompute(archive, report.manifest, len(report.claimed) or 12)
    return report


def _unsigned_manifest(archive: zipfile.ZipFile) -> dict:
    """The manifest as it stands, to recompute the fingerprint of a package whose signature failed."""
    try:
        return fmt.read_manifest(archive)
    except (PackageError, TypeError, ValueError, RecursionError):
        return {}


def _recompute(archive: zipfile.ZipFile, manifest: dict, length: int) -> tuple[str, dict[str, int]]:
    tables = {t.get("name"): t for t in manifest.get("tables", []) if isinstance(t, dict)}
    if not all(name in tables for name in fmt.TABLES + EXTRA_TABLES):
        return "", {}
    db = connect(":memory:")
    try:
        migrations.migrate(db.conn)
        db.conn.execute("PRAGMA foreign_keys = OFF")  # a forged package still gets a fingerprint
        counts = {}
        for name in fmt.TABLES + EXTRA_TABLES:
            with fmt.read_csv(archive, tables[name]) as (header, reader, _hasher):
                rows = [[c or None for c in cells] for cells in reader]
                q.insert_plain(db, name, header, rows)
                counts[name] = len(rows)
        digest = data_fingerprint(Context(db=db), short=False)
    except Exception:  # noqa: BLE001 - a stranger's bytes: any failure means "cannot recompute"
        return "", {}
    finally:
        db.close()
    return digest[:length], counts
