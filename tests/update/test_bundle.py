"""The update bundle as a stranger's file: a genuine one verifies; every forged or damaged
shape is refused with a Vietnamese reason, before any installer byte reaches its final name."""

from __future__ import annotations

import json
import zipfile

import pytest

from db import migrations
from desktop_app import signing
from desktop_app.update import bundle
from desktop_app.update.bundle import UpdateError

from .conftest import make


def _rezip(source, out, replace: dict[str, bytes] | None = None, drop=(), add=None):
    """A copy of ``source`` with members replaced, dropped or added (as a forger would)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            zout.writestr(info.filename, (replace or {}).get(info.filename, zin.read(info.filename)))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return out


def _refused(path, key, words: str) -> str:
    with pytest.raises(UpdateError) as caught:
        bundle.read_manifest(path, key)
    message = str(caught.value)
    assert words in message and path.name in message
    return message


def test_a_genuine_bundle_verifies_and_extracts_byte_for_byte(genuine, installer, keys, tmp_path):
    manifest = bundle.read_manifest(genuine, keys[1])
    assert (manifest.version, manifest.schema_version, manifest.installer_size) == \
        ("9.0.0", migrations.LATEST, installer.stat().st_size)
    assert "BM02-VC" in manifest.notes
    out = tmp_path / "out"
    out.mkdir()
    _, extracted = bundle.extract_installer(genuine, keys[1], out)
    assert extracted.read_bytes() == installer.read_bytes()
    assert [p.name for p in out.iterdir()] == [installer.name]


def test_a_tampered_installer_is_refused_and_never_lands(genuine, installer, keys, tmp_path):
    data = bytearray(installer.read_bytes())
    data[5000] ^= 0xFF
    forged = _rezip(genuine, tmp_path / "forged.bcupdate",
                    replace={f"installer/{installer.name}": bytes(data)})
    bundle.read_manifest(forged, keys[1])  # the manifest itself is genuine…
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UpdateError, match="mã băm"):
        bundle.extract_installer(forged, keys[1], out)
    assert list(out.iterdir()) == []  # …but no installer (or temp file) is left behind


def test_an_installer_of_another_size_is_refused(genuine, installer, keys, tmp_path):
    forged = _rezip(genuine, tmp_path / "longer.bcupdate",
                    replace={f"installer/{installer.name}": installer.read_bytes() + b"virus"})
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UpdateError, match="kích thước"):
        bundle.extract_installer(forged, keys[1], out)
    assert list(out.iterdir()) == []


def test_a_tampered_manifest_is_refused(genuine, keys, tmp_path):
    with zipfile.ZipFile(genuine) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    manifest["version"] = "99.0.0"
    forged = _rezip(genuine, tmp_path / "manifest.bcupdate",
                    replace={"manifest.json": json.dumps(manifest).encode()})
    _refused(forged, keys[1], "chữ ký không hợp lệ")


def test_a_bundle_signed_with_another_key_is_refused(installer, keys, tmp_path):
    stranger = make(installer, tmp_path / "stranger.bcupdate", signing.new_private_key())
    _refused(stranger, keys[1], "chữ ký không hợp lệ")


@pytest.mark.parametrize("shape", ["no signature", "garbage signature", "extra member",
                                   "two installers", "renamed installer", "huge manifest"])
def test_bundles_of_the_wrong_shape_are_refused(shape, genuine, installer, keys, tmp_path):
    member = f"installer/{installer.name}"
    changes = {"no signature": {"drop": ("manifest.sig",)},
               "garbage signature": {"replace": {"manifest.sig": b"\x00\xff" * 50}},
               "extra member": {"add": {"autorun.inf": b"[autorun]"}},
               "two installers": {"add": {"installer/khac.exe": b"MZ"}},
               "renamed installer": {"drop": (member,), "add": {"installer/khac.exe": b"MZ"}},
               "huge manifest": {"replace": {"manifest.json": b" " * (bundle.MAX_MANIFEST + 1)}}}
    forged = _rezip(genuine, tmp_path / "forged.bcupdate", **changes[shape])
    with pytest.raises(UpdateError) as caught:
        bundle.read_manifest(forged, keys[1])
    assert "bị từ chối" in str(caught.value)


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04" + b"\x00" * 100])
def test_files_that_are_not_bundles_are_refused(content, keys, tmp_path):
    path = tmp_path / "hong.bcupdate"
    path.write_bytes(content)
    _refused(path, keys[1], "không phải gói cập nhật")


def test_a_missing_file_is_named(keys, tmp_path):
    with pytest.raises(UpdateError, match="Không tìm thấy"):
        bundle.read_manifest(tmp_path / "khong-co.bcupdate", keys[1])


@pytest.mark.parametrize("manifest", [
    [], {"format": "bienche-update"}, {"format": "khac", "format_version": 1},
    {"format": "bienche-update", "format_version": 1, "version": "9.0.0", "schema_version": "5",
     "min_schema_version": 1, "installer": {"name": "a.exe", "size": 1, "sha256": "0" * 64},
     "notes": "", "created": ""},
    {"format": "bienche-update", "format_version": 1, "version": "../../9", "schema_version": 5,
     "min_schema_version": 1, "installer": {"name": "a.exe", "size": 1, "sha256": "0" * 64},
     "notes": "", "created": ""},
    {"format": "bienche-update", "format_version": 1, "version": "9.0.0", "schema_version": 5,
     "min_schema_version": 1, "installer": {"name": "..\\..\\evil.exe", "size": 1, "sha256": "0" * 64},
     "notes": "", "created": ""},
])
def test_a_signed_but_malformed_manifest_is_refused(manifest, keys, tmp_path):
    """Even the publisher's own key cannot make the reader accept a manifest of the wrong shape."""
    raw = json.dumps(manifest).encode()
    path = tmp_path / "malformed.bcupdate"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", raw)
        zf.writestr("manifest.sig", signing.encode(signing.sign(keys[0], raw)))
        zf.writestr("installer/a.exe", b"M")
    _refused(path, keys[1], "bản kê")


def test_deep_json_in_a_signed_manifest_is_refused_not_a_crash(keys, tmp_path):
    raw = b"[" * 50_000 + b"]" * 50_000
    raw = raw[:bundle.MAX_MANIFEST]
    path = tmp_path / "deep.bcupdate"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", raw)
        zf.writestr("manifest.sig", signing.encode(signing.sign(keys[0], raw)))
        zf.writestr("installer/a.exe", b"M")
    _refused(path, keys[1], "bản kê")
