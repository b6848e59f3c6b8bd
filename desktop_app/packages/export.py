"""Writing an office's package (SPEC §8): its own rows, one CSV per table,
streamed from a cursor through the csv module into the zip member, then the
manifest with counts and hashes; the zip is written atomically (USB sticks
are pulled out early).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import errno
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from db import migrations
from db.queries_packages import export_columns, iter_own_rows
from desktop_app import __version__, signing
from desktop_app.atomic import WriteFailed, atomic_write
from desktop_app.context import Context
from desktop_app.errors import ValidationError
from desktop_app.packages import fmt, keys, local_items
from desktop_app.packages.manifest import EXTRA_TABLES, SIGNATURE, sign
from desktop_app.services import office as office_service
from desktop_app.services.fingerprint import data_fingerprint

OFFICE_FIELDS = ("uid", "name", "level", "parent", "province", "place")
Progress = Callable[[str, int], None]


def export_package(ctx: Context, out: str | Path, as_of: dt.date | None = None,
                   progress: Progress | None = None) -> dict:
    """Write the package to ``out``; return its manifest."""
    office = office_service.get(ctx)
    if not office:
        raise ValidationError("Chưa khai báo cơ quan: hãy nhập thông tin cơ quan trước khi xuất gói.")
    tables = []
    with writing(out) as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in fmt.TABLES + EXTRA_TABLES:
            columns = export_columns(ctx.db, table)
            rows = iter_own_rows(ctx.db, table, columns)
            tables.append(write_member(archive, table, columns, rows, progress))
        if own_items := local_items.referenced(ctx):
            tables.append(write_member(archive, fmt.LOCAL_ITEMS, local_items.COLUMNS, own_items))
        manifest = _manifest(ctx, office, as_of or ctx.today, tables)
        write_signed(ctx, archive, manifest)
    return manifest


@contextlib.contextmanager
def writing(out: str | Path) -> Iterator[IO]:
    """``atomic_write`` with a full disk or a read-only folder told in Vietnamese (issue #16):
    the temporary file is gone and any earlier file under ``out`` is untouched."""
    try:
        with atomic_write(out) as handle:
            yield handle
    except OSError as exc:
        name = Path(out).name
        code = exc.errno or getattr(exc.__cause__, "errno", None) or getattr(exc.__context__, "errno", None)
        if code == errno.ENOSPC:
            raise ValidationError(f"Ổ đĩa đầy: không ghi được gói «{name}». Tệp cũ (nếu có) không bị "
                                  "thay đổi; hãy giải phóng chỗ trống hoặc chọn nơi lưu khác.") from None
        if code in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise ValidationError(f"Không ghi được gói «{name}» vào thư mục «{Path(out).parent}»: thư mục "
                                  "chỉ đọc hoặc không có quyền ghi. Hãy chọn nơi lưu khác.") from None
        if isinstance(exc, WriteFailed):  # the data file named as --out, a folder…: already Vietnamese
            raise ValidationError(str(exc)) from None
        why = str(exc.strerror or exc).rstrip(".")
        raise ValidationError(f"Không ghi được gói «{name}»: {why}.") from None


def write_signed(ctx: Context, archive: zipfile.ZipFile, manifest: dict) -> None:
    """The manifest names this office's key and is signed over its exact bytes (issue #15)."""
    private = keys.own_private(ctx)
    manifest["signing_key"] = signing.encode(signing.public_key(private))
    manifest["key_fingerprint"] = signing.fingerprint(signing.public_key(private))
    raw = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    archive.writestr(fmt.MANIFEST, raw)
    archive.writestr(SIGNATURE, sign(private, raw))


def write_member(archive: zipfile.ZipFile, table: str, columns: list[str], rows: Iterable[tuple],
                 progress: Progress | None = None) -> dict:
    """Stream ``rows`` as CSV into one zip member; return its manifest entry."""
    name = fmt.member(table)
    count = 0
    with archive.open(name, "w", force_zip64=True) as raw:
        hasher = fmt.HashingWriter(raw)
        text = io.TextIOWrapper(io.BufferedWriter(hasher, 1 << 16), encoding=fmt.ENCODING, newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
            count += 1
            if progress and count % 5000 == 0:
                progress(table, count)
        text.flush()
        text.detach().flush()
    return {"name": table, "member": name, "rows": count, "columns": columns,
            "sha256": hasher.sha.hexdigest().upper()}


def _cell(value: Any) -> Any:
    """NULL is an empty cell; floats keep their shortest exact form (repr)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return value


def _manifest(ctx: Context, office: dict, as_of: dt.date, tables: list[dict]) -> dict:
    return {
        "format": fmt.FORMAT,
        "format_version": fmt.FORMAT_VERSION if fmt.LOCAL_ITEMS in (t["name"] for t in tables)
        else fmt.PLAIN_VERSION,
        "office": {k: office.get(k) for k in OFFICE_FIELDS},
        "as_of": as_of.isoformat(),
        "created_at": dt.datetime.now().isoformat(timespec="microseconds"),
        "app_version": __version__,
        "schema_version": migrations.current_version(ctx.db.conn),
        "catalogue_versions": ctx.catalogues.versions(),
        "row_counts": {t["name"]: t["rows"] for t in tables},
        "tables": tables,
        "data_sha256": fmt.data_sha256(tables),
        "fingerprint": data_fingerprint(ctx, own_only=True),
        "fingerprint_full": data_fingerprint(ctx, short=False, own_only=True),
    }
