"""Draw the application icon with QPainter and write resources/icons/bienche.png
(256 px) and bienche.ico (16–256 px, PNG-compressed entries, Windows Vista+).

The icon is an organisation chart (one office above three units) in white on
a dark-blue rounded square: what the program manages. Drawn, not downloaded,
so its licence is ours. Run once after changing the drawing and commit both:

    uv run python installer/make_icon.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QIODevice, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
BLUE, RED, WHITE = QColor("#1d4f91"), QColor("#c8102e"), QColor("#ffffff")


def draw(size: int) -> QImage:
    """The icon at ``size`` pixels, drawn on a 100-unit grid."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 100, size / 100)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(BLUE)
    p.drawRoundedRect(QRectF(4, 4, 92, 92), 18, 18)
    p.setPen(QPen(WHITE, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
    for start, end in (((50, 38), (50, 52)), ((20, 52), (80, 52)), ((20, 50), (20, 62)),
                       ((50, 50), (50, 62)), ((80, 50), (80, 62))):
        p.drawLine(*start, *end)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(RED)
    p.drawRoundedRect(QRectF(32, 14, 36, 26), 5, 5)
    p.setBrush(WHITE)
    for x in (20, 50, 80):
        p.drawRoundedRect(QRectF(x - 13, 62, 26, 22), 4, 4)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def ico_bytes(images: list[QImage]) -> bytes:
    """An ICO container with one PNG entry per size (0 in a byte means 256)."""
    blobs = [png_bytes(i) for i in images]
    header = struct.pack("<HHH", 0, 1, len(blobs))
    offset = len(header) + 16 * len(blobs)
    entries = b""
    for image, blob in zip(images, blobs, strict=True):
        side = image.width() % 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    return header + entries + b"".join(blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts/painting
    ICONS.mkdir(parents=True, exist_ok=True)
    images = [draw(s) for s in SIZES]
    (ICONS / "bienche.png").write_bytes(png_bytes(images[-1]))
    (ICONS / "bienche.ico").write_bytes(ico_bytes(images))
    print(f"{ICONS / 'bienche.png'}, {ICONS / 'bienche.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
