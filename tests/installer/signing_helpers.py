"""A throw-away code-signing root made with openssl, and the calls to sign and verify with it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

SIGN = Path(__file__).resolve().parents[2] / "installer" / "sign.sh"


def make_certificate(folder: Path, name: str = "Biên chế thử nghiệm") -> tuple[Path, Path]:
    """A self-signed code-signing certificate: (its .pfx with password "mat-khau", its PEM root)."""
    key, pem, pfx = folder / f"{name}.key", folder / f"{name}.pem", folder / f"{name}.pfx"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                    "-out", str(pem), "-days", "2", "-subj", "/CN=Bien che thu nghiem/O=CI",
                    "-addext", "extendedKeyUsage=codeSigning", "-addext", "keyUsage=digitalSignature"],
                   check=True, capture_output=True)
    subprocess.run(["openssl", "pkcs12", "-export", "-out", str(pfx), "-inkey", str(key), "-in", str(pem),
                    "-passout", "pass:mat-khau"], check=True, capture_output=True)
    return pfx, pem


def sign(files: list[Path], pfx: Path, password: str = "mat-khau") -> subprocess.CompletedProcess:
    env = {**os.environ, "BIENCHE_SIGN_PFX": str(pfx), "BIENCHE_SIGN_PASSWORD": password}
    return subprocess.run(["bash", str(SIGN), *map(str, files)], capture_output=True, text=True,
                          env=env, timeout=300)


def verifies(exe: Path, root: Path) -> bool:
    done = subprocess.run(["osslsigncode", "verify", "-CAfile", str(root), "-in", str(exe)],
                          capture_output=True, text=True, timeout=300)
    return done.returncode == 0 and "Signature verification: ok" in done.stdout


def tools_present() -> list[str]:
    return [tool for tool in ("osslsigncode", "openssl", "makensis") if shutil.which(tool) is None]
