"""Shared by the installer tests: installer/bundle_files.py loaded by path
(installer/ is build tooling, not a package of the program)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "bienche.spec"
NSI = ROOT / "installer" / "bienche.nsi"


def load_bundle_files():
    spec = importlib.util.spec_from_file_location("bundle_files", ROOT / "installer" / "bundle_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
