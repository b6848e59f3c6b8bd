"""Master lists flow down (SPEC §2, §8): the level above exports its installed
catalogues and its target settings (``nguong.*``) as a catalogue package;
an office imports it, recording each catalogue's version through
:func:`desktop_app.catalogues.install` and storing the targets as settings.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

from db import repo
from desktop_app import __version__, catalogues
from desktop_app.atomic import atomic_write
from desktop_app.context import Context
from desktop_app.packages import fmt
from desktop_app.packages.export import write_member
from desktop_app.settings import put

TABLES = ("catalogue_item", "catalogue_version", "setting")


def export_catalogues(ctx: Context, out: str | Path) -> dict:
    """Write the catalogue package; return its manifest."""
    queries = {
        "catalogue_item": "SELECT kind, code, label, sort, data FROM catalogue_item ORDER BY kind, sort",
        "catalogue_version": "SELECT kind, version, source FROM catalogue_version ORDER BY kind",
        "setting": "SELECT key, value FROM setting WHERE key LIKE 'nguong.%' ORDER BY key",
    }
    tables = []
    with atomic_write(out) as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, sql in queries.items():
            cursor = ctx.db.conn.execute(sql)
            tables.append(write_member(archive, table, [d[0] for d in cursor.description], cursor))
        manifest = {"format": fmt.CATALOGUE_FORMAT, "format_version": fmt.FORMAT_VERSION,
                    "created_at": dt.datetime.now().isoformat(timespec="seconds"),
                    "app_version": __version__, "catalogue_versions": ctx.catalogues.versions(),
                    "tables": tables, "data_sha256": fmt.data_sha256(tables)}
        archive.writestr(fmt.MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
    return manifest


def import_catalogues(ctx: Context, path: str | Path) -> dict[str, list[str]]:
    """Verify, then install the package's catalogues and targets in one transaction.

    Returns the kinds whose version changed and the targets set. Catalogues
    are small (hundreds of rows), so they are read whole after verification.
    """
    fmt.verify(path, fmt.CATALOGUE_FORMAT)
    with fmt.open_zip(path) as archive:
        manifest = fmt.read_manifest(archive, fmt.CATALOGUE_FORMAT)
        data = {t["name"]: _rows(archive, t) for t in manifest["tables"] if t["name"] in TABLES}
    cats = []
    for version in data.get("catalogue_version", []):
        items = [{"code": i["code"], "label": i["label"], **json.loads(i["data"] or "{}")}
                 for i in data.get("catalogue_item", []) if i["kind"] == version["kind"]]
        cats.append({"kind": version["kind"], "version": version["version"],
                     "source": version.get("source") or None, "items": items})
    with ctx.db.atomic():
        loaded = catalogues.install(ctx.db, cats)
        targets = []
        for row in data.get("setting", []):
            if row["key"].startswith("nguong."):
                put(ctx, row["key"], json.loads(row["value"]))
                targets.append(row["key"])
    ctx.catalogues.reload()
    return {"catalogues": loaded, "targets": targets}


def _rows(archive: zipfile.ZipFile, entry: dict) -> list[dict]:
    with fmt.read_csv(archive, entry) as (header, reader, _hasher):
        return [dict(zip(header, cells, strict=True)) for cells in reader]


def installed_versions(ctx: Context) -> list[dict]:
    return repo.query(ctx.db, "SELECT kind, version, source, loaded_at FROM catalogue_version ORDER BY kind")
