"""What the PyInstaller spec bundles, checked without building: every file the
code reads through resource_path() is in the datas, only the Qt modules the
code imports stay, and the NSIS script agrees with desktop_app/paths.py."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from bundle_helpers import NSI, ROOT, load_bundle_files

from desktop_app import __version__
from desktop_app.paths import APP_NAME

bundle_files = load_bundle_files()


def _resource_path_calls() -> list[tuple[str, ...]]:
    """The literal leading arguments of every resource_path(...) call in the program."""
    calls = []
    for folder in ("desktop_app", "ui", "db"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "resource_path":
                    literal = [a.value for a in node.args if isinstance(a, ast.Constant)]
                    if literal:
                        calls.append(tuple(literal))
    return calls


def test_every_resource_the_code_loads_is_in_the_datas():
    bundled = {(Path(src).resolve(), dest) for src, dest in bundle_files.datas()}
    calls = _resource_path_calls()
    # The grep is not vacuous: fonts, catalogues and the icon are all reached this way.
    assert {c[0] for c in calls} >= {"fonts", "catalogues", "icons"}
    for parts in calls:
        target = ROOT.joinpath("resources", *parts)
        files = [target] if target.is_file() else [p for p in target.rglob("*") if p.is_file()]
        assert files, f"resource_path{parts} names nothing under resources/"
        for file in files:
            dest = file.parent.relative_to(ROOT).as_posix()
            assert (file.resolve(), dest) in bundled, f"{file} is not in the spec's datas"


def test_fonts_ship_with_their_licence():
    names = {Path(src).name for src, dest in bundle_files.datas() if dest == "resources/fonts"}
    assert "OFL.txt" in names
    assert {n for n in names if n.endswith(".ttf")} == {
        "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
        "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"}


def test_datas_mirror_the_resources_folder():
    on_disk = sorted(p for p in (ROOT / "resources").rglob("*") if p.is_file())
    assert [Path(src) for src, _ in bundle_files.datas()] == on_disk


def test_only_the_qt_modules_the_code_imports_are_kept():
    used = bundle_files.qt_modules_used()
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    excluded = set(bundle_files.excludes())
    assert not {f"PySide6.{m}" for m in used} & excluded
    for unused in ("QtNetwork", "QtQml", "QtQuick", "QtSql", "QtTest"):
        if unused not in used:
            assert f"PySide6.{unused}" in excluded
    assert {"tkinter", "pytest", "hypothesis"} <= excluded


def test_every_way_of_importing_a_qt_module_is_seen():
    source = ("from PySide6.QtCore import Qt\nimport PySide6.QtPrintSupport\n"
              "from PySide6 import (QtGui,\n    QtPdf)\nfrom PySide6 import QtSvg as svg\n")
    assert bundle_files.modules_named(source) == {"QtCore", "QtPrintSupport", "QtGui", "QtPdf", "QtSvg"}


@pytest.mark.parametrize(("dest", "windows", "kept"), [
    ("PySide6\\Qt6Core.dll", True, True),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True, True),
    ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True, True),
    ("PySide6\\translations\\qtbase_de.qm", True, False),
    ("PySide6\\opengl32sw.dll", True, False),
    ("PySide6\\Qt6Network.dll", True, False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", False, False),
    ("PySide6/Qt/plugins/imageformats/libqico.so", False, True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", False, True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False, True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False, False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", False, True),
    ("libgtk-3.so.0", False, False),
    ("libfontconfig.so.1", False, True),
    ("resources/fonts/OFL.txt", False, True),
])
def test_prune_keeps_what_the_program_needs(dest, windows, kept):
    assert bundle_files.keep(dest, windows) is kept


def test_version_comes_from_the_package():
    assert bundle_files.version() == __version__
    numbers = bundle_files.version_tuple()
    assert len(numbers) == 4 and ".".join(map(str, numbers)).startswith(__version__)


def test_installer_script_keeps_user_data_in_the_apps_folder():
    text = NSI.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: makensis reads Vietnamese right
    nsi = text.decode("utf-8-sig")
    assert re.search(r'!define APP_KEY "([^"]+)"', nsi).group(1) == APP_NAME
    assert '!define DATA_DIR "$LOCALAPPDATA\\${APP_KEY}"' in nsi
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP_KEY}"' in nsi
    assert "RequestExecutionLevel user" in nsi
    assert '!insertmacro MUI_LANGUAGE "Vietnamese"' in nsi
    assert '"Xóa cả dữ liệu"' in nsi
    # The box starts unticked, and the data folder is removed only when it is ticked.
    assert "StrCpy $DeleteData ${BST_UNCHECKED}" in nsi
    removal = nsi.index('RMDir /r "${DATA_DIR}"')
    assert nsi.rfind("${If} $DeleteData == ${BST_CHECKED}", 0, removal) > nsi.rfind("SectionEnd", 0, removal)
    assert "HKLM" not in nsi  # per-user: nothing machine-wide
