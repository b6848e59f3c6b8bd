"""``bienche --self-test``: open every page offscreen on a temporary database
(never the user's), with an office and a few units added through the
services; 0 if every page was built and shown without an error.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SAMPLE_UNITS = (
    {"code": "TH01", "name": "Trường Tiểu học Phúc Đồng", "field": "TH", "classes": 20, "pupils": 700},
    {"code": "MN01", "name": "Trường Mầm non Hoa Sữa", "field": "MN", "classes": 12, "pupils": 350},
    {"code": "DVTH", "name": "Trung tâm Dịch vụ tổng hợp phường", "field": "DVTH_XA"},
)


def self_test(db_path=None) -> int:
    """``db_path`` (the user's file) is deliberately not used."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    errors: list[str] = []
    previous_hook = sys.excepthook
    sys.excepthook = lambda kind, value, tb: errors.append(f"{kind.__name__}: {value}")
    try:
        with tempfile.TemporaryDirectory(prefix="bienche-selftest-") as folder:
            _run(Path(folder) / "selftest.sqlite", errors)
    except Exception as exc:  # noqa: BLE001 - the self-test reports every failure
        errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        sys.excepthook = previous_hook
    if errors:
        print("Tự kiểm tra thất bại:\n" + "\n".join(errors), file=sys.stderr)
        return 1
    print("Tự kiểm tra: mọi màn hình mở được.")
    return 0


def _run(path: Path, errors: list[str]) -> None:
    from PySide6.QtCore import QSettings

    from desktop_app.context import open_context
    from desktop_app.services import office, records
    from ui.app import make_application
    from ui.main_window import MainWindow
    from ui.pages import PAGES

    app = make_application()
    ctx = open_context(path)
    try:
        office.save(ctx, {"name": "Cơ quan tự kiểm tra", "level": "xa"})
        for unit in SAMPLE_UNITS:
            records.create(ctx, "unit", unit)
        settings = QSettings(str(path.with_suffix(".ini")), QSettings.Format.IniFormat)
        window = MainWindow(ctx, settings)
        window.show()
        for key, title, _factory in PAGES:
            window.show_page(key)
            app.processEvents()
            if not window.stack.currentWidget().isVisible():
                errors.append(f"Không hiển thị được trang «{title}».")
        window.close()
        app.processEvents()
    finally:
        ctx.close()
