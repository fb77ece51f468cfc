"""A reportlab canvas that draws any script: each string in runs of the fonts that have its
letters, right-to-left text in drawing order (fonts.runs, fonts.display).

Every PDF the app writes draws through this canvas (the map's Canvas and the report's
doc template), so the dozens of drawString calls in the map and the report need no change:
plain ASCII, nearly every string, goes straight to reportlab as before. It is a
TaggedCanvas: every PDF it writes is tagged for screen readers (reports/tagging/).
"""

from __future__ import annotations

import functools
from typing import Any

from reportlab.lib.colors import Color, toColor
from reportlab.pdfgen.canvas import Canvas

from coherence_planner.reports.fonts import display, runs
from coherence_planner.reports.tagging.canvas import TaggedCanvas


@functools.cache
def _colour(name: str) -> Color:
    """reportlab's colour for `name`, worked out once: its toColor tries a CSS parse, a
    literal, an expression over every named colour and only then the hex value, each time
    (a tenth of a millisecond; the map's cards set their colours by hex string about 12,000
    times in a 10,000-program report)."""
    return toColor(name)


class ScriptCanvas(TaggedCanvas):
    def setFillColor(self, aColor: Any, alpha: float | None = None) -> None:
        super().setFillColor(_colour(aColor) if isinstance(aColor, str) else aColor, alpha)

    def setStrokeColor(self, aColor: Any, alpha: float | None = None) -> None:
        super().setStrokeColor(_colour(aColor) if isinstance(aColor, str) else aColor, alpha)

    def drawString(self, x: float, y: float, text: str, *args: Any, **kwargs: Any) -> None:
        if text.isascii() or args or kwargs:
            super().drawString(x, y, text, *args, **kwargs)
            return
        self._draw_runs(x, y, display(text))

    def drawRightString(self, x: float, y: float, text: str, *args: Any, **kwargs: Any) -> None:
        if text.isascii() or args or kwargs:
            super().drawRightString(x, y, text, *args, **kwargs)
            return
        shown = display(text)
        self._draw_runs(x - self._runs_width(shown), y, shown)

    def drawCentredString(self, x: float, y: float, text: str, *args: Any, **kwargs: Any) -> None:
        if text.isascii() or args or kwargs:
            super().drawCentredString(x, y, text, *args, **kwargs)
            return
        shown = display(text)
        self._draw_runs(x - self._runs_width(shown) / 2, y, shown)

    def _runs_width(self, text: str) -> float:
        return float(
            sum(
                self.stringWidth(piece, font, self._fontsize)
                for font, piece in runs(text, self._fontname)
            )
        )

    def _draw_runs(self, x: float, y: float, text: str) -> None:
        base, size = self._fontname, self._fontsize
        for font, piece in runs(text, base):
            self.setFont(font, size)
            Canvas.drawString(self, x, y, piece)
            x += self.stringWidth(piece, font, size)
        self.setFont(base, size)
