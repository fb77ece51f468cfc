"""Draw a MapLayout with reportlab as vector shapes and real, selectable text.

The geometry comes from domain/layout/geometry.py and the colours, badges and dash patterns from
domain/layout/style.py, so the printed map matches the app's map and the SVG card for card.
Everything here draws in the layout's own units (points, y growing downwards) after the
caller has placed and scaled the canvas; `_Y` flips y so text stays upright.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from reportlab.pdfgen.canvas import Canvas

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout import style
from coherence_planner.domain.layout.geometry import (
    HEADER_H,
    Card,
    EdgeGeom,
    MapLayout,
    card_facts,
    card_text,
)
from coherence_planner.domain.model.district import District
from coherence_planner.reports.fonts import (
    FONT,
    FONT_BOLD,
    ellipsize,
    register_fonts,
    text_width,
)
from coherence_planner.reports.markup import clean

NAME_PT = 9.5
SMALL_PT = 8.0  # the smallest text on the map: kind line, facts, badges
MIN_NAME_PT = SMALL_PT
REGION_PT = 12.0
PAD = 7.0
BAND_W = 5.0

Box = tuple[float, float, float, float]  # x, y, w, h in layout units


def _Y(y: float) -> float:
    return -y


def _intersects(a: Box, b: Box) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _edge_box(edge: EdgeGeom) -> Box:
    xs = [p[0] for p in edge.points]
    ys = [p[1] for p in edge.points]
    return (min(xs) - 10, min(ys) - 10, max(xs) - min(xs) + 20, max(ys) - min(ys) + 20)


class MapPainter:
    """Paints one district's map; `visible` limits work to what a tile can show."""

    def __init__(
        self, district: District, analysis: Analysis, layout: MapLayout, *, text: bool = True
    ) -> None:
        register_fonts()
        self.district = district
        self.analysis = analysis
        self.layout = layout
        self.text = text

    def _dimmed(self, *ids: str) -> bool:
        highlight = self.layout.highlight
        return highlight is not None and not all(i in highlight for i in ids)

    def _alpha(self, canvas: Canvas, dimmed: bool) -> None:
        alpha = style.DIMMED_OPACITY if dimmed else 1.0
        canvas.setFillAlpha(alpha)
        canvas.setStrokeAlpha(alpha)

    def paint(self, canvas: Canvas, visible: Box | None = None) -> None:
        canvas.saveState()
        for region in self.layout.regions:
            box = (region.x, region.y, region.w, region.h)
            if visible is None or _intersects(box, visible):
                self._region(canvas, region.key, region.label, box)
        for edge in self.layout.edges:
            if visible is None or _intersects(_edge_box(edge), visible):
                self._edge(canvas, edge)
        for card in self.layout.cards.values():
            if visible is None or _intersects((card.x, card.y, card.w, card.h), visible):
                self._card(canvas, card)
        canvas.restoreState()

    # -- regions -----------------------------------------------------------------------
    def _region(self, canvas: Canvas, key: str, label: str, box: Box) -> None:
        x, y, w, h = box
        fill = style.ORPHAN_REGION_FILL if key == "orphans" else style.REGION_FILL
        canvas.setFillColor(fill)
        canvas.setStrokeColor(fill)
        canvas.rect(x - 8, _Y(y + h + 8), w + 16, h + 16, stroke=0, fill=1)
        if self.text and label:
            canvas.setFillColor(style.MUTED_TEXT)
            canvas.setFont(FONT_BOLD, REGION_PT)
            canvas.drawString(x, _Y(y + HEADER_H / 2 + REGION_PT / 3), clean(label))

    # -- links -------------------------------------------------------------------------
    def _edge(self, canvas: Canvas, edge: EdgeGeom) -> None:
        if edge.kind == "conflicts":
            look = style.CONFLICT_STYLE
        else:
            look = style.SUPPORTS_STYLES.get(edge.strength, style.SUPPORTS_STYLES["moderate"])
        canvas.saveState()
        self._alpha(canvas, self._dimmed(edge.src, edge.dst))
        canvas.setStrokeColor(look.colour)
        canvas.setFillColor(look.colour)
        canvas.setLineWidth(look.width)
        canvas.setDash(list(look.dash) if look.dash else [])
        path = canvas.beginPath()
        first, *rest = edge.points
        path.moveTo(first[0], _Y(first[1]))
        for px, py in rest:
            path.lineTo(px, _Y(py))
        canvas.drawPath(path, stroke=1, fill=0)
        if edge.kind == "supports" and len(edge.points) >= 2:
            self._arrow(canvas, edge.points[-2], edge.points[-1], 4 + look.width * 2)
        canvas.restoreState()

    def _arrow(
        self, canvas: Canvas, start: tuple[float, float], end: tuple[float, float], size: float
    ) -> None:
        angle = math.atan2(_Y(end[1]) - _Y(start[1]), end[0] - start[0])
        tip = (end[0], _Y(end[1]))
        path = canvas.beginPath()
        path.moveTo(*tip)
        for side in (0.45, -0.45):
            path.lineTo(
                tip[0] - size * math.cos(angle + side), tip[1] - size * math.sin(angle + side)
            )
        path.close()
        canvas.setDash([])
        canvas.drawPath(path, stroke=0, fill=1)

    # -- cards -------------------------------------------------------------------------
    def _card(self, canvas: Canvas, card: Card) -> None:
        item = self.district.items[card.id]
        flags = style.card_flags(self.analysis.flags_of(card.id), item.required and item.live)
        kind = style.KIND_STYLES[item.kind]
        border = style.border_style(flags)
        canvas.saveState()
        self._alpha(canvas, self._dimmed(card.id))
        x, top, w, h = card.x, card.y, card.w, card.h
        canvas.setFillColor(kind.fill if item.live else style.RETIRED_FILL)
        canvas.setStrokeColor(border.colour if border else style.GREY)
        canvas.setLineWidth(2.0 if border else 0.8)
        canvas.setDash(list(border.dash) if border and border.dash else [])
        canvas.rect(x, _Y(top + h), w, h, stroke=1, fill=1)
        canvas.setDash([])
        canvas.setFillColor(kind.band)
        canvas.rect(x + 1, _Y(top + h - 1), BAND_W, h - 2, stroke=0, fill=1)
        if self.text:
            self._card_text(canvas, card, item.kind, flags)
        canvas.restoreState()

    def _card_text(self, canvas: Canvas, card: Card, kind: str, flags: set[str]) -> None:
        item = self.district.items[card.id]
        left = card.x + BAND_W + PAD - 2
        right = card.x + card.w - PAD + 2
        room = right - left
        canvas.setFillColor(style.MUTED_TEXT)
        canvas.setFont(FONT, SMALL_PT)
        head = style.KIND_STYLES[kind].label.upper()  # names, never ids: the id is for the file
        canvas.drawString(left, _Y(card.y + 15), head)
        badges = style.badges(flags, self.analysis.group_of.get(card.id))
        self._badges(canvas, badges, card.x + 4, card.x + card.w - 4, card.y)

        names, cycle = card_text(item, self.layout.today, card.row)
        lines = [clean(line) for line in names]
        canvas.setFillColor(style.TEXT)
        for n, line in enumerate(lines):
            size = _fit(line, room, NAME_PT, bold=True)
            canvas.setFont(FONT_BOLD, size)
            canvas.drawString(left, _Y(card.y + 28 + n * 11.5), line)
        if cycle:
            canvas.setFont(FONT, SMALL_PT)
            text = _ellipsis(clean(cycle), room, SMALL_PT)
            canvas.drawString(left, _Y(card.y + 28 + len(lines) * 11.5), text)
        facts = clean(card_facts(item)) if not card.row else ""  # in a row: its name alone
        if facts:
            canvas.setFillColor(style.MUTED_TEXT)
            canvas.setFont(FONT, SMALL_PT)
            canvas.drawString(left, _Y(card.y + card.h - 6), _ellipsis(facts, room, SMALL_PT))

    def _badges(
        self, canvas: Canvas, words: list[str], left: float, right: float, top: float
    ) -> None:
        """Badges as tabs astride the card's top edge, in priority order and flush right, so
        they never cover the name; those that do not fit become +N."""
        widths = [text_width(word, SMALL_PT, bold=True) + 6 for word in words]
        shown = len(words)
        while shown:
            rest = len(words) - shown
            more = text_width(f"+{rest}", SMALL_PT, bold=True) + 4 if rest else 0.0
            if sum(widths[:shown]) + 2 * shown + more <= right - left:
                break
            shown -= 1
        rest = len(words) - shown
        more_text = f"+{rest}" if rest else ""
        x = right - sum(widths[:shown]) - 2 * shown
        if more_text:
            x -= text_width(more_text, SMALL_PT, bold=True) + 4
        canvas.setFont(FONT_BOLD, SMALL_PT)
        for word, width in zip(words[:shown], widths, strict=False):
            flag = next(s for s in style.FLAG_STYLES if word.startswith(s.badge))
            canvas.setFillColor(flag.colour)
            canvas.roundRect(x, _Y(top + 6), width, 12, 2, stroke=0, fill=1)
            canvas.setFillColor(style.TEXT if flag.colour == style.YELLOW else style.BACKGROUND)
            canvas.drawString(x + 3, _Y(top + 3), word)
            x += width + 2
        if more_text:
            canvas.setFillColor(style.TEXT)
            canvas.drawString(x + 2, _Y(top + 3), more_text)


def _fit(text: str, room: float, size: float, bold: bool = False) -> float:
    """The largest size up to `size` (not below the map's smallest text) that fits `room`."""
    width = text_width(text, size, bold)
    if width <= room:
        return size
    return max(MIN_NAME_PT, size * room / width)


def _ellipsis(text: str, room: float, size: float) -> str:
    return ellipsize(text, room, size)


def legend_entries() -> Iterable[tuple[str, str, str]]:
    """(kind of swatch, key, words) for every mark the map uses, in reading order."""
    for key, kind in style.KIND_STYLES.items():
        yield ("kind", key, kind.label)
    for flag in style.FLAG_STYLES:
        yield ("flag", flag.flag, f"{flag.badge}: {flag.legend}")
    for strength in ("strong", "moderate", "weak"):
        yield ("edge", strength, f"Supports ({strength})")
    yield ("edge", "conflicts", "Conflict")
