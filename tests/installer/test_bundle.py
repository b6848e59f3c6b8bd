"""The Windows delivery path, proved on Linux (SPEC §12): the same PyInstaller
spec builds a onedir bundle that passes ``--self-test`` offscreen, exports a
report with the bundled font into a non-ASCII folder, carries every resource,
and finds every library it needs; makensis compiles the installer script
against that bundle and packs every file of it. Slow: one bundle build
(≈ 1 minute on 2 cores); size and build time are printed (``pytest -s``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pypdf
import pytest
from bundle_helpers import NSI, SPEC, load_bundle_files
from signing_helpers import SIGN, make_certificate, sign, verifies

from desktop_app.reports.engine import forms

pytestmark = pytest.mark.slow
bundle_files = load_bundle_files()


def _env(**extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "BIENCHE_DB")}
    return {**env, "QT_QPA_PLATFORM": "offscreen", **extra}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                           "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(SPEC)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-4000:]
    folder = work / "dist" / "bienche"
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"\nbundle: {size / 2**20:.0f} MB, built in {time.monotonic() - started:.0f} s")
    return folder


def _run(bundle: Path, *args: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run([str(bundle / "bienche"), *args], capture_output=True, text=True,
                          env=_env(**env), timeout=300)


def test_bundle_passes_its_self_test(bundle, tmp_path):
    done = _run(bundle, "--self-test", BIENCHE_DB=str(tmp_path / "user.sqlite"))
    assert done.returncode == 0, done.stderr
    assert "mọi màn hình mở được" in done.stdout


def test_bundle_exports_with_the_bundled_font_into_a_vietnamese_folder(bundle, tmp_path):
    folder = tmp_path / "Nguyễn Văn Ánh"
    folder.mkdir()
    db = str(folder / "dữ liệu.sqlite")
    done = _run(bundle, "init", "--office", "Ủy ban nhân dân xã Đông Anh", "--level", "xa", "--db", db)
    assert done.returncode == 0, done.stderr
    listed = _run(bundle, "forms", "--db", db)
    assert listed.returncode == 0, listed.stderr
    # Report forms are loaded by name: all of them must be in the bundle.
    assert {line.split()[0] for line in listed.stdout.splitlines() if line.strip()} == set(forms())
    out = folder / "báo cáo"
    done = _run(bundle, "export", "dvsn", "--out", str(out), "--format", "both", "--db", db)
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(folder / "báo cáo.xlsx").active
    assert any("xã Đông Anh" in str(c.value).replace("XÃ ĐÔNG ANH", "xã Đông Anh")
               for row in sheet.iter_rows() for c in row)
    # The bundled TTFs are found (resource_path in the frozen program) and embedded.
    embedded = set()
    for page in pypdf.PdfReader(folder / "báo cáo.pdf").pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object().get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert embedded and all(name.startswith("LiberationSerif") for name in embedded)


def test_bundle_carries_every_resource(bundle):
    internal = bundle / "_internal"
    for source, dest in bundle_files.datas():
        copied = internal / dest / Path(source).name
        assert copied.read_bytes() == Path(source).read_bytes(), copied


def test_bundle_finds_every_library_it_needs(bundle):
    """Every shared library resolves inside the bundle or is one PyInstaller leaves to the system."""
    from PyInstaller.depend import dylib

    internal = bundle / "_internal"
    paths = [internal, internal / "PySide6" / "Qt" / "lib", *internal.glob("*.libs")]
    env = {**os.environ, "LD_LIBRARY_PATH": os.pathsep.join(map(str, paths))}
    problems = []
    for lib in [bundle / "bienche", *internal.rglob("*.so*")]:
        listing = subprocess.run(["ldd", str(lib)], capture_output=True, text=True, env=env).stdout
        for name, target in re.findall(r"^\s*(\S+) => (.+?) \(0x", listing, re.MULTILINE):
            if target == "not found" or (not target.startswith(str(bundle))
                                         and dylib.include_library(target)):
                problems.append(f"{lib.relative_to(bundle)} needs {name} ({target})")
    assert problems == []


def test_bundle_leaves_out_unused_qt_and_test_tools(bundle):
    names = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*")}
    assert not [n for n in names if re.search(r"Qt6(Network|Qml|Quick|Sql)|/translations/|tkinter|pytest", n)]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A throw-away code-signing root (its .pfx, its PEM), as an organisation's would be."""
    return make_certificate(tmp_path_factory.mktemp("cert"))


@pytest.fixture(scope="module")
def installer(bundle, certificate, tmp_path_factory) -> tuple[Path, str]:
    """The NSIS installer compiled against the bundle, its uninstaller signed by installer/sign.sh
    through !uninstfinalize (a failed signing fails the build), and makensis' -V4 log."""
    makensis = shutil.which("makensis")
    assert makensis, "makensis is missing: apt-get install nsis (.ci/run does)"
    out = tmp_path_factory.mktemp("nsis") / "BienChe-cai-dat.exe"
    version = bundle_files.version()
    env = {**os.environ, "BIENCHE_SIGN_PFX": str(certificate[0]), "BIENCHE_SIGN_PASSWORD": "mat-khau"}
    done = subprocess.run([makensis, "-V4", "-WX", f"-DBUNDLE_DIR={bundle}", f"-DVERSION={version}",
                           f"-DVERSION_QUAD={'.'.join(map(str, bundle_files.version_tuple()))}",
                           f"-DOUTFILE={out}", f'-DSIGN_UNINSTALLER=bash "{SIGN}"', str(NSI)],
                          capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr
    assert "Đã ký:" in done.stdout  # sign.sh ran on the uninstaller
    return out, done.stdout


def test_makensis_compiles_the_installer_for_this_bundle(bundle, installer):
    out, log = installer
    assert out.read_bytes()[:2] == b"MZ"
    print(f"\ninstaller: {out.stat().st_size / 2**20:.0f} MB")
    packed = _packed_files(log, bundle)
    regular = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*")
               if p.is_file() and not p.is_symlink()}
    assert regular <= packed


def test_the_installer_is_signed_and_verifies_end_to_end(installer, certificate, tmp_path):
    """Issue 22: the real installer, signed by installer/sign.sh with a throw-away root, passes
    osslsigncode verify; the unsigned one and a re-packed signed one do not."""
    pfx, root = certificate
    signed = tmp_path / installer[0].name
    shutil.copyfile(installer[0], signed)
    assert not verifies(signed, root)
    done = sign([signed], pfx)
    assert done.returncode == 0, done.stderr
    assert verifies(signed, root)
    repacked = bytearray(signed.read_bytes())
    repacked[len(repacked) // 2] ^= 0x01
    signed.write_bytes(bytes(repacked))
    assert not verifies(signed, root)


def _packed_files(log: str, bundle: Path) -> set[str]:
    """Paths of the files makensis -V4 reports packing ('Descending to' names the folder)."""
    folder, packed = bundle, set()
    for line in log.splitlines():
        if match := re.match(r'File: Descending to: "(.*)"$', line):
            folder = Path(match.group(1))
        elif match := re.match(r'File: "([^"]+)" [\d/]+ bytes', line):
            packed.add((folder / match.group(1)).relative_to(bundle).as_posix())
    return packed
