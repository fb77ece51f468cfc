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

import functools
import re
from collections.abc import Iterable
from itertools import groupby
from typing import Any

from coherence_planner.reports.font_widths import draws as base_draws
from coherence_planner.reports.font_widths import font_folder as font_folder
from coherence_planner.reports.font_widths import text_width as file_text_width

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"

_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}


def register_fonts() -> None:
    """Register the family with reportlab (idempotent), so <b> and <i> pick the right file.

    Every PDF writer calls this first, so it also writes streams as binary: reportlab's
    default ASCII85 text encoding runs in pure Python here (no _rl_accel), and took about a
    fifth of the sample report's build (0.6-0.8 s of 3-4 s) for a file 17% larger.
    """
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


def text_width(text: str, size: float, bold: bool = False) -> float:
    """`text`'s width in points at `size`. A width is linear in the size, so each text is
    measured once per face and scaled: a 2,000-program report asked for the same names'
    widths over 100,000 times (the map's cards, the tables' cells, the footers)."""
    return _unit_width(text, bold) * size


@functools.lru_cache(maxsize=1 << 16)
def _unit_width(text: str, bold: bool) -> float:
    """The width at 1 pt: reportlab's stringWidth, read from the font file without importing
    reportlab (the map's SVG export and the window measure text and need nothing else from
    it); letters DejaVu Sans lacks are measured in the computer's font that draws them (with
    reportlab, which prints them)."""
    size = 1000.0  # measured at 1000 pt and scaled down, as reportlab's own widths are kept
    if text.isascii() or not lacking_letters(text):
        return file_text_width(text, size, bold) / size
    from reportlab.pdfbase.pdfmetrics import stringWidth

    # Widths add up letter by letter (reportlab does not kern), so each font measures all of
    # its letters at once, gathered by a regular expression at C speed: a long name in
    # alternating scripts, shortened to fit, is measured in a few calls, not one per run.
    width = 0.0
    rest = text
    for font, letters in _letters_by_font(text).items():
        pattern = _run_pattern(letters)
        width += stringWidth("".join(pattern.findall(text)), font, size)
        rest = pattern.sub("", rest)
    return float(width + file_text_width(rest, size, bold)) / size


def _fallback_fonts(text: str) -> dict[str, str]:
    """Each letter of `text` the base font lacks that a font on the computer has, with the
    reportlab name of that font (script_fonts); letters no font has are left out."""
    lacking = lacking_letters(text)
    if not lacking:
        return {}
    from coherence_planner.reports.script_fonts import FINDER

    codes = set(map(ord, lacking))
    FINDER.look_for(codes)
    return {chr(code): font for code, font in FINDER.fonts_for(codes).items()}


def _letters_by_font(text: str) -> dict[str, frozenset[str]]:
    """The letters of `text` the base font lacks, by the computer's font that draws them."""
    grouped: dict[str, set[str]] = {}
    for letter, font in _fallback_fonts(text).items():
        grouped.setdefault(font, set()).add(letter)
    return {font: frozenset(letters) for font, letters in grouped.items()}


# Characters never a reason to change font: ASCII, which DejaVu Sans draws, and those that
# draw nothing (tab, newline, the zero-width space and joiners, variation selectors).
_NEVER_LACKING = frozenset(map(chr, range(0x80))) | frozenset("\t\n\u200b\u200c\u200d\ufe0e\ufe0f")


def lacking_letters(text: str) -> set[str]:
    """The characters of `text` DejaVu Sans does not draw: each distinct one asked about
    once (set arithmetic at C speed first: a 24,000-character name has a few dozen)."""
    if text.isascii():
        return set()
    return {c for c in set(text) - _NEVER_LACKING if not base_draws(c)}


def runs(text: str, base: str = FONT) -> list[tuple[str, str]]:
    """`text` as (font name, piece) runs: the base font where it has the letters, else a font
    from the computer that has them (script_fonts), else the base font (empty boxes, which
    print_problem names before printing)."""
    font_of = _fallback_fonts(text)
    if not font_of:
        return [(base, text)]
    # Runs of letters that need another font found by a regular expression (C speed, for a
    # 24,000-character name measured many times while it is shortened to fit).
    pattern = _run_pattern(frozenset(font_of))
    out: list[tuple[str, str]] = []
    at = 0
    for match in pattern.finditer(text):
        if match.start() > at:
            out.append((base, text[at : match.start()]))
        out.extend(
            (font, "".join(piece))
            for font, piece in groupby(match.group(), key=font_of.__getitem__)
        )
        at = match.end()
    if at < len(text):
        out.append((base, text[at:]))
    return out


@functools.lru_cache(maxsize=64)
def _run_pattern(letters: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(letters)) + "]+")


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

    # One set difference over all the texts joined, not one per text (50,000 at 10,000
    # programs).
    lacking = {ord(c) for c in lacking_letters("".join(texts))}
    if not lacking:
        return
    FINDER.look_for(lacking)
    FINDER.fonts_for(lacking)  # registers each font with all of its letters the plan has


# Right-to-left letters: Hebrew, Arabic (with Syriac, Thaana, NKo), and their presentation
# forms.
_RTL = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))
# The same ranges as one character class: searched in C, not letter by letter in Python
# (a long name with an ellipsis or soft breaks is drawn and escaped thousands of times).
_RTL_LETTER = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _RTL) + "]")


def has_rtl(text: str) -> bool:
    return not text.isascii() and _RTL_LETTER.search(text) is not None


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

    def fits(length: int) -> bool:
        return text_width(text[:length].rstrip() + "…", size, bold) <= room

    # A prefix's width only grows with its length, so the search may start from the first
    # doubling that does not fit: the same prefix, found without measuring a long text's
    # halves (the map's "Also serving..." lines name thousands of items at 10,000 programs,
    # 1.5 s of widths).
    high = 64
    while high < len(text) and fits(high):
        high *= 2
    low, high = 0, min(high, len(text))  # the longest fitting prefix is in [low, high)
    while high - low > 1:
        middle = (low + high) // 2
        if fits(middle):
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

    lacking = set(map(ord, lacking_letters(text)))
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
