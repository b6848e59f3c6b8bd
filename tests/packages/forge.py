"""A hostile sender's tools for the trust tests: rewrite a genuine package's members
and manifest, recompute every hash the format document describes, and sign with
whatever key the attacker holds (its own office's, a fresh one, or none)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from desktop_app import signing
from desktop_app.context import Context
from desktop_app.packages import fmt, keys


def read_csv(path: Path, member: str) -> list[list[str]]:
    with zipfile.ZipFile(path) as archive:
        text = archive.read(member).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def rewrite(src: Path, dst: Path, members: dict[str, bytes] | None = None,
            edit: Callable[[dict], None] | None = None, private: bytes | None = None,
            manifest_bytes: bytes | None = None) -> Path:
    """Copy ``src`` to ``dst`` with ``members`` replaced (hashes and counts recomputed), the
    manifest edited, and signed with ``private`` (None keeps the original signature)."""
    with zipfile.ZipFile(src) as archive:
        data = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(data[fmt.MANIFEST])
    for name, raw in (members or {}).items():
        data[name] = raw
        for entry in manifest["tables"]:
            if entry["member"] == name:
                entry["sha256"] = hashlib.sha256(raw).hexdigest().upper()
                entry["rows"] = _count(raw)
    manifest["data_sha256"] = fmt.data_sha256(manifest["tables"])
    if edit:
        edit(manifest)
    raw = manifest_bytes if manifest_bytes is not None else json.dumps(manifest, ensure_ascii=False).encode()
    data[fmt.MANIFEST] = raw
    if private is not None:
        data["manifest.sig"] = signing.encode(signing.sign(private, raw)).encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in data.items():
            archive.writestr(name, blob)
    return dst


def _count(raw: bytes) -> int:
    """Data rows as the csv module reads them; a member it cannot read keeps the line count."""
    try:
        return max(len(list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))) - 1, 0)
    except (csv.Error, UnicodeDecodeError):
        return raw.count(b"\n") - 1


def sender_key(ctx: Context) -> bytes:
    return keys.own_private(ctx)


def data_state(ctx: Context) -> str:
    """Everything a package may touch, ids included: data tables, the register, the pins, locks."""
    digest = hashlib.sha256()
    for table in ("unit", "division", "event", "event_unit", "finance", "position", "quota", "person",
                  "assignment", "evaluation", "source_office", "trusted_key", "period_lock", "office"):
        for row in ctx.db.execute(f"SELECT * FROM {table} ORDER BY rowid"):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()
