"""The update bundle format: write one (installer/make_update.py), read and verify one.

A bundle is a zip with exactly three members: ``manifest.json`` (UTF-8 JSON,
below), ``manifest.sig`` (base64 Ed25519 signature of the manifest's exact
bytes) and ``installer/<name>`` (the NSIS installer). The manifest binds the
installer by size and SHA-256::

    {"format": "bienche-update", "format_version": 1, "version": "0.2.0",
     "schema_version": 6, "min_schema_version": 1,
     "installer": {"name": "BienChe-0.2.0-cai-dat.exe", "size": 41234567, "sha256": "…"},
     "notes": "…", "created": "01/12/2026"}

Reading verifies in this order and stops at the first failure: a zip with the
expected members → the signature over the manifest bytes → the manifest's
shape → the installer's size and hash, streamed to a temporary file, never
more bytes than the signed size.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from desktop_app import signing
from desktop_app.atomic import atomic_write
from desktop_app.errors import BiencheError

FORMAT = "bienche-update"
FORMAT_VERSION = 1
MANIFEST, SIGNATURE, INSTALLER_DIR = "manifest.json", "manifest.sig", "installer/"
MAX_MANIFEST = 64 * 1024
MAX_INSTALLER = 2 * 1024**3
_VERSION = re.compile(r"^\d{1,4}(\.\d{1,4}){1,3}$")
_TAMPERED = "bộ cài đặt đã bị thay đổi (mã băm SHA-256 không khớp với bản kê đã ký)"
_SHA = re.compile(r"^[0-9a-f]{64}$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.exe$")


class UpdateError(BiencheError):
    """A bundle that must not be installed; ``str()`` is the Vietnamese reason."""


@dataclass(frozen=True)
class Manifest:
    version: str
    schema_version: int
    min_schema_version: int
    installer_name: str
    installer_size: int
    installer_sha256: str
    notes: str
    created: str


def version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def build(installer: Path, out: Path, private_key: bytes, *, version: str, schema_version: int,
          min_schema_version: int, notes: str, created: str) -> Path:
    """Write a signed bundle for ``installer`` (atomically) and return its path."""
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "version": version,
                "schema_version": schema_version, "min_schema_version": min_schema_version,
                "installer": {"name": installer.name, "size": installer.stat().st_size,
                              "sha256": _sha256_file(installer)},
                "notes": notes, "created": created}
    _manifest_from(manifest)  # the writer obeys the reader's rules
    raw = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    with atomic_write(out) as handle, zipfile.ZipFile(handle, "w") as zf:
        zf.writestr(MANIFEST, raw)
        zf.writestr(SIGNATURE, signing.encode(signing.sign(private_key, raw)))
        zf.write(installer, INSTALLER_DIR + installer.name, compress_type=zipfile.ZIP_STORED)
    return out


def read_manifest(path: Path, publisher_key: bytes) -> Manifest:
    """The verified manifest of the bundle at ``path``; raises UpdateError otherwise."""
    with _open(path) as zf:
        return _verified_manifest(zf, path, publisher_key)


def extract_installer(path: Path, publisher_key: bytes, folder: Path) -> tuple[Manifest, Path]:
    """Verify everything, then copy the installer into ``folder``; the file appears
    under its final name only once its size and hash matched the signed manifest."""
    with _open(path) as zf:
        manifest = _verified_manifest(zf, path, publisher_key)
        member = zf.getinfo(INSTALLER_DIR + manifest.installer_name)
        if member.file_size != manifest.installer_size:
            raise UpdateError(_bad(path, "kích thước bộ cài đặt không khớp với bản kê đã ký"))
        target = folder / manifest.installer_name
        try:
            with atomic_write(target) as out, zf.open(member) as source:
                if _copy_hashed(source, out, manifest.installer_size) != manifest.installer_sha256:
                    raise UpdateError(_TAMPERED)
        except (zipfile.BadZipFile, EOFError, RuntimeError, zlib.error):
            raise UpdateError(_bad(path, _TAMPERED)) from None
        except UpdateError:
            raise UpdateError(_bad(path, _TAMPERED)) from None
    return manifest, target


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise UpdateError(f"Không tìm thấy tệp «{path}».") from None
    except (OSError, zipfile.BadZipFile, ValueError):
        raise UpdateError(_bad(path, "không phải gói cập nhật của Biên chế hoặc tệp đã hỏng")) from None


def _verified_manifest(zf: zipfile.ZipFile, path: Path, publisher_key: bytes) -> Manifest:
    names = zf.namelist()
    installers = [n for n in names if n.startswith(INSTALLER_DIR)]
    if sorted(names) != sorted([MANIFEST, SIGNATURE, *installers]) or len(installers) != 1 \
            or len(set(names)) != len(names):
        raise UpdateError(_bad(path, "thành phần của gói không đúng mẫu (cần đúng bản kê, chữ ký "
                                     "và một bộ cài đặt)"))
    raw = _read_small(zf, MANIFEST, path)
    signature = signing.decode(_read_small(zf, SIGNATURE, path).decode("ascii", "replace").strip(),
                               signing.SIGNATURE_BYTES)
    if signature is None or not signing.verify(publisher_key, raw, signature):
        raise UpdateError(_bad(path, "chữ ký không hợp lệ: gói không do nhà phát hành Biên chế ký "
                                     "hoặc bản kê đã bị sửa"))
    manifest = _manifest_from(_json(raw, path), path)
    if installers[0] != INSTALLER_DIR + manifest.installer_name:
        raise UpdateError(_bad(path, "tên bộ cài đặt không khớp với bản kê đã ký"))
    return manifest


def _read_small(zf: zipfile.ZipFile, name: str, path: Path) -> bytes:
    if zf.getinfo(name).file_size > MAX_MANIFEST:
        raise UpdateError(_bad(path, f"thành phần «{name}» quá lớn"))
    try:
        with zf.open(name) as handle:
            return handle.read(MAX_MANIFEST + 1)[:MAX_MANIFEST]
    except (OSError, zipfile.BadZipFile, ValueError, RuntimeError, EOFError):
        raise UpdateError(_bad(path, f"không đọc được thành phần «{name}»")) from None


def _json(raw: bytes, path: Path) -> object:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise UpdateError(_bad(path, "bản kê không phải JSON hợp lệ")) from None


def _manifest_from(data: object, path: Path | None = None) -> Manifest:
    """Check every field's type and range; a signed but malformed manifest is still refused."""
    where = path or Path("manifest.json")
    refused = UpdateError(_bad(where, "bản kê thiếu trường, có giá trị sai kiểu hoặc không đúng "
                                      "định dạng gói cập nhật Biên chế (phiên bản 1)"))
    if not isinstance(data, dict) or data.get("format") != FORMAT \
            or data.get("format_version") != FORMAT_VERSION or not isinstance(data.get("installer"), dict):
        raise refused
    installer = data["installer"]
    version, name = _text(data, "version", _VERSION), _text(installer, "name", _NAME)
    sha, notes, created = _text(installer, "sha256", _SHA), _text(data, "notes"), _text(data, "created")
    schema, min_schema = _int(data, "schema_version"), _int(data, "min_schema_version")
    size = _int(installer, "size", MAX_INSTALLER)
    if version is None or name is None or sha is None or notes is None or created is None \
            or schema is None or min_schema is None or size is None:
        raise refused
    if min_schema > schema:
        raise UpdateError(_bad(where, "bản kê ghi lược đồ tối thiểu lớn hơn lược đồ của phiên bản mới"))
    return Manifest(version, schema, min_schema, name, size, sha, notes, created)


def _text(data: dict, key: str, pattern: re.Pattern | None = None) -> str | None:
    value = data.get(key)
    if not isinstance(value, str) or len(value) > 20_000:
        return None
    return value if pattern is None or pattern.match(value) else None


def _int(data: dict, key: str, maximum: int = 10_000) -> int | None:
    value = data.get(key)
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= maximum
    return value if ok else None


def _copy_hashed(source, out, limit: int) -> str:
    digest, copied = hashlib.sha256(), 0
    while chunk := source.read(1 << 20):
        copied += len(chunk)
        if copied > limit:
            break
        digest.update(chunk)
        out.write(chunk)
    return digest.hexdigest() if copied == limit else ""


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        shutil.copyfileobj(handle, _Hasher(digest))
    return digest.hexdigest()


class _Hasher:
    def __init__(self, digest):
        self.digest = digest

    def write(self, chunk: bytes) -> None:
        self.digest.update(chunk)


def _bad(path: Path, why: str) -> str:
    return f"Gói cập nhật «{path.name}» bị từ chối: {why}."
