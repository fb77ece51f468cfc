"""How one card looks and draws: the kind strip, the top line with badges, the name lines and
the facts, bordered by its flags, exactly as `reports/map/svg.py` writes it.

A plain object, not a scene item: the map's card field (card_field.py) draws thousands of
them from one item, and a card made a scene item (card_item.py: selected, hovered, focused)
draws the same look. Its words are worked out when first drawn or asked for: a 10,000-program
map shown whole draws none of them.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout import style
from coherence_planner.domain.layout.geometry import NAME_TEXT, Card, card_facts, card_text
from coherence_planner.domain.model.items import Item
from coherence_planner.ui.map.drawing import compact, draw_text, fit_lines, font_for, styled_pen

# Points, the largest that fits; never smaller than the last, a line of which just fills a
# card in a row (40 points), and which at the Fit zoom of a 300-program plan on a laptop
# (25% at 1366x768) is still 7 pixels: a long name is cut short instead (issue 26; at 24
# points the names were 5.3 pixels).
COMPACT_SIZES = (30.0, 28.0)
COMPACT_LEADING = 1.12  # times the size, between the lines of a name drawn alone
# Below this height on screen (pixels) a card is only its colours: no text to lay out. A
# card in a row (40 points) of a 300-program plan at Fit is 8 at 1280x720 (20%).
TINY_CARD_PX = 7.0
# Looked up once: each enum lookup is a Python call, and a large map paints thousands of cards.
_NO_PEN = Qt.PenStyle.NoPen
_TEXT = QColor(style.TEXT)
_MUTED = QColor(style.MUTED_TEXT)


@cache
def _colour(value: str) -> QColor:
    return QColor(value)


@cache
def _pen(colour: str, width: float, dash: tuple[float, ...]) -> QPen:
    # Shared by every card of a look (a QPen is copied on write): 11,000 cards have a
    # handful of borders, and a pen each was a tenth of the map's memory.
    return styled_pen(colour, width, dash)


class CardLook:
    """One card's colours, border and words, and how to draw them at the card's own
    coordinates (its top-left corner at 0, 0)."""

    __slots__ = (
        "_group",
        "_item",
        "_today",
        "_words",
        "band",
        "band_rect",
        "border",
        "card",
        "compact_fonts",
        "compact_text",
        "fill",
        "item_flags",
        "item_id",
        "kind",
        "name",
        "outline",
    )

    def __init__(self, card: Card, item: Item, analysis: Analysis, today: dt.date | None) -> None:
        self.item_id = card.id
        self.kind = item.kind
        self.card = card
        self.item_flags = (
            style.card_flags(analysis.flags_of(card.id), item.required) if item.live else set()
        )
        kind = style.KIND_STYLES[item.kind]
        self.fill = _colour(kind.fill if item.live else style.RETIRED_FILL)
        self.band = _colour(kind.band)
        border = style.border_style(self.item_flags)
        self.border = _pen(border.colour, 2.5, border.dash) if border else _pen(kind.band, 1.2, ())
        self.name = item.label
        self.outline = QRectF(0, 0, card.w, card.h)
        self.band_rect = QRectF(0, 0, 5, card.h)
        self.compact_fonts: dict[int, QFont] = {}
        self.compact_text = self.name
        self._item = item
        self._group = analysis.group_of.get(card.id)
        self._today = today
        self._words: tuple[str, list[str], str, str] | None = None

    def words(self) -> tuple[str, list[str], str, str]:
        """The top line, the name lines, the cycle line and the facts, made when first
        asked for."""
        if self._words is None:
            item, card = self._item, self.card
            kind = style.KIND_STYLES[item.kind]
            label = kind.label.upper() + ("" if item.live else " · RETIRED")
            top = style.top_line(label, self.item_flags, self._group)
            names, cycle = card_text(item, self._today, card.row, card.via)
            facts = card_facts(item) if not card.row else ""  # in a row: its name alone
            self._words = (top, names, cycle, facts)
        return self._words

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, lod: float) -> None:
        """The card at `lod` (its zoom on screen): colours alone when it is tiny, its name
        alone when zoomed out (drawing.COMPACT_BELOW), every word when close."""
        # Antialiasing comes from the view (and the PNG export's painter), not per card.
        painter.setPen(self.border)
        painter.setBrush(self.fill)
        painter.drawRoundedRect(self.outline, 6, 6)
        painter.setPen(_NO_PEN)
        painter.setBrush(self.band)
        painter.drawRect(self.band_rect)
        if lod * self.card.h < TINY_CARD_PX:
            return  # a whole large plan in view: colours and borders say enough
        painter.setPen(_TEXT)
        if compact(painter, option):
            self._paint_compact(painter)
        else:
            self._paint_full(painter)

    def _paint_compact(self, painter: QPainter) -> None:
        """The name alone, in the largest bold size that fits the card whole, lines
        COMPACT_LEADING apart (clipped at the smallest size; the tooltip has the whole
        name)."""
        box = QRectF(10, 3, self.card.w - 14, self.card.h - 6)
        device = painter.device()
        dpi = device.logicalDpiY() if device is not None else 72
        font = self.compact_fonts.get(dpi)
        if font is None:  # measured once per screen, not on every repaint
            for size in COMPACT_SIZES:
                font = font_for(painter, size, True)
                self.compact_text = fit_lines(
                    self.name, QFontMetricsF(font), box, size * COMPACT_LEADING
                )
                if self.compact_text.replace("\n", " ") == " ".join(self.name.split()):
                    break  # the whole name fits at this size
            assert font is not None
            self.compact_fonts[dpi] = font
        painter.setFont(font)
        painter.save()
        painter.setClipRect(box)
        # Line by line at the tight leading: the font's own spacing (Nimbus Sans, the
        # Helvetica of Linux, 1.39 times its size) left one line of 28 points on a card of
        # 76, where two fit.
        lead = font.pointSizeF() * dpi / 72 * COMPACT_LEADING
        lines = self.compact_text.split("\n")
        metrics = QFontMetricsF(font)
        top = box.top() + (box.height() - lead * len(lines)) / 2
        baseline = top + (lead + metrics.ascent() - metrics.descent()) / 2
        for n, line in enumerate(lines):
            painter.drawText(QPointF(box.left(), baseline + n * lead), line)
        painter.restore()

    def _paint_full(self, painter: QPainter) -> None:
        w, h = self.card.w, self.card.h
        top_line, name_lines, cycle_line, facts = self.words()
        bold = font_for(painter, 7.5, True)
        painter.setFont(bold)
        draw_text(painter, 11, 13, top_line, 7.5, w - 16)
        text = NAME_TEXT[self.kind]
        painter.setFont(font_for(painter, text.size, self.kind == "goal"))
        first = 13 + text.leading
        for n, line in enumerate(name_lines):
            draw_text(painter, 11, first + n * text.leading, line, text.size, w - 16)
        if cycle_line:
            italic = QFont(font_for(painter, 8.5))
            italic.setItalic(True)
            painter.setFont(italic)
            shown = QFontMetricsF(italic).elidedText(
                cycle_line, Qt.TextElideMode.ElideRight, w - 16
            )
            painter.drawText(QPointF(11, first + len(name_lines) * text.leading), shown)
        if facts:
            painter.setPen(_MUTED)
            draw_text(painter, 11, h - 7, facts, 8.5, w - 16)
