"""The bundled Liberation Serif 2.x (Times New Roman metrics, all Vietnamese
letters; SIL OFL 1.1, see resources/fonts/OFL.txt) registered once per
process under our own names, so no other file can shadow them."""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.paths import resource_path

FONT_DIR = resource_path("fonts")  # frozen-aware: the same folder in the Windows bundle
REGULAR, BOLD, ITALIC, BOLD_ITALIC = "BCSerif", "BCSerif-Bold", "BCSerif-Italic", "BCSerif-BoldItalic"
_FILES = {REGULAR: "LiberationSerif-Regular.ttf", BOLD: "LiberationSerif-Bold.ttf",
          ITALIC: "LiberationSerif-Italic.ttf", BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf"}


def register() -> str:
    """Register the four faces (idempotent); returns the regular face name."""
    known = pdfmetrics.getRegisteredFontNames()
    for name, file in _FILES.items():
        if name not in known:
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
    return REGULAR
