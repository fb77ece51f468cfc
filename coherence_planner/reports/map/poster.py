"""The map as one printable picture: a title block, the legend, then the map itself.

Fitting to a page and tiling a poster both cut this one picture, so a taped-together poster
reads exactly like the single page, only larger. Coordinates are points at full size, y
growing downwards from the picture's top-left corner.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout import style
from coherence_planner.domain.layout.geometry import MARGIN, MapLayout
from coherence_planner.domain.model.district import District
from coherence_planner.reports.fonts import FONT, FONT_BOLD, text_width
from coherence_planner.reports.map.draw import Box, MapPainter, legend_entries
from coherence_planner.reports.markup import clean

TITLE_PT = 22.0
SUBTITLE_PT = 11.0
LEGEND_PT = 8.0
LEGEND_ROW = 16.0
SWATCH = 22.0
TITLE_H = 62.0
MIN_WIDTH = 560.0


@dataclass(frozen=True)
class _LegendItem:
    kind: str
    key: str
    words: str
    x: float
    row: int


def focus_box(layout: MapLayout) -> Box:
    """The part of the map to print: all of it, or a focused goal's line of sight."""
    if layout.highlight is None:
        return (0.0, 0.0, layout.width, layout.height)
    cards = [c for i, c in layout.cards.items() if i in layout.highlight]
    left = min(c.x for c in cards) - MARGIN
    top = min(c.y for c in cards) - MARGIN * 2
    right = max(c.x + c.w for c in cards) + MARGIN
    bottom = max(c.y + c.h for c in cards) + MARGIN
    return (max(0.0, left), max(0.0, top), right - max(0.0, left), bottom - max(0.0, top))


class MapPoster:
    """Title, legend and map laid out once; `paint` draws any part of it."""

    def __init__(
        self,
        district: District,
        analysis: Analysis,
        layout: MapLayout,
        *,
        title: str,
        subtitle: str,
        text: bool = True,
    ) -> None:
        self.painter = MapPainter(district, analysis, layout, text=text)
        self.title = clean(title)
        self.subtitle = clean(subtitle)
        self.crop = focus_box(layout)
        self.width = max(self.crop[2], MIN_WIDTH)
        self.legend = self._place_legend(self.width - 2 * MARGIN) if text else []
        rows = max((item.row for item in self.legend), default=-1) + 1
        # Without text (the report's overview) there is no title block above the map.
        self.map_top = TITLE_H + rows * LEGEND_ROW + 12 if text else 0.0
        self.height = self.map_top + self.crop[3]

    @staticmethod
    def _place_legend(room: float) -> list[_LegendItem]:
        placed: list[_LegendItem] = []
        x, row = 0.0, 0
        for kind, key, words in legend_entries():
            needed = SWATCH + 6 + text_width(words, LEGEND_PT) + 18
            if x and x + needed > room:
                x, row = 0.0, row + 1
            placed.append(_LegendItem(kind, key, words, x, row))
            x += needed
        return placed

    def paint(self, canvas: Canvas, visible: Box | None = None) -> None:
        """Draw in picture coordinates (the caller scales and flips nothing: y is negated)."""
        canvas.saveState()
        canvas.setFillColor(style.BACKGROUND)
        canvas.rect(0, -self.height, self.width, self.height, stroke=0, fill=1)
        if self.painter.text:
            self._title(canvas)
            self._legend(canvas)
        cx, cy, cw, ch = self.crop
        canvas.saveState()
        canvas.translate(-cx, -(self.map_top - cy))
        clip = canvas.beginPath()
        clip.rect(cx, -(cy + ch), cw, ch)
        canvas.clipPath(clip, stroke=0, fill=0)
        map_visible = None
        if visible is not None:
            vx, vy, vw, vh = visible
            map_visible = (vx + cx, vy - self.map_top + cy, vw, vh)
        self.painter.paint(canvas, map_visible)
        canvas.restoreState()
        canvas.restoreState()

    def _title(self, canvas: Canvas) -> None:
        canvas.setFillColor(style.TEXT)
        canvas.setFont(FONT_BOLD, TITLE_PT)
        canvas.drawString(MARGIN, -(MARGIN + TITLE_PT * 0.8), self.title)
        canvas.setFillColor(style.MUTED_TEXT)
        canvas.setFont(FONT, SUBTITLE_PT)
        canvas.drawString(MARGIN, -(MARGIN + TITLE_PT + SUBTITLE_PT), self.subtitle)

    def _legend(self, canvas: Canvas) -> None:
        for item in self.legend:
            x = MARGIN + item.x
            mid = -(TITLE_H + item.row * LEGEND_ROW + LEGEND_ROW / 2)
            canvas.saveState()
            if item.kind == "kind":
                kind_look = style.KIND_STYLES[item.key]
                canvas.setFillColor(kind_look.fill)
                canvas.setStrokeColor(style.GREY)
                canvas.rect(x, mid - 5, SWATCH, 10, stroke=1, fill=1)
                canvas.setFillColor(kind_look.band)
                canvas.rect(x, mid - 5, 3, 10, stroke=0, fill=1)
            elif item.kind == "flag":
                flag = style.FLAG_BY_NAME[item.key]
                canvas.setStrokeColor(flag.colour)
                canvas.setFillColor(style.BACKGROUND)
                canvas.setLineWidth(2)
                canvas.setDash(list(flag.dash) if flag.dash else [])
                canvas.rect(x, mid - 5, SWATCH, 10, stroke=1, fill=1)
            else:
                look = (
                    style.CONFLICT_STYLE
                    if item.key == "conflicts"
                    else style.SUPPORTS_STYLES[item.key]
                )
                canvas.setStrokeColor(look.colour)
                canvas.setLineWidth(look.width)
                canvas.setDash(list(look.dash) if look.dash else [])
                canvas.line(x, mid, x + SWATCH, mid)
            canvas.restoreState()
            canvas.setFillColor(style.TEXT)
            canvas.setFont(FONT, LEGEND_PT)
            canvas.drawString(x + SWATCH + 6, mid - LEGEND_PT / 3, item.words)
