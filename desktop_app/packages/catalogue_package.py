"""Master lists flow down (SPEC §2, §8): the level above exports its installed
catalogues and its target settings (``nguong.*``) as a catalogue package;
an office imports it, recording each catalogue's version through
:func:`desktop_app.catalogues.install` and storing the targets as settings.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from db import repo
from desktop_app import __version__, catalogues, signing, vntext
from desktop_app.context import Context
from desktop_app.packages import fmt, keys, rows
from desktop_app.packages.export import write_member, write_signed, writing
from desktop_app.packages.manifest import read_signed
from desktop_app.services import office as office_service
from desktop_app.services import users
from desktop_app.settings import put

TABLES = ("catalogue_item", "catalogue_version", "setting")
_COLUMNS = {"catalogue_item": ("kind", "code", "label", "sort", "data"),
            "catalogue_version": ("kind", "version", "source"), "setting": ("key", "value")}


def export_catalogues(ctx: Context, out: str | Path) -> dict:
    """Write the catalogue package; return its manifest."""
    queries = {
        "catalogue_item": "SELECT kind, code, label, sort, data FROM catalogue_item "  # not offices' own
                          "WHERE json_extract(data, '$.office_uid') IS NULL ORDER BY kind, sort",
        "catalogue_version": "SELECT kind, version, source FROM catalogue_version ORDER BY kind",
        "setting": "SELECT key, value FROM setting WHERE key LIKE 'nguong.%' ORDER BY key",
    }
    tables = []
    office = office_service.get(ctx) or {}
    with writing(out) as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, sql in queries.items():
            cursor = ctx.db.conn.execute(sql)
            tables.append(write_member(archive, table, [d[0] for d in cursor.description], cursor))
        manifest = {"format": fmt.CATALOGUE_FORMAT, "format_version": fmt.PLAIN_VERSION,
                    "office": {k: office.get(k) for k in ("uid", "name", "level")},
                    "created_at": dt.datetime.now().isoformat(timespec="seconds"),
                    "app_version": __version__, "catalogue_versions": ctx.catalogues.versions(),
                    "tables": tables, "data_sha256": fmt.data_sha256(tables)}
        write_signed(ctx, archive, manifest)
    return manifest


def import_catalogues(ctx: Context, path: str | Path, trust: Iterable[str] = (),
                      reason: str = "") -> dict[str, list[str]]:
    """Verify (signature by the pinned key of the level above, every hash, every row), then
    install the package's catalogues and targets in one transaction with one audit row.

    Returns the kinds whose version changed and the targets set. Catalogues
    are small (hundreds of rows), so they are read whole after verification.
    """
    users.require_writer(ctx)
    name = Path(path).name
    with fmt.open_zip(path) as archive:
        manifest, public = read_signed(archive, fmt.CATALOGUE_FORMAT)
        office = manifest["office"]
        sender = str(office.get("name") or "")
        change = keys.check(ctx, office["uid"], sender, public, keys.ABOVE, trust, reason)
        data = {t["name"]: _rows(archive, t, name) for t in manifest["tables"]}
    cats = _catalogues(data, name)
    with ctx.db.atomic():
        if change:
            keys.pin(ctx, office["uid"], sender, public, keys.ABOVE, reason)
        loaded = catalogues.install(ctx.db, cats)
        targets = []
        for row in data.get("setting", []):
            if row["key"].startswith("nguong."):
                put(ctx, row["key"], _json(row["value"], name, "setting"))
                targets.append(row["key"])
        keys.audit_summary(ctx, "nhap_goi_danh_muc", "catalogue_package", {
            "tep": name, "co_quan": office["uid"], "ten": office.get("name"), "danh_muc": loaded,
            "chi_tieu": len(targets), "khoa_ky": signing.fingerprint(public)})
    ctx.catalogues.reload()
    return {"catalogues": loaded, "targets": targets}


def _catalogues(data: dict[str, list[dict]], name: str) -> list[dict]:
    cats = []
    for version in data.get("catalogue_version", []):
        items = []
        for i in data.get("catalogue_item", []):
            if i["kind"] == version["kind"]:
                extra = _json(i["data"] or "{}", name, "catalogue_item")
                if not isinstance(extra, dict) or not i["code"] or not i["label"]:
                    raise fmt.PackageError(f"Gói danh mục «{name}»: mục «{i['code'][:40]}» của danh mục "
                                           f"«{version['kind'][:40]}» không hợp lệ.")
                items.append({"code": i["code"], "label": i["label"], **extra})
        cats.append({"kind": version["kind"], "version": version["version"],
                     "source": version.get("source") or None, "items": items})
    return cats


def _json(text: str, name: str, table: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise fmt.PackageError(f"Gói danh mục «{name}», tệp {table}.csv: giá trị JSON hỏng «{text[:40]}»."
                               ) from None


def _rows(archive: zipfile.ZipFile, entry: dict, name: str) -> list[dict]:
    expected = _COLUMNS[entry["name"]]
    out = []
    with fmt.read_csv(archive, entry) as (header, reader, hasher):
        rows.check_header(entry["name"], header, list(expected), f"Gói danh mục «{name}»")
        for n, cells in enumerate(reader, start=2):
            if len(cells) != len(header) or any(rows.bad_text(c) for c in cells):
                raise fmt.PackageError(f"Gói danh mục «{name}», tệp {entry['member']} dòng {n}: có "
                                       f"{len(cells)} cột (cần {len(header)}) hoặc chứa ký tự điều khiển. "
                                       "Gói bị từ chối.")
            out.append(dict(zip(header, (vntext.nfc(c) or "" for c in cells), strict=True)))
    fmt.check_member(archive, entry, hasher, len(out))
    return out


def installed_versions(ctx: Context) -> list[dict]:
    return repo.query(ctx.db, "SELECT kind, version, source, loaded_at FROM catalogue_version ORDER BY kind")
