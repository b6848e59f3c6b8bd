"""Reading a package's manifest as a stranger wrote it (issues #15, #16): the zip's
declared sizes first (a zip bomb is refused before a byte is inflated), then the
manifest's shape (types, keys, nesting), then its Ed25519 signature, then every
member's hash — all before anything is classified or written.

The signature (member ``manifest.sig``, base64) is over the exact bytes of
``manifest.json``, which names the signing key and binds every member's SHA-256,
so a signed manifest vouches for the whole package.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from desktop_app import signing
from desktop_app.packages import fmt
from desktop_app.packages.fmt import PackageError

SIGNATURE = "manifest.sig"
MAX_MANIFEST = 4 << 20
MAX_MEMBER = 2 << 30
MAX_TOTAL = 8 << 30
MAX_RATIO = 200  # CSV text deflates 5–20×; a bomb by thousands
MAX_ROWS = 100_000_000
EXTRA_TABLES = ("catalogue_version",)  # carried so `verify` can recompute the data fingerprint
_HEX64 = re.compile(r"[0-9A-Fa-f]{64}")


def check_sizes(archive: zipfile.ZipFile) -> None:
    """Refuse a zip whose members declare absurd sizes or compression ratios."""
    name = Path(archive.filename or "").name
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        bomb = info.file_size > 1 << 20 and ratio > MAX_RATIO
        if info.file_size > MAX_MEMBER or total > MAX_TOTAL or bomb:
            raise PackageError(f"Gói «{name}» có tệp {info.filename[:80]} giải nén ra {info.file_size:,} "
                               f"byte (nén {ratio:,.0f} lần): không phải gói Biên chế bình thường, bị từ "
                               "chối trước khi giải nén.")


def read_signed(archive: zipfile.ZipFile, kind: str) -> tuple[dict, bytes]:
    """(manifest, signing key) of a package whose signature and member hashes all hold."""
    name = Path(archive.filename or "").name
    check_sizes(archive)
    raw = _member_bytes(archive, fmt.MANIFEST, MAX_MANIFEST, name)
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise PackageError(f"Tệp {fmt.MANIFEST} trong gói «{name}» bị hỏng (không đọc được JSON).") from None
    validate(manifest, kind, name)
    public = _check_signature(archive, manifest, raw, name)
    fmt.check_whole(archive, manifest, fmt.TABLES if kind == fmt.FORMAT else ())
    _check_members(archive, manifest, name)
    return manifest, public


def _member_bytes(archive: zipfile.ZipFile, member: str, limit: int, name: str) -> bytes:
    try:
        info = archive.getinfo(member)
    except KeyError:
        raise PackageError(f"Tệp «{name}» không phải gói Biên chế đã ký (thiếu {member}).") from None
    if info.file_size > limit:
        raise PackageError(f"Tệp {member} trong gói «{name}» quá lớn ({info.file_size:,} byte).")
    return archive.read(info)


def _check_signature(archive: zipfile.ZipFile, manifest: dict, raw: bytes, name: str) -> bytes:
    public = signing.decode(manifest.get("signing_key"), signing.KEY_BYTES)
    text = _member_bytes(archive, SIGNATURE, 1024, name).decode("ascii", "replace").strip()
    signature = signing.decode(text, signing.SIGNATURE_BYTES)
    if public is None or signature is None or not signing.verify(public, raw, signature):
        raise PackageError(f"Chữ ký của gói «{name}» không hợp lệ: bản kê (manifest) đã bị sửa sau khi ký "
                           "hoặc gói không do phần mềm Biên chế ký. Gói bị từ chối.")
    return public


def _check_members(archive: zipfile.ZipFile, manifest: dict, name: str) -> None:
    """Every listed member hashes to its signed SHA-256 (streamed); nothing unlisted rides along."""
    listed = {t["member"] for t in manifest["tables"]}
    extra = sorted(set(archive.namelist()) - listed - {fmt.MANIFEST, SIGNATURE})
    if extra:
        raise PackageError(f"Gói «{name}» chứa tệp không có trong bản kê: {', '.join(extra)[:200]}.")
    for entry in manifest["tables"]:
        digest = hashlib.sha256()
        try:
            with archive.open(entry["member"]) as member:
                while chunk := member.read(1 << 20):
                    digest.update(chunk)
        except KeyError:
            raise PackageError(f"Gói «{name}» thiếu tệp {entry['member']}.") from None
        if digest.hexdigest().upper() != entry["sha256"].upper():
            raise PackageError(f"Tệp {entry['member']} trong gói «{name}» bị hỏng hoặc đã bị sửa đổi: mã băm "
                               "SHA-256 không khớp với bản kê đã ký. Gói bị từ chối.")


def validate(manifest: Any, kind: str, name: str) -> None:
    """The manifest's shape: every key the receiver reads, with its type."""
    def need(ok: bool, what: str) -> None:
        if not ok:
            raise PackageError(f"Bản kê của gói «{name}» không hợp lệ: {what}.")

    need(isinstance(manifest, dict), "không phải một đối tượng JSON")
    if manifest.get("format") != kind:
        raise PackageError(f"Tệp «{name}» không phải gói {'danh mục' if kind != fmt.FORMAT else 'dữ liệu'} "
                           "của Biên chế.")
    version = manifest.get("format_version")
    need(type(version) is int and 1 <= version, "«format_version» phải là số nguyên dương")
    if version > fmt.FORMAT_VERSION:
        raise PackageError(f"Gói «{name}» theo định dạng phiên bản {version}, mới hơn phần mềm này (hiểu "
                           f"đến {fmt.FORMAT_VERSION}). Hãy cập nhật phần mềm.")
    office = manifest.get("office")
    need(isinstance(office, dict) and _text(office.get("uid"), 100, empty=False), "thiếu «office.uid»")
    for key in ("name", "level", "parent", "province", "place"):
        need(office.get(key) is None or _text(office.get(key), 500), f"«office.{key}» phải là chữ")
    need(_text(manifest.get("created_at"), 40, empty=False), "thiếu «created_at»")
    need(isinstance(manifest.get("signing_key"), str), "thiếu khóa ký «signing_key» (gói chưa ký)")
    need(isinstance(manifest.get("data_sha256"), str) and bool(_HEX64.fullmatch(manifest["data_sha256"])),
         "«data_sha256» phải là mã băm SHA-256")
    versions = manifest.get("catalogue_versions", {})
    need(isinstance(versions, dict) and all(_text(k, 100) and _text(v, 100) for k, v in versions.items()),
         "«catalogue_versions» phải là bảng chữ")
    if kind == fmt.FORMAT:
        need(_iso_date(manifest.get("as_of")), "«as_of» phải là ngày dạng YYYY-MM-DD")
        need(manifest.get("fingerprint") is None or _text(manifest.get("fingerprint"), 100), "«fingerprint»")
    _validate_tables(manifest.get("tables"), kind, need)


