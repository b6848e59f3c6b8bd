"""Importing many offices' packages into one consolidating database (SPEC §8).

Per package, before anything is classified: declared sizes, the manifest's
shape, its signature, every member's hash (desktop_app.packages.manifest), the
data date, and the sender's key against the pinned one (packages.keys). Then,
in one transaction: decide (new office → đã nhập; newer than the one held →
đã thay thế, the office's old rows deleted first; identical → trùng; older →
bỏ qua vì cũ hơn), stream each CSV member through packages.rows (exact header,
ids inside the sender's id space, values through the field declarations) into
its table, check that no locked year changed, and write one audit row. Any
refusal rolls back, so a bad package changes nothing and the batch goes on.
A backup is taken before the first write.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import functools
import json
import sqlite3
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from db import queries_dashboard
from db import queries_packages as q
from desktop_app import signing
from desktop_app.changes import EVERYTHING
from desktop_app.context import Context
from desktop_app.errors import BiencheError, ValidationError
from desktop_app.packages import fmt, keys, local_items, locked, rows
from desktop_app.packages.manifest import read_signed
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
    key_fingerprint: str = ""
    needs_trust: bool = False  # the sender's key is not pinned: the clerk must confirm it
    pinned_fingerprint: str = ""  # with needs_trust: the other key pinned for this office (a key change)


@dataclass
class Outcome:
    summaries: list[Summary]
    duplicate_cccd: list[dict]


class Cancelled(BiencheError):
    pass


def import_packages(ctx: Context, paths: list[str | Path], progress: Progress | None = None,
                    cancelled: Callable[[], bool] | None = None, make_backup: bool = True,
                    trust: Iterable[str] = (), reason: str = "") -> Outcome:
    """Import ``paths`` in order; one summary each, then the CCCD numbers found in two offices.

    ``trust``: key fingerprints the clerk confirmed against the senders' signed papers (a first
    package of an office, or — by an admin with a ``reason`` — a changed key)."""
    users.require_writer(ctx)
    if make_backup and ctx.path is not None:
        backup.backup_now(ctx, "nhap")
    trusted = list(trust)
    with q.large_cache(ctx.db):
        summaries = [import_one(ctx, Path(p), progress, cancelled, trusted, reason) for p in paths]
    return Outcome(summaries, q.duplicate_cccd_across_offices(ctx.db))


def import_one(ctx: Context, path: Path, progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None, trust: Iterable[str] = (),
               reason: str = "") -> Summary:
    """One package in its own transaction: any refusal (or fault) leaves the file as it was."""
    summary = Summary(file=path.name, status=LOI)
    try:
        with fmt.open_zip(path) as archive:
            manifest, public = read_signed(archive, fmt.FORMAT)  # sizes, shape, signature, every hash
            _describe(summary, manifest, ctx)
            summary.key_fingerprint = signing.fingerprint(public)
            try:
                change = keys.check(ctx, summary.office_uid, summary.office, public, keys.SENDER, trust,
                                    reason)
            except keys.TrustError:
                summary.needs_trust = True
                held = keys.pinned(ctx, summary.office_uid, keys.SENDER)
                summary.pinned_fingerprint = held["fingerprint"] if held else ""
                raise
            summary.status = _decide(ctx, manifest)
            with ctx.db.atomic():
                if change:
                    keys.pin(ctx, summary.office_uid, summary.office, public, keys.SENDER, reason)
                if summary.status in (NHAP, THAY):
                    # A package is a bulk write like the importer's (db/bulk.py): the dashboard's
                    # per-row log would double its cost; one "everything changed" mark instead.
                    with queries_dashboard.unlogged(ctx.db, summary.rows), locked.unchanged(ctx, summary):
                        ctx.note_change(EVERYTHING)
                        summary.rows = _load(ctx, archive, manifest, progress, cancelled)
                keys.audit_summary(ctx, "nhap_goi", "package", _audit(summary, manifest))
    except Cancelled:
        summary.status, summary.reason = LOI, "Đã dừng theo yêu cầu; gói này chưa được nhập."
    except (fmt.PackageError, keys.TrustError, ValidationError) as exc:
        summary.status, summary.reason = LOI, str(exc)
    except (OSError, csv.Error, sqlite3.Error, RecursionError, MemoryError) as exc:
        summary.status, summary.reason = LOI, _fault(path, exc)
    finally:
        ctx.catalogues.reload()  # an office's own items, installed then rolled back, must not linger
    return summary


def _fault(path: Path, exc: BaseException) -> str:
    full = getattr(exc, "kind", None) == "full" or (  # FileProblem, or SQLite's own SQLITE_FULL
        isinstance(exc, sqlite3.OperationalError) and "full" in str(exc))
    if full or (isinstance(exc, OSError) and exc.errno == errno.ENOSPC):
        return f"Ổ đĩa đầy khi nhập gói «{path.name}»; gói chưa được nhập, dữ liệu không thay đổi."
    if isinstance(exc, csv.Error):
        return f"Gói «{path.name}» có tệp CSV hỏng ({exc}); gói bị từ chối, dữ liệu không thay đổi."
    return (f"Không nhập được gói «{path.name}» ({type(exc).__name__}: {str(exc)[:200]}); "
            "dữ liệu không thay đổi.")


def _audit(summary: Summary, manifest: dict) -> dict:
    return {"tep": summary.file, "co_quan": summary.office_uid, "ten": summary.office,
            "ngay_so_lieu": summary.as_of, "ket_qua": summary.status, "so_dong": summary.rows,
            "khoa_ky": summary.key_fingerprint, "ma_du_lieu": manifest.get("fingerprint"),
            "muc_danh_muc_rieng": sum(t["rows"] for t in manifest["tables"] if t["name"] == fmt.LOCAL_ITEMS)}


def _describe(summary: Summary, manifest: dict, ctx: Context) -> None:
    office = manifest["office"]
    summary.office, summary.office_uid = str(office.get("name") or ""), str(office["uid"])
    summary.as_of = manifest["as_of"]
    summary.rows = sum(t["rows"] for t in manifest["tables"] if t["name"] in fmt.DATA_TABLES)
    summary.catalogue_notes = catalogue_differences(ctx.catalogues.versions(),
                                                    manifest.get("catalogue_versions") or {})
    if dt.date.fromisoformat(summary.as_of) > ctx.today:
        raise fmt.PackageError(f"Gói «{summary.file}» ghi ngày số liệu {_vn(summary.as_of)}, sau ngày hôm "
                               f"nay ({ctx.today:%d/%m/%Y}): gói bị từ chối.")


def _vn(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")


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
    where = f"Gói «{Path(archive.filename or '').name}»"
    names = local_items.install(ctx, archive, manifest, uid, where)
    rename = functools.partial(local_items.renamer, names)
    total = 0
    for entry in manifest["tables"]:
        if entry["name"] not in fmt.DATA_TABLES:
            continue  # office: the identity is in source_office; catalogue_version: for `verify`
        with fmt.read_csv(archive, entry) as (header, reader, hasher):
            n = _insert(ctx, entry["name"], header, reader, uid, offsets, where, progress, cancelled,
                        rename)
            total += n
        fmt.check_member(archive, entry, hasher, n)
    return total


def _insert(ctx: Context, table: str, header: list[str], reader: Iterator[list[str]], uid: str,
            offsets: dict[str, int], where: str, progress: Progress | None,
            cancelled: Callable[[], bool] | None, rename: rows.Rename) -> int:
    rows.check_header(table, header, q.export_columns(ctx.db, table), where)
    converter = rows.RowConverter(ctx, table, header, offsets, where, rename)

    def values() -> Iterator[list]:
        # The per-row work is all the Python here: a few hundred thousand rows per package.
        n = 0
        for cells in reader:
            n += 1
            out = converter.convert(n + 1, cells)
            out.append(uid)
            if not n % 5000:
                if cancelled and cancelled():
                    raise Cancelled("cancelled")
                if progress:
                    progress(table, n)
            yield out

    try:
        return q.insert_rows(ctx.db, table, header, values())
    except sqlite3.IntegrityError as exc:  # a reference outside the package, a duplicate id, a NULL
        raise fmt.PackageError(f"{where}, tệp {table}.csv có dữ liệu không hợp lệ ({exc}): mỗi mã số phải "
                               "trỏ tới một dòng trong chính gói. Gói bị từ chối.") from None


def _register(manifest: dict) -> dict:
    office = manifest["office"]
    return {"uid": office["uid"], "name": office.get("name") or "", "level": office.get("level"),
            "parent": office.get("parent"), "province": office.get("province"),
            "as_of": manifest["as_of"], "package_created_at": manifest["created_at"],
            "app_version": manifest.get("app_version"), "format_version": int(manifest["format_version"]),
            "catalogue_versions": json.dumps(manifest.get("catalogue_versions") or {}, ensure_ascii=False),
            "fingerprint": manifest.get("fingerprint"), "data_sha256": str(manifest["data_sha256"]).upper(),
            "imported_at": dt.datetime.now().isoformat(" ", "seconds")}
