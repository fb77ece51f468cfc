"""User text for display and print: without the invisible characters that change its order.

A name may hold bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin): pasted
from a document, or planted so that "Tutoring" prints as "gnirotuT" and the words after it
run backwards too. They are removed wherever text is drawn: the map's cards (layout.card_text),
the SVG, every PDF (reports/markup.clean), charts, the money flow and the sentences that
name items (naming.Names). Removing rather than
isolating them with U+2068/U+2069: reportlab applies no bidirectional algorithm and the PDF
font has no glyph for an isolate, so removal is the one treatment every surface shares.
Right-to-left letters themselves are kept; only the invisible controls go.

The stored text keeps what the person typed (import and editing do not strip these):
the plan is theirs, and a name that differs only by a control still round-trips exactly.
Zero-width joiners and non-joiners (emoji sequences, Persian) and the zero-width space
(a break opportunity the report itself inserts) are kept: they change no order.
"""

from __future__ import annotations

# Bidirectional embeddings, overrides, isolates and marks.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Other invisible format characters a person never means in a name: soft hyphen, Mongolian
# vowel separator, word joiner and invisible operators, deprecated format controls, the
# byte-order mark, interlinear annotation marks.
OTHER_INVISIBLE = (
    "\u00ad\u180e\u2060\u2061\u2062\u2063\u2064"
    + "".join(map(chr, range(0x206A, 0x2070)))
    + "\ufeff\ufff9\ufffa\ufffb"
)

_REMOVE = {ord(c): None for c in BIDI_CONTROLS + OTHER_INVISIBLE}


def visible(text: str) -> str:
    """`text` as it should be drawn: the bidi controls and invisible format characters
    removed. Plain ASCII (nearly every name) is returned as it is, at C speed."""
    if text.isascii():
        return text
    return text.translate(_REMOVE)
