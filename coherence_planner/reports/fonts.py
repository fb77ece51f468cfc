"""The one font family every PDF uses: DejaVu Sans, embedded from matplotlib's own copy.

reportlab's built-in Helvetica covers Latin-1 only, so "Ñandú", "Đà Nẵng", "学校" or "≥" would
print as black boxes. DejaVu Sans covers Latin, Greek, Cyrillic, Arabic, Hebrew and many
symbols, and matplotlib ships it, so the charts and the text share one face and nothing is
downloaded. Registered once per process; the TrueType subset is embedded in each PDF.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"

_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}


def font_folder() -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def register_fonts() -> None:
    """Register the family with reportlab (idempotent), so <b> and <i> pick the right file."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(font_folder() / filename)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT_BOLD)


def text_width(text: str, size: float, bold: bool = False) -> float:
    register_fonts()
    return float(pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT, size))
