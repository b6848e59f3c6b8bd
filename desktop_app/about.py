"""What the "Giới thiệu Biên chế" dialog states: the version, and the
third-party software shipped in the Windows bundle with its licence.

Qt-free so the CLI and tests can read it. Versions come from the installed
distributions' metadata; in a bundle without that metadata the name and
licence are still shown, without a version.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app import __version__
from desktop_app.paths import resource_path

FONT_LICENCE = resource_path("fonts", "OFL.txt")


@dataclass(frozen=True)
class Component:
    name: str
    distribution: str  # the PyPI name, for the version; "" for non-Python parts
    licence: str
    note: str = ""


COMPONENTS = (
    Component("Phông chữ Liberation Serif 2.1", "", "SIL Open Font License 1.1",
              "toàn văn giấy phép: resources/fonts/OFL.txt"),
    Component("Qt 6 và PySide6", "PySide6-Essentials", "GNU LGPL phiên bản 3 (LGPLv3)",
              "thư viện Qt nằm riêng trong thư mục _internal của chương trình và có thể được thay thế"),
    Component("Python", "", "Python Software Foundation License"),
    Component("sqlite-utils", "sqlite-utils", "Apache License 2.0"),
    Component("SQLite", "", "Phạm vi công cộng (public domain)"),
    Component("openpyxl", "openpyxl", "MIT"),
    Component("lxml", "lxml", "BSD 3 điều khoản"),
    Component("python-calamine", "python-calamine", "MIT"),
    Component("ReportLab", "reportlab", "BSD 3 điều khoản"),
    Component("Pillow", "pillow", "MIT-CMU (HPND)"),
    Component("platformdirs", "platformdirs", "MIT"),
)


def version() -> str:
    return __version__


def component_version(component: Component) -> str:
    """The installed version, "" when unknown (bundle without metadata)."""
    if component.name == "Python":
        import platform  # ≈ 3 ms: only when the about box is opened

        return platform.python_version()
    if not component.distribution:
        return ""
    from importlib import metadata  # ≈ 25 ms of imports: only when the about box is opened

    try:
        return metadata.version(component.distribution)
    except metadata.PackageNotFoundError:
        return ""


def font_licence_path() -> Path:
    return FONT_LICENCE
