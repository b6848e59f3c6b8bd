"""Importing many offices' packages into one consolidating database (SPEC §8).

Per package, in one transaction: decide (new office → đã nhập; newer than
the one held → đã thay thế, the office's old rows deleted first; identical →
trùng; older → bỏ qua vì cũ hơn), then stream each CSV member into its table
in batches with ids shifted past the rows already there, hashing as it
reads. A hash or count mismatch raises before COMMIT, so a tampered or
truncated package changes nothing. A backup is taken before the first write.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from db import queries_dashboard
from db import queries_packages as q
from desktop_app.context import Context
from desktop_app.errors import BiencheError
from desktop_app.packages import fmt
from desktop_app.services import backup, users

NHAP, THAY, CU, TRUNG, LOI = "đã nhập", "đã thay thế", "bỏ qua vì cũ hơn", "trùng", "lỗi"
Progress = Callable[[str, int], None]


@dataclass
class Summary:
    """One line of the import summary (CLI table, GUI table)."""

    file: str
    status: str
    office: str = ""
    office_uid: str = ""
    as_of: str = ""
    rows: int = 0
    reason: str = ""
    catalogue_notes: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    summaries: list[Summary]
    duplicate_cccd: list[dict]


class Cancelled(BiencheError):
    pass


def import_packages(ctx: Context, paths: list[str | Path], progress: Progress | None = None,
                    cancelled: Callable[[], bool] | None = None, make_backup: bool = True) -> Outcome:
    """Import ``paths`` in order; one summary each, then the CCCD numbers found in two offices."""
    users.require_writer(ctx)
    if make_backup and ctx.path is not None:
        backup.backup_now(ctx, "nhap")
    with q.large_cache(ctx.db):
        summaries = [import_one(ctx, Path(p), progress, cancelled) for p in paths]
    return Outcome(summaries, q.duplicate_cccd_across_offices(ctx.db))


def import_one(ctx: Context, path: Path, progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None) -> Summary:
    summary = Summary(file=path.name, status=LOI)
    try:
        with fmt.open_zip(path) as archive:
            manifest = fmt.read_manifest(archive)
            fmt.check_whole(archive, manifest, fmt.REQUIRED_TABLES)
            _describe(summary, manifest, ctx)
            summary.status = _decide(ctx, manifest)
            if summary.status in (NHAP, THAY):
                # A package is a bulk write like the importer's (db/bulk.py): the dashboard's
                # per-row log would double its cost; one "everything changed" mark instead.
                with ctx.db.atomic(), queries_dashboard.unlogged(ctx.db, summary.rows):
                    summary.rows = _load(ctx, archive, manifest, progress, cancelled)
    except Cancelled:
        summary.status, summary.reason = LOI, "Đã dừng theo yêu cầu; gói này chưa được nhập."
    except fmt.PackageError as exc:
        summary.status, summary.reason = LOI, str(exc)
    return summary


def _describe(summary: Summary, manifest: dict, ctx: Context) -> None:
    office = manifest.get("office") or {}
    summary.office, summary.office_uid = str(office.get("name") or ""), str(office.get("uid") or "")
    summary.as_of = str(manifest.get("as_of") or "")
    summary.rows = sum(int(t.get("rows", 0)) for t in manifest["tables"] if t["name"] != "office")
    summary.catalogue_notes = catalogue_differences(ctx.catalogues.versions(),
                                                    manifest.get("catalogue_versions") or {})
    if not summary.office_uid:
        raise fmt.PackageError(f"Gói «{summary.file}» không ghi mã định danh của cơ quan.")
    try:
        dt.date.fromisoformat(summary.as_of)
    except ValueError:
        raise fmt.PackageError(f"Gói «{summary.file}» ghi ngày số liệu không hợp lệ.") from None


def catalogue_differences(ours: dict[str, str], theirs: dict[str, str]) -> list[str]:
    notes = []
    for kind in sorted(set(ours) | set(theirs)):
        if ours.get(kind) != theirs.get(kind):
            notes.append(f"Danh mục «{kind}»: gói dùng phiên bản {theirs.get(kind) or 'không có'}, "
                         f"cơ sở dữ liệu tổng hợp dùng {ours.get(kind) or 'không có'}.")
    return notes


def _decide(ctx: Context, manifest: dict) -> str:
    uid = manifest["office"]["uid"]
    own = ctx.db.execute("SELECT uid FROM office WHERE id = 1").fetchone()
    if own and own[0] == uid:
        raise fmt.PackageError("Đây là gói của chính cơ quan này, không nhập vào dữ liệu tổng hợp.")
    held = q.source_office(ctx.db, uid)
    if held is None:
        return NHAP
    if held["data_sha256"] == str(manifest["data_sha256"]).upper():
        return TRUNG
    if (manifest["as_of"], manifest["created_at"]) <= (held["as_of"], held["package_created_at"]):
        return CU
    return THAY


def _load(ctx: Context, archive: zipfile.ZipFile, manifest: dict, progress: Progress | None,
          cancelled: Callable[[], bool] | None) -> int:
    uid = manifest["office"]["uid"]
    q.delete_office_data(ctx.db, uid)
    q.save_source_office(ctx.db, _register(manifest))
    offsets = q.id_offsets(ctx.db)
    total = 0
    for entry in manifest["tables"]:
        if entry["name"] not in fmt.TABLES:
            continue
        with fmt.read_csv(archive, entry) as (header, reader, hasher):
            if entry["name"] == "office":  # the identity is in source_office; hash it all the same
                n = sum(1 for _ in reader)
            else:
                n = _insert(ctx, entry["name"], header, reader, uid, offsets, progress, cancelled)
                total += n
        fmt.check_member(archive, entry, hasher, n)
    return total


def _insert(ctx: Context, table: str, header: list[str], reader: Iterator[list[str]], uid: str,
            offsets: dict[str, int], progress: Progress | None, cancelled: Callable[[], bool] | None) -> int:
    shifts = [(i, offsets[q.ID_COLUMNS[table][c]]) for i, c in enumerate(header) if c in q.ID_COLUMNS[table]]
    width = len(header)

    def rows() -> Iterator[list]:
        # The per-row work is all the Python here: a few hundred thousand rows per package.
        n = 0
        for cells in reader:
            n += 1
            if len(cells) != width:
                raise fmt.PackageError(f"Tệp {table}.csv dòng {n + 1} có {len(cells)} cột, cần {width}.")
            values: list = [c or None for c in cells]  # csv gives strings: "" is an empty cell
            for i, off in shifts:
                if values[i] is not None:
                    values[i] = int(values[i]) + off
            values.append(uid)
            if not n % 5000:
                if cancelled and cancelled():
                    raise Cancelled("cancelled")
                if progress:
                    progress(table, n)
            yield values

    try:
        return q.insert_rows(ctx.db, table, header, rows())
    except KeyError as exc:
        raise fmt.PackageError(f"Tệp {table}.csv có cột không biết: {exc}. Gói có thể từ phiên bản khác."
                               ) from None
    except ValueError as exc:
        raise fmt.PackageError(f"Tệp {table}.csv có mã số không hợp lệ: {exc}.") from None
    except Exception as exc:  # sqlite3.IntegrityError: a broken reference or duplicate inside the package
        if type(exc).__name__ != "IntegrityError":
            raise
        raise fmt.PackageError(f"Tệp {table}.csv có dữ liệu không hợp lệ ({exc}). Gói bị từ chối.") from None


def _register(manifest: dict) -> dict:
    office = manifest["office"]
    return {"uid": office["uid"], "name": office.get("name") or "", "level": office.get("level"),
            "parent": office.get("parent"), "province": office.get("province"),
            "as_of": manifest["as_of"], "package_created_at": manifest["created_at"],
            "app_version": manifest.get("app_version"), "format_version": int(manifest["format_version"]),
            "catalogue_versions": json.dumps(manifest.get("catalogue_versions") or {}, ensure_ascii=False),
            "fingerprint": manifest.get("fingerprint"), "data_sha256": str(manifest["data_sha256"]).upper(),
            "imported_at": dt.datetime.now().isoformat(" ", "seconds")}