def _validate_tables(tables: Any, kind: str, need) -> None:
    data = {*fmt.TABLES, *EXTRA_TABLES, fmt.LOCAL_ITEMS}
    allowed = data if kind == fmt.FORMAT else {"catalogue_item", "catalogue_version", "setting"}
    need(isinstance(tables, list) and 0 < len(tables) <= 50, "«tables» phải là danh sách bảng")
    seen = set()
    for t in tables:
        need(isinstance(t, dict) and isinstance(t.get("name"), str) and t["name"] in allowed
             and t["name"] not in seen,
             f"bảng «{str(t.get('name') if isinstance(t, dict) else t)[:40]}» không hợp lệ hoặc lặp lại")
        seen.add(t["name"])
        need(t.get("member") == fmt.member(t["name"]), f"tên tệp của bảng {t['name']}")
        need(type(t.get("rows")) is int and 0 <= t["rows"] <= MAX_ROWS, f"số dòng của bảng {t['name']}")
        need(isinstance(t.get("sha256"), str) and bool(_HEX64.fullmatch(t["sha256"])),
             f"mã băm của bảng {t['name']}")
        columns = t.get("columns", [])
        need(isinstance(columns, list) and all(_text(c, 100) for c in columns), f"cột của bảng {t['name']}")


def _text(value: Any, limit: int, empty: bool = True) -> bool:
    return isinstance(value, str) and len(value) <= limit and (empty or bool(value.strip()))


def _iso_date(value: Any) -> bool:
    if not _text(value, 10, empty=False):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def sign(private: bytes, raw: bytes) -> str:
    return signing.encode(signing.sign(private, raw))
