"""The bundled Liberation Serif 2.x (Times New Roman metrics, all Vietnamese
letters; SIL OFL 1.1, see resources/fonts/OFL.txt) registered once per
process under our own names, so no other file can shadow them. ``text_width``
is reportlab's ``stringWidth`` for these faces, without its per-call overhead."""

from __future__ import annotations

from itertools import repeat

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


_METRICS: dict[str, tuple] = {}  # face -> (char width lookup, default width)


def text_width(text: str, face: str, size: float) -> float:
    """Exactly ``pdfmetrics.stringWidth(text, face, size)`` for a registered TrueType face: the same
    widths summed in the same order (tables measure every distinct cell text, ~100,000 a province)."""
    metrics = _METRICS.get(face)
    if metrics is None:
        glyphs = pdfmetrics.getFont(face).face
        metrics = _METRICS[face] = (glyphs.charWidths.get, glyphs.defaultWidth)
    get, default = metrics
    return 0.001 * size * sum(map(get, map(ord, text), repeat(default)))
