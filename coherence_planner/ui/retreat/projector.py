"""How the presenter looks on a projector: high-contrast colours, type sized from the
screen, and the small text helpers its slides share."""

from __future__ import annotations

import html

# High contrast on a projector: white on black, yellow for what matters now, orange for
# warnings (Okabe-Ito orange: 9:1 on black), sky blue for headings.
BACKGROUND = "#000000"
TEXT = "#FFFFFF"
MUTED = "#C8C8C8"
ACCENT = "#F0E442"
WARN = "#E69F00"
HEADING = "#56B4E9"
BODY_PX_AT_1080 = 36
MAX_LINES = 6  # list entries per column before "…and N more"
LONG_REASON = 300  # characters of a candidate's reasons beyond which they are set smaller


def escape(text: str) -> str:
    """User text for a slide's rich text: printed literally."""
    return html.escape(text, quote=False)


def fte(value: float | int | None) -> str:
    return f"{value or 0:g} FTE"
