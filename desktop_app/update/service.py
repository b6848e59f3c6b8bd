"""Whether this installation may take an update bundle, and taking it (issue 22).

``check`` verifies the bundle (signature, then manifest, then installer hash)
and this installation's policy: no downgrade, and the new version must open
the data file as it is now (its schema neither newer than the bundle knows nor
older than it can upgrade). ``apply`` checks again, backs the data file up,
extracts the installer (verified before the backup) and hands it to ``launch`` (the caller then quits).
Nothing is started or changed when a check fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from desktop_app import __version__, signing
from desktop_app.paths import resource_path
from desktop_app.services import backup
from desktop_app.services.users import require_admin
from desktop_app.update.bundle import Manifest, UpdateError, extract_installer, read_manifest, version_tuple

KEY_FILE = ("keys", "update-publisher.pub")


def publisher_key(path: Path | None = None) -> bytes:
    """The public key shipped in resources/; refuses clearly when none is configured."""
    lines = (path or resource_path(*KEY_FILE)).read_text(encoding="utf-8").splitlines()
    keys = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    key = signing.decode(keys[0], signing.KEY_BYTES) if len(keys) == 1 else None
    if key is None:
        raise UpdateError("Bản Biên chế này chưa được gắn khóa công khai của nhà phát hành nên không "
                          "thể xác minh gói cập nhật. Hãy liên hệ đơn vị triển khai phần mềm.")
    return key


def data_schema(ctx) -> int:
    return int(ctx.db.conn.execute("PRAGMA user_version").fetchone()[0])


def check(bundle: Path, key: bytes, schema: int, current: str = __version__) -> Manifest:
    """The verified manifest if this installation may take ``bundle``; else UpdateError."""
    manifest = read_manifest(bundle, key)
    if version_tuple(manifest.version) <= version_tuple(current):
        raise UpdateError(f"Gói cập nhật mang phiên bản {manifest.version}, không mới hơn phiên bản "
                          f"đang dùng {current}: không cài lùi hay cài lại phiên bản.")
    if schema > manifest.schema_version:
        raise UpdateError(f"Tệp dữ liệu đang ở lược đồ {schema}, mới hơn lược đồ "
                          f"{manifest.schema_version} mà phiên bản {manifest.version} hiểu: cài gói "
                          "này thì không mở được tệp dữ liệu.")
    if schema < manifest.min_schema_version:
        raise UpdateError(f"Tệp dữ liệu ở lược đồ {schema}, cũ hơn mức phiên bản {manifest.version} "
                          f"nâng cấp được (từ lược đồ {manifest.min_schema_version}): hãy cập nhật "
                          "qua phiên bản trung gian trước.")
    return manifest


def apply(ctx, bundle: Path, key: bytes, launch: Callable[[Path], None],
          current: str = __version__) -> tuple[Manifest, Path, Path]:
    """Check, back up the data file, extract and launch the installer.
    Returns the manifest, the backup and the installer's path."""
    require_admin(ctx)
    check(bundle, key, data_schema(ctx), current)
    folder = Path(tempfile.mkdtemp(prefix="bienche-capnhat-"))
    try:
        manifest, installer = extract_installer(bundle, key, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    saved = backup.backup_now(ctx, "capnhat")
    launch(installer)
    return manifest, saved, installer


def launch_installer(installer: Path) -> None:
    """Start the Windows installer detached from this process (the app quits next)."""
    if sys.platform != "win32":
        raise UpdateError(f"Bộ cài đặt chỉ chạy trên Windows; đã giải nén tại «{installer}».")
    flags = getattr(subprocess, "DETACHED_PROCESS", 0) | getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
    subprocess.Popen([os.fspath(installer)], close_fds=True, creationflags=flags)
