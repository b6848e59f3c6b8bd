"""Regenerate the screenshots of docs/huong-dan-su-dung.md into docs/img/.

    uv run python docs/make_screenshots.py

Builds the office demo (``bienche demo``: a former district, ≈145 units) in a
temporary folder, opens the main window offscreen at 1280×780, grabs each page
with QWidget.grab() plus the first-run and «Giới thiệu» dialogs, and saves
them scaled down to ≤ 150 KB each. The user's own data is never touched.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QBuffer, QEventLoop, QIODevice, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QImage, QPixmap  # noqa: E402
from PySide6.QtWidgets import QPushButton, QWidget  # noqa: E402

from desktop_app.context import open_context  # noqa: E402
from desktop_app.services import demo  # noqa: E402
from ui.about_dialog import AboutDialog  # noqa: E402
from ui.app import make_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.office_dialog import OfficeDialog  # noqa: E402
from ui.pages import PAGES  # noqa: E402

OUT = Path(__file__).resolve().parent / "img"
TODAY = dt.date(2026, 11, 23)
MAX_BYTES = 150_000
WIDTHS = (1100, 960, 840, 720)


def settle(ms: int = 600) -> None:
    """Let page loaders (worker threads, queued signals) finish before grabbing."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(pixmap: QPixmap, name: str) -> Path:
    """Scale down until the PNG is ≤ MAX_BYTES (a 256-colour PNG when that is what it takes)."""
    image = pixmap.toImage()
    for width in WIDTHS:
        scaled = image.scaledToWidth(min(width, image.width()), Qt.TransformationMode.SmoothTransformation)
        for candidate in (scaled, scaled.convertToFormat(QImage.Format.Format_Indexed8)):
            data = _png(candidate)
            if len(data) <= MAX_BYTES:
                path = OUT / f"{name}.png"
                path.write_bytes(data)
                return path
    raise RuntimeError(f"{name}: no size fits in {MAX_BYTES} bytes")


def _png(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG", 0)  # quality 0 = strongest compression
    return bytes(buffer.data())


def click(page: QWidget, text: str) -> None:
    """Press the page's button labelled ``text`` (if it has one), as a clerk would."""
    for button in page.findChildren(QPushButton):
        if button.text() == text and button.isEnabled():
            button.click()
            settle(3000)
            return


# What a clerk does on a page before the picture is worth taking.
PREPARE = {"reports": lambda page: click(page, "Xem trước")}


def grab(widget: QWidget, name: str) -> None:
    widget.show()
    settle()
    print(save(widget.grab(), name))


def main() -> int:
    app = make_application()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bienche-anh-") as folder:
        first = open_context(Path(folder) / "moi.sqlite", today=TODAY)
        grab(OfficeDialog(first), "lan-dau")
        first.close()
        ctx = open_context(Path(folder) / "demo.sqlite", today=TODAY)
        demo.generate(ctx, scale="office", seed=1)
        settings = QSettings(str(Path(folder) / "bienche.ini"), QSettings.Format.IniFormat)
        window = MainWindow(ctx, settings)
        window.resize(1280, 780)
        window.show()
        for key, _title, _factory in PAGES:
            window.show_page(key)
            settle()
            if key in PREPARE:
                PREPARE[key](window.page(key))
            print(save(window.grab(), key))
        window.show_page("settings")
        settings_page = window.page("settings")
        settings_page.tabs.setCurrentIndex(2)  # «Sao lưu, khôi phục»: the tab a clerk is sent to
        click(settings_page, "Sao lưu ngay")  # so the list shows a backup, not an empty table
        print(save(window.grab(), "settings-sao-luu"))
        grab(AboutDialog(ctx, window), "gioi-thieu")
        window.close()
        app.processEvents()
        ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
