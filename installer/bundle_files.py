"""What goes into the PyInstaller bundle, derived from the source tree so the
spec never goes stale: every file under ``resources/`` (fonts with their
licence, catalogues, icons), the Qt modules our code imports, and the
modules that are excluded (every other Qt module, tkinter, test tools).

Imported by installer/bienche.spec and by tests/installer/test_bundle_files.py;
standard library only, so it runs inside PyInstaller and in pytest alike.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
CODE_FOLDERS = ("desktop_app", "ui", "db")
QT_IMPORT = re.compile(r"\bPySide6\.(Qt\w+)")
QT_FROM_IMPORT = re.compile(r"\bfrom\s+PySide6\s+import\s+\(?([\w\s,]+)")
# Imported by nothing the program runs: test tools, build tools, Tk; the parts
# of Pillow (reportlab imports it; we embed no images) and of lxml (openpyxl
# uses lxml.etree only) that bring their own large libraries.
NOT_SHIPPED = ("tkinter", "_tkinter", "test", "pytest", "_pytest", "pytestqt", "hypothesis", "pypdf",
               "mypy", "ruff", "PyInstaller", "pip", "IPython", "pydoc_data", "lib2to3", "idlelib",
               "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin", "PIL._imagingcms",
               "PIL.ImageCms", "PIL._imagingtk", "PIL.ImageTk", "PIL.ImageQt",
               "lxml.objectify", "lxml.html", "lxml.isoschematron")


GUIDE = ROOT / "docs" / "huong-dan-su-dung.md"  # opened by F1 (ui/guide_dialog.py), with its pictures


def datas() -> list[tuple[str, str]]:
    """(source file, folder in the bundle) for every file under resources/."""
    found = []
    for path in sorted(RESOURCES.rglob("*")):
        if path.is_file() and not _ignored(path):
            found.append((str(path), path.parent.relative_to(ROOT).as_posix()))
    return found


def guide_datas() -> list[tuple[str, str]]:
    """The user guide and its pictures, in docs/ of the bundle (F1 opens it)."""
    return [(str(path), path.parent.relative_to(ROOT).as_posix())
            for path in (GUIDE, *sorted((GUIDE.parent / "img").glob("*.png")))]


def _ignored(path: Path) -> bool:
    rel = path.relative_to(RESOURCES).parts
    return any(part.startswith(".") or part == "__pycache__" for part in rel)


def qt_modules_used() -> set[str]:
    """Qt modules named in an import anywhere in the program's code."""
    used = set()
    for folder in CODE_FOLDERS:
        for path in (ROOT / folder).rglob("*.py"):
            used.update(modules_named(path.read_text("utf-8")))
    return used


def modules_named(source: str) -> set[str]:
    """Qt modules in ``import PySide6.QtX``, ``from PySide6.QtX import …``, ``from PySide6 import QtX``."""
    named = set(QT_IMPORT.findall(source))
    for group in QT_FROM_IMPORT.findall(source):
        names = (n.split()[0] for n in group.split(",") if n.strip())  # "QtSvg as svg" → QtSvg
        named.update(n for n in names if n.startswith("Qt"))
    return named


def qt_modules_available() -> set[str]:
    """Every Qt module of the installed PySide6 (QtCore.abi3.so, QtCore.pyd …)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return set()
    folder = Path(next(iter(spec.submodule_search_locations)))
    return {p.name.split(".")[0] for p in folder.iterdir()
            if p.name.startswith("Qt") and p.suffix in (".so", ".pyd")}


def excludes() -> list[str]:
    """Modules PyInstaller must leave out: unused Qt modules and test/build tools."""
    unused_qt = sorted(f"PySide6.{name}" for name in qt_modules_available() - qt_modules_used())
    return unused_qt + list(NOT_SHIPPED)


def version() -> str:
    """desktop_app.__version__, read without importing the package."""
    text = (ROOT / "desktop_app" / "__init__.py").read_text("utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise ValueError("desktop_app/__init__.py has no __version__")
    return match.group(1)


def version_tuple() -> tuple[int, int, int, int]:
    """The version as the four numbers a Windows VERSIONINFO holds (0.1.0 → 0, 1, 0, 0)."""
    numbers = [_leading_number(part) for part in version().split(".")[:4]]
    a, b, c, d = (numbers + [0, 0, 0, 0])[:4]
    return a, b, c, d


def _leading_number(part: str) -> int:
    """"2rc1" → 2: pre-release suffixes have no place in VERSIONINFO."""
    digits = re.match(r"\d*", part)
    return int(digits.group()) if digits and digits.group() else 0


# Parts of Qt that PyInstaller's hooks collect but the program never uses
# (patterns on the destination path, "/"-separated). Qt's own translations:
# Qt has no Vietnamese one (ui/vi.py translates its strings). SVG and the
# rarer image formats: our only image is a PNG, built into QtGui. The TUIO
# touch plugin (touch events over the network) is what pulls in QtNetwork; the
# software OpenGL renderer serves OpenGL/Quick, which a Widgets program never asks for.
DROP = (
    re.compile(r"/plugins/generic/(lib)?qtuiotouchplugin\.(so|dll)$"),
    re.compile(r"(^|/)(lib)?Qt6Network\.(so[.\d]*|dll)$"),
    re.compile(r"(^|/)opengl32sw\.dll$"),
    re.compile(r"^PySide6/(Qt/)?translations/"),
    re.compile(r"/plugins/imageformats/(lib)?q(gif|icns|svg|tga|tiff|wbmp|webp)\w*\.(so|dll)$"),
    re.compile(r"/plugins/iconengines/"),
    re.compile(r"(^|/)(lib)?Qt6Svg\w*\.(so[.\d]*|dll)$"),
)
# Linux only (the bundle built in tests): Wayland, EGLFS and the GTK theme with
# the libraries only it needs; the offscreen and xcb platforms remain.
DROP_LINUX = (
    re.compile(r"/plugins/(wayland-[\w-]+|egldeviceintegrations)/"),
    re.compile(r"/plugins/platforms/libq(eglfs|minimalegl|wayland|vkkhrdisplay|vnc|linuxfb)\w*\.so$"),
    re.compile(r"/plugins/platformthemes/libqgtk3\.so$"),
    re.compile(r"(^|/)libQt6(Wayland|Wl|EglFs|EglFS)\w*\.so"),
    re.compile(r"(^|/)libQt6OpenGL\.so"),
    # Brought in by the GTK theme plugin, needed by nothing else that stays
    # (tests/installer/test_bundle.py checks every library still finds its own).
    re.compile(r"^lib(atk|atk-bridge|cairo|cairo-gobject|gdk_pixbuf|gdk-3|gtk-3|pango|pangocairo|pangoft2|epoxy"
               r"|pixman|fribidi|thai|datrie|graphite2|harfbuzz|gio|gobject|gmodule|mount|blkid|selinux|Xext"
               r"|Xrender|gssapi_krb5|krb5|krb5support|k5crypto|com_err|keyutils|jpeg)-?[\d.]*\.so"),
)


def keep(dest: str, windows: bool) -> bool:
    """False for a bundle entry (its destination path) that DROP / DROP_LINUX remove."""
    path = dest.replace("\\", "/")
    rules = DROP if windows else DROP + DROP_LINUX
    return not any(rule.search(path) for rule in rules)


def prune(toc: list, windows: bool) -> list:
    """The Analysis' binaries or datas without the entries that ``keep`` refuses."""
    return [entry for entry in toc if keep(entry[0], windows)]
