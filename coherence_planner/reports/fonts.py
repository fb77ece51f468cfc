"""The one font family every PDF uses: DejaVu Sans, embedded from matplotlib's own copy, with
the computer's own fonts for the letters it lacks.

reportlab's built-in Helvetica covers Latin-1 only, so "Ñandú", "Đà Nẵng" or "≥" would
print as black boxes. DejaVu Sans covers Latin, Greek, Cyrillic, Arabic, Hebrew and many
symbols, and matplotlib ships it, so the charts and the text share one face and nothing is
downloaded. Registered once per process; the TrueType subset is embedded in each PDF.

Chinese, Japanese, Korean and other scripts DejaVu Sans lacks are drawn in a font the
computer has (script_fonts.py): `runs` splits text into pieces by the font that draws them,
and `display` puts right-to-left text (Arabic, Hebrew) in the order it is drawn, its Arabic
letters joined, since reportlab draws characters one by one, left to right.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

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
    if _string_width is None:
        register_fonts()
    assert _string_width is not None
    base = FONT_BOLD if bold else FONT
    if text.isascii():  # nearly every name: one call, at C speed
        return float(_string_width(text, base, size))
    return float(sum(_string_width(piece, font, size) for font, piece in runs(text, base)))


def _covered() -> dict[int, int]:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    return dict(pdfmetrics.getFont(FONT).face.charToGlyph)


_BASE_LETTERS: dict[int, int] = {}


def base_has(code: int) -> bool:
    """Whether DejaVu Sans draws the character `code` (spaces and joiners count as drawn)."""
    if not _BASE_LETTERS:
        _BASE_LETTERS.update(_covered())
    return code < 0x80 or code in _BASE_LETTERS or code in _INVISIBLE


# Characters that draw nothing: never a reason to leave the base font or to warn.
_INVISIBLE = {0x09, 0x0A, 0x200B, 0x200C, 0x200D, 0xFE0E, 0xFE0F}


def runs(text: str, base: str = FONT) -> list[tuple[str, str]]:
    """`text` as (font name, piece) runs: the base font where it has the letters, else a font
    from the computer that has them (script_fonts), else the base font (empty boxes, which
    print_problem names before printing)."""
    if text.isascii():
        return [(base, text)]
    from coherence_planner.reports.script_fonts import FINDER

    lacking = {ord(c) for c in text if not base_has(ord(c))}
    if not lacking:
        return [(base, text)]
    FINDER.look_for(lacking)
    out: list[tuple[str, str]] = []
    for char in text:
        code = ord(char)
        font = base
        if code in lacking:
            source = FINDER.source_for(code)
            if source is not None:
                font = FINDER.registered_name(source, lacking)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))
    return out


def plan_texts(district: Any) -> list[str]:
    """Every piece of text a plan may print: its name, and each item's text fields."""
    texts = [str(district.name)]
    for item in district.items.values():
        for value in vars(item).values():
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, list | tuple):
                texts.extend(v for v in value if isinstance(v, str))
    return texts


def expect(texts: Iterable[str]) -> None:
    """Prepare the computer's fonts for every letter of `texts` that DejaVu Sans lacks, in one
    go: a PDF writer calls this with the plan's names before drawing, so a PostScript-outlined
    font (Noto Sans CJK) is cut and converted once per document, not once per new letter."""
    from coherence_planner.reports.script_fonts import FINDER

    lacking = {ord(c) for text in texts if not text.isascii() for c in text}
    lacking = {c for c in lacking if not base_has(c)}
    if not lacking:
        return
    FINDER.look_for(lacking)
    for source in list(FINDER.sources):
        if lacking & source.letters:
            FINDER.registered_name(source, lacking)


# Right-to-left letters: Hebrew, Arabic (with Syriac, Thaana, NKo), and their presentation
# forms.
_RTL = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def has_rtl(text: str) -> bool:
    return not text.isascii() and any(low <= ord(c) <= high for c in text for low, high in _RTL)


def display(text: str) -> str:
    """`text` in the order it is drawn: right-to-left runs reversed by the Unicode
    bidirectional algorithm, Arabic letters in their joined forms. Text with no
    right-to-left letter is returned as it is."""
    if not has_rtl(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return str(get_display(arabic_reshaper.reshape(text)))


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


def print_problem(text: str) -> str | None:
    """Why `text` will not print as written in a PDF, or None: letters that neither DejaVu
    Sans nor any font on this computer has (they print as empty boxes), with the font to
    install for them."""
    from coherence_planner.reports.script_fonts import FINDER, advice

    lacking = {ord(c) for c in text if not base_has(ord(c))}
    if not lacking:
        return None
    FINDER.look_for(lacking)
    missing = sorted(chr(c) for c in lacking if FINDER.source_for(c) is None)
    if not missing:
        return None
    fonts = sorted({advice(c) for c in missing})
    shown = "".join(_shown(c) for c in missing[:5]) + (" and more" if len(missing) > 5 else "")
    one = len(missing) == 1
    return (
        f"prints {shown} as {'an empty box' if one else 'empty boxes'}: no font on this "
        f"computer has {'it' if one else 'them'}; install {' or '.join(fonts)}"
    )


def _shown(char: str) -> str:
    # A private-use or unassigned character shows as nothing in a message: name its code.
    import unicodedata

    return f"[U+{ord(char):04X}]" if unicodedata.category(char) in {"Co", "Cn"} else char
