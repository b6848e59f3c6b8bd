"""Running a command on a nearly full disk: a small tmpfs mounted in a private mount
namespace (``unshare -rm``: no root needed, nothing visible outside the namespace). The
files to work on are copied in first; afterwards everything on the small disk is copied
out for the test to examine."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

CLI = [sys.executable, "-m", "desktop_app.main"]


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    disk: Path  # what the small disk held at the end


def small_disk_available() -> bool:
    return shutil.which("unshare") is not None and sys.platform.startswith("linux")


def on_small_disk(tmp_path: Path, size_kb: int, files: list[Path], command: list[str],
                  fill_kb: int = 0, readonly: bool = False) -> Run:
    """Run ``command`` (``{disk}`` in an argument is the small disk's folder) after copying
    ``files`` onto a ``size_kb`` tmpfs and filling ``fill_kb`` of it with ballast; with
    ``readonly`` the disk is remounted read-only first (a write-protected USB stick)."""
    mount, out = tmp_path / "small_disk", tmp_path / "after"
    mount.mkdir()
    out.mkdir()
    args = " ".join(shlex.quote(a.replace("{disk}", str(mount))) for a in command)
    script = "\n".join([
        "set -e",
        f"mount -t tmpfs -o size={size_kb}k tmpfs {shlex.quote(str(mount))}",
        *(f"cp {shlex.quote(str(f))} {shlex.quote(str(mount))}/" for f in files),
        f"head -c {fill_kb * 1024} /dev/zero > {shlex.quote(str(mount))}/ballast" if fill_kb else "true",
        f"mount -o remount,ro {shlex.quote(str(mount))}" if readonly else "true",
        "set +e",
        f"{args} > {out}/stdout 2> {out}/stderr; echo $? > {out}/rc",
        f"mount -o remount,rw {shlex.quote(str(mount))}" if readonly else "true",
        f"rm -f {shlex.quote(str(mount))}/ballast",
        f"mkdir {out}/disk && cp -a {shlex.quote(str(mount))}/. {out}/disk/",
    ])
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    return Run(int((out / "rc").read_text()), (out / "stdout").read_text(encoding="utf-8"),
               (out / "stderr").read_text(encoding="utf-8"), out / "disk")
