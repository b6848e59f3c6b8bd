"""The package format, version 1 (docs/package-format.md): a zip holding
``manifest.json`` and one UTF-8-with-BOM CSV per table, each member's SHA-256
(over its uncompressed bytes) and row count in the manifest.

Members are read and written as streams: a hashing wrapper sits between the
zip member and the csv module, so neither side ever holds a whole table.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from db.queries_packages import DATA_TABLES, LATER_TABLES
from desktop_app.errors import ValidationError

FORMAT = "bienche-package"
CATALOGUE_FORMAT = "bienche-catalogue-package"
FORMAT_VERSION = 2  # the newest version read here; 2 adds an office's own catalogue items
PLAIN_VERSION = 1  # written when a package needs nothing newer (older software still reads it)
LOCAL_ITEMS = "local_item"  # member of version 2: the office's own catalogue items its rows name
MANIFEST = "manifest.json"
TABLES = ("office",) + DATA_TABLES
REQUIRED_TABLES = tuple(t for t in TABLES if t not in LATER_TABLES)  # older packages lack the rest
ENCODING = "utf-8-sig"  # BOM first, so Excel opens the CSV as UTF-8

csv.field_size_limit(16 * 1024 * 1024)  # job descriptions are free text


class PackageError(ValidationError):
    """A package that cannot be used, with the Vietnamese reason."""


def member(table: str) -> str:
    return f"{table}.csv"


class HashingWriter(io.RawIOBase):
    """Forwards bytes to ``target`` and hashes them."""

    def __init__(self, target: Any):
        self.target, self.sha = target, hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        self.sha.update(data)
        self.target.write(data)
        return len(data)


class HashingReader(io.RawIOBase):
    """Reads bytes from ``source`` and hashes them."""

    def __init__(self, source: Any):
        self.source, self.sha = source, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self.source.read(len(buffer))
        self.sha.update(data)
        buffer[:len(data)] = data
        return len(data)


def data_sha256(tables: list[dict]) -> str:
    """The hash of the whole data: over the members' names and hashes, in order."""
    text = "".join(f"{t['member']}:{t['sha256']}\n" for t in tables)
    return hashlib.sha256(text.encode()).hexdigest().upper()


@contextmanager
def open_zip(path: str | Path) -> Iterator[zipfile.ZipFile]:
    """Open a package, turning a truncated or damaged zip into a PackageError."""
    name = Path(path).name
    if Path(path).is_dir():
        raise PackageError(f"«{name}» là một thư mục, không phải tệp gói (.zip); hãy chọn tệp gói trong đó.")
    try:
        with zipfile.ZipFile(path) as archive:
            yield archive
    except FileNotFoundError:
        raise PackageError(f"Không tìm thấy tệp gói «{name}».") from None
    except PermissionError:
        raise PackageError(f"Không đọc được tệp gói «{name}»: không có quyền đọc tệp này.") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise PackageError(f"Tệp gói «{name}» bị hỏng hoặc chép chưa hết (không đọc được tệp nén)."
                           ) from exc


def read_manifest(archive: zipfile.ZipFile, kind: str = FORMAT) -> dict:
    name = Path(archive.filename or "").name
    try:
        manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except KeyError:
        raise PackageError(f"Tệp «{name}» không phải gói dữ liệu Biên chế (thiếu {MANIFEST}).") from None
    except (ValueError, UnicodeDecodeError):
        raise PackageError(f"Tệp {MANIFEST} trong gói «{name}» bị hỏng.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != kind:
        raise PackageError(f"Tệp «{name}» không phải gói {_kind_label(kind)} của Biên chế.")
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise PackageError(f"Gói «{name}» theo định dạng phiên bản {manifest['format_version']}, mới hơn "
                           f"phần mềm này (hiểu đến {FORMAT_VERSION}). Hãy cập nhật phần mềm.")
    return manifest


def _kind_label(kind: str) -> str:
    return "danh mục" if kind == CATALOGUE_FORMAT else "dữ liệu"


@contextmanager
def read_csv(archive: zipfile.ZipFile, entry: dict) -> Iterator[tuple[list[str], Iterator[list[str]],
                                                                       HashingReader]]:
    """(header, rows, hasher) of one member; check the hash with :func:`check_member` after reading."""
    name = Path(archive.filename or "").name
    try:
        raw = archive.open(entry["member"])
    except KeyError:
        raise PackageError(f"Gói «{name}» thiếu tệp {entry['member']}.") from None
    hasher = HashingReader(raw)
    text = io.TextIOWrapper(io.BufferedReader(hasher, 1 << 16), encoding=ENCODING, newline="")
    try:
        reader = csv.reader(text)
        header = next(reader, [])
        yield header, reader, hasher
    except UnicodeDecodeError:
        raise PackageError(f"Tệp {entry['member']} trong gói «{name}» không phải UTF-8.") from None
    except csv.Error:  # a cell over 16 MB, a NUL byte, a broken quote
        raise PackageError(f"Tệp {entry['member']} trong gói «{name}», dòng {reader.line_num}: dòng CSV hỏng "
                           "hoặc một ô dài quá 16 MB. Gói bị từ chối.") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise PackageError(f"Tệp {entry['member']} trong gói «{name}» bị hỏng.") from exc
    finally:
        raw.close()


def check_member(archive: zipfile.ZipFile, entry: dict, hasher: HashingReader, rows: int) -> None:
    name = Path(archive.filename or "").name
    if hasher.sha.hexdigest().upper() != str(entry.get("sha256", "")).upper():
        raise PackageError(f"Tệp {entry['member']} trong gói «{name}» đã bị sửa đổi: mã băm SHA-256 "
                           "không khớp với bản kê (manifest). Gói bị từ chối.")
    if rows != int(entry.get("rows", -1)):
        raise PackageError(f"Tệp {entry['member']} trong gói «{name}» có {rows} dòng, bản kê ghi "
                           f"{entry.get('rows')} dòng. Gói bị từ chối.")


def check_whole(archive: zipfile.ZipFile, manifest: dict, expected: tuple[str, ...]) -> None:
    """The manifest lists the expected members and its whole-data hash matches them."""
    name = Path(archive.filename or "").name
    listed = [t.get("name") for t in manifest.get("tables", [])]
    missing = [t for t in expected if t not in listed]
    if missing:
        raise PackageError(f"Bản kê của gói «{name}» thiếu bảng: {', '.join(missing)}.")
    if data_sha256(manifest["tables"]) != str(manifest.get("data_sha256", "")).upper():
        raise PackageError(f"Bản kê của gói «{name}» đã bị sửa đổi: mã băm toàn bộ dữ liệu không khớp.")
