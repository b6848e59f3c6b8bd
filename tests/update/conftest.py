"""A publisher key pair made here and an installer stand-in: every update test passes the key in."""

from __future__ import annotations

from pathlib import Path

import pytest

from db import migrations
from desktop_app import signing
from desktop_app.update import bundle


@pytest.fixture
def keys() -> tuple[bytes, bytes]:
    private = signing.new_private_key()
    return private, signing.public_key(private)


@pytest.fixture
def installer(tmp_path) -> Path:
    path = tmp_path / "BienChe-9.0.0-cai-dat.exe"
    path.write_bytes(b"MZ" + bytes(range(256)) * 4096)  # 1 MB, not all zeros: tampering shows
    return path


def make(installer: Path, out: Path, private: bytes, **overrides) -> Path:
    fields = {"version": "9.0.0", "schema_version": migrations.LATEST, "min_schema_version": 1,
              "notes": "Sửa biểu BM02-VC.\nCập nhật mức lương cơ sở.", "created": "01/12/2026"}
    return bundle.build(installer, out, private, **{**fields, **overrides})


@pytest.fixture
def genuine(installer, keys, tmp_path) -> Path:
    return make(installer, tmp_path / "BienChe-9.0.0.bcupdate", keys[0])
