"""User text into reportlab Paragraph markup, safely.

Paragraph parses an XML-like markup: a program named `<img src="http://…">` would fetch an
image, and `A & B <draft>` would break the parse. Every string a person typed passes
through `esc` before it meets a Paragraph; only the report's own tags stay live. Canvas
drawString calls take text literally and need no escaping.
"""

from __future__ import annotations

from coherence_planner.domain.model.text import visible
from coherence_planner.reports.fonts import FONT, display, runs
from coherence_planner.reports.xml_text import escape

# Characters a PDF text string cannot carry or a font has no glyph for: C0 controls except
# tab and newline (a pasted spreadsheet cell can hold them).
_CONTROL = {c: None for c in range(32) if c not in (9, 10)}


def clean(text: object) -> str:
    """Plain text with control characters removed, bidi controls too (domain/model/text.py), for
    canvas drawing and metadata; every Paragraph's user text passes here through esc."""
    return visible(str(text)).translate(_CONTROL)


def esc(text: object) -> str:
    """Text that prints literally inside Paragraph markup; newlines become line breaks.

    Letters the report's font lacks (Chinese, Japanese, Korean…) are set in a font the
    computer has, and right-to-left text is put in drawing order (fonts.runs, fonts.display).
    """
    plain = clean(text)
    if plain.isascii():
        return escape(plain).replace("\n", "<br/>")
    pieces = []
    for font, piece in runs(display(plain)):
        escaped = escape(piece).replace("\n", "<br/>")
        pieces.append(escaped if font == FONT else f'<font name="{font}">{escaped}</font>')
    return "".join(pieces)


def soft_breaks(text: str, every: int = 24) -> str:
    """Escaped text where a very long unbroken word (a URL, a code) may wrap.

    reportlab wraps at spaces only; a zero-width space every `every` characters inside a
    long word lets a table cell wrap it instead of overflowing the column.
    """
    words = []
    for word in clean(text).split(" "):
        if len(word) > every:
            word = "\u200b".join(word[i : i + every] for i in range(0, len(word), every))
        words.append(word)
    return esc(" ".join(words))


def shortened(text: str, limit: int) -> str:
    """`text` cut to about `limit` characters at a word, with an ellipsis: for the places
    with room for a few lines only (the cover's title, a contents entry), where a
    1,000-character name would fill pages. The full text is printed elsewhere."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"
