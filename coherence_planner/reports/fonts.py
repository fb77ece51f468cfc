"""The one font family every PDF uses: DejaVu Sans, embedded from matplotlib's own copy.

reportlab's built-in Helvetica covers Latin-1 only, so "Ñandú", "Đà Nẵng", "学校" or "≥" would
print as black boxes. DejaVu Sans covers Latin, Greek, Cyrillic, Arabic, Hebrew and many
symbols, and matplotlib ships it, so the charts and the text share one face and nothing is
downloaded. Registered once per process; the TrueType subset is embedded in each PDF.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable
from pathlib import Path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"

_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}


def font_folder() -> Path:
    """matplotlib's font folder, found without importing matplotlib (a third of a second:
    the app's window measures text with these fonts long before it draws a chart)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is not installed; its DejaVu fonts are needed")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


# reportlab's stringWidth once the fonts are registered. reportlab is imported on first use:
# the app's window measures text with this module, and must start without reportlab.
_string_width: Callable[[str, str, float], float] | None = None


def register_fonts() -> None:
    """Register the family with reportlab (idempotent), so <b> and <i> pick the right file.

    Every PDF writer calls this first, so it also writes streams as binary: reportlab's
    default ASCII85 text encoding runs in pure Python here (no _rl_accel), and took about a
    fifth of the sample report's build (0.6-0.8 s of 3-4 s) for a file 17% larger.
    """
    global _string_width
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    rl_config.useA85 = 0
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(font_folder() / filename)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT_BOLD)
    _string_width = pdfmetrics.stringWidth


def text_width(text: str, size: float, bold: bool = False) -> float:
    """`text`'s width in points at `size`. A width is linear in the size, so each text is
    measured once per face and scaled: a 2,000-program report asked for the same names'
    widths over 100,000 times (the map's cards, the tables' cells, the footers)."""
    return _unit_width(text, bold) * size


@functools.lru_cache(maxsize=1 << 16)
def _unit_width(text: str, bold: bool) -> float:
    if _string_width is None:
        register_fonts()
    assert _string_width is not None
    return float(_string_width(text, FONT_BOLD if bold else FONT, 1000.0)) / 1000.0


def ellipsize(text: str, room: float, size: float, bold: bool = False) -> str:
    """`text` shortened with an ellipsis to fit `room` points ("" if not even "…" fits).

    Binary search over the prefix length: trimming a character at a time measured the
    whole text each time, 77 s for a 24,000-character district name in a map footer.
    """
    if text_width(text, size, bold) <= room:
        return text
    low, high = 0, len(text)  # the longest fitting prefix is in [low, high)
    while high - low > 1:
        middle = (low + high) // 2
        if text_width(text[:middle].rstrip() + "…", size, bold) <= room:
            low = middle
        else:
            high = middle
    if low == 0 and text_width("…", size, bold) > room:
        return ""
    return text[:low].rstrip() + "…"


# Arabic letters join and run right to left; reportlab draws them one by one, left to right.
_UNSHAPED = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def print_problem(text: str) -> str | None:
    """Why `text` will not print as written in a PDF, or None: characters DejaVu Sans lacks
    (Chinese, Japanese, Korean, emoji print as empty boxes), or right-to-left script."""
    from reportlab.pdfbase import pdfmetrics  # loaded on first use, like register_fonts

    register_fonts()
    covered = pdfmetrics.getFont(FONT).face.charToGlyph
    missing = sorted({c for c in text if ord(c) > 0x7F and ord(c) not in covered})
    if missing:
        return (
            "prints "
            + "".join(missing[:5])
            + (" and more" if len(missing) > 5 else "")
            + (" as empty boxes")
        )
    if any(low <= ord(c) <= high for c in text for low, high in _UNSHAPED):
        return "is right-to-left script, printed with its letters unjoined"
    return None
