"""An item's card on the map: the kind strip, the top line with badges, the name lines and
the facts, bordered by its flags, exactly as `reports/map/svg.py` writes it; selectable,
focusable, with a hover outline and a tooltip that explains each flag in sentences.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from coherence_planner.domain.analysis.coherence import KEPT_BY_LAW, Analysis
from coherence_planner.domain.layout import style
from coherence_planner.domain.layout.geometry import NAME_TEXT, Card, card_facts, card_text
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.wording import sentence
from coherence_planner.ui.map.drawing import compact, draw_text, fit_lines, font_for, styled_pen
from coherence_planner.ui.plain_text import tooltip

# The selected card stands out at any zoom: an accent outline and a halo whose widths are
# pixels on screen, not points on the card (at the Fit zoom of a laptop, about 30%, a card's
# 3-point border was one grey pixel, and the selection could not be found).
SELECTED = QColor(style.VERMILLION)
HALO = QColor(style.ORANGE)
HALO.setAlpha(110)
SELECTED_PX = 4.0
HALO_PX = 14.0
# Scene units the halo may reach beyond the card: the halo keeps its screen width down to a
# zoom of HALO_PX / SELECTED_MARGIN (20%), and thins below that rather than leave its bounds.
SELECTED_MARGIN = 70.0
HOVER = QColor(style.BLUE)
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


class CardItem(QGraphicsObject):
    """An item's card: selectable, focusable, with a hover outline and an explaining tooltip."""

    hovered = Signal(str, bool)

    def __init__(
        self, card: Card, district: District, analysis: Analysis, today: dt.date | None = None
    ) -> None:
        super().__init__()
        item = district.items[card.id]
        self.item_id = card.id
        self.kind = item.kind
        self.card = card
        self.setPos(card.x, card.y)
        self._outline = QRectF(0, 0, card.w, card.h)
        self._band_rect = QRectF(0, 0, 5, card.h)
        self._bounds = QRectF(-4, -4, card.w + 8, card.h + 8)  # the hover outline's too
        self.item_flags = (
            style.card_flags(analysis.flags_of(card.id), item.required) if item.live else set()
        )
        kind = style.KIND_STYLES[item.kind]
        self._fill = QColor(kind.fill if item.live else style.RETIRED_FILL)
        self._band = QColor(kind.band)
        border = style.border_style(self.item_flags)
        self._border = (
            styled_pen(border.colour, 2.5, border.dash) if border else styled_pen(kind.band, 1.2)
        )
        label = kind.label.upper() + ("" if item.live else " · RETIRED")
        self.top_line = style.top_line(label, self.item_flags, analysis.group_of.get(card.id))
        self.name_lines, self.cycle_line = card_text(item, today, card.row, card.via)
        self.facts = card_facts(item) if not card.row else ""  # in a row: its name alone
        self.name = item.label
        self._hover = False
        self._compact_fonts: dict[int, QFont] = {}
        self._compact_text = self.name
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setAcceptHoverEvents(True)
        self.setZValue(2)
        # The tooltip is written when first hovered: built up front for 10,000 cards it
        # took most of the scene's build and gigabytes of strings (benchmarks/ui_freeze.py).
        self._sources: tuple[District, Analysis] | None = (district, analysis)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, self.card.w, self.card.h), 6, 6)
        return path

    def rect(self) -> QRectF:
        return QRectF(0, 0, self.card.w, self.card.h)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        # Antialiasing comes from the view (and the PNG export's painter), not per card.
        w, h = self.card.w, self.card.h
        painter.setPen(self._border)
        painter.setBrush(self._fill)
        painter.drawRoundedRect(self._outline, 6, 6)
        painter.setPen(_NO_PEN)
        painter.setBrush(self._band)
        painter.drawRect(self._band_rect)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod * h < TINY_CARD_PX:
            pass  # a whole large plan in view: colours and borders say enough
        elif compact(painter, option):
            painter.setPen(_TEXT)
            self._paint_compact(painter)
        else:
            painter.setPen(_TEXT)
            self._paint_full(painter)
        if self.isSelected():
            self._paint_selected(painter, max(lod, HALO_PX / SELECTED_MARGIN))
        elif self._hover:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(HOVER, 2.0))
            painter.drawRoundedRect(QRectF(-2.5, -2.5, w + 5, h + 5), 8, 8)

    def _paint_selected(self, painter: QPainter, lod: float) -> None:
        """A halo, then a thick accent outline, both sized in screen pixels."""
        painter.setBrush(Qt.BrushStyle.NoBrush)
        halo = HALO_PX / lod
        outline = SELECTED_PX / lod
        painter.setPen(QPen(HALO, halo))
        gap = halo / 2
        painter.drawRoundedRect(self._outline.adjusted(-gap, -gap, gap, gap), 8, 8)
        painter.setPen(QPen(SELECTED, outline))
        edge = outline / 2
        painter.drawRoundedRect(self._outline.adjusted(-edge, -edge, edge, edge), 8, 8)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        """Selected, the card paints its halo outside its usual bounds: say so first."""
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedChange:
            self.prepareGeometryChange()
            margin = SELECTED_MARGIN if value else 4.0
            self.setZValue(3 if value else 2)  # its halo over the neighbours, not under
            self._bounds = QRectF(
                -margin, -margin, self.card.w + 2 * margin, self.card.h + 2 * margin
            )
        return super().itemChange(change, value)

    def _paint_compact(self, painter: QPainter) -> None:
        """The name alone, in the largest bold size that fits the card whole, lines
        COMPACT_LEADING apart (clipped at the smallest size; the tooltip has the whole
        name)."""
        box = QRectF(10, 3, self.card.w - 14, self.card.h - 6)
        device = painter.device()
        dpi = device.logicalDpiY() if device is not None else 72
        font = self._compact_fonts.get(dpi)
        if font is None:  # measured once per screen, not on every repaint
            for size in COMPACT_SIZES:
                font = font_for(painter, size, True)
                self._compact_text = fit_lines(
                    self.name, QFontMetricsF(font), box, size * COMPACT_LEADING
                )
                if self._compact_text.replace("\n", " ") == " ".join(self.name.split()):
                    break  # the whole name fits at this size
            assert font is not None
            self._compact_fonts[dpi] = font
        painter.setFont(font)
        painter.save()
        painter.setClipRect(box)
        # Line by line at the tight leading: the font's own spacing (Nimbus Sans, the
        # Helvetica of Linux, 1.39 times its size) left one line of 28 points on a card of
        # 76, where two fit.
        lead = font.pointSizeF() * dpi / 72 * COMPACT_LEADING
        lines = self._compact_text.split("\n")
        metrics = QFontMetricsF(font)
        top = box.top() + (box.height() - lead * len(lines)) / 2
        baseline = top + (lead + metrics.ascent() - metrics.descent()) / 2
        for n, line in enumerate(lines):
            painter.drawText(QPointF(box.left(), baseline + n * lead), line)
        painter.restore()

    def _paint_full(self, painter: QPainter) -> None:
        w, h = self.card.w, self.card.h
        bold = font_for(painter, 7.5, True)
        painter.setFont(bold)
        draw_text(painter, 11, 13, self.top_line, 7.5, w - 16)
        text = NAME_TEXT[self.kind]
        painter.setFont(font_for(painter, text.size, self.kind == "goal"))
        first = 13 + text.leading
        for n, line in enumerate(self.name_lines):
            draw_text(painter, 11, first + n * text.leading, line, text.size, w - 16)
        if self.cycle_line:
            italic = QFont(font_for(painter, 8.5))
            italic.setItalic(True)
            painter.setFont(italic)
            shown = QFontMetricsF(italic).elidedText(
                self.cycle_line, Qt.TextElideMode.ElideRight, w - 16
            )
            painter.drawText(QPointF(11, first + len(self.name_lines) * text.leading), shown)
        if self.facts:
            painter.setPen(QColor(style.MUTED_TEXT))
            draw_text(painter, 11, h - 7, self.facts, 8.5, w - 16)

    def tooltip(self) -> str:
        """The card's tooltip, written on first use."""
        if self._sources is not None:
            district, analysis = self._sources
            self._sources = None
            self.setToolTip(tooltip(card_tooltip(district, analysis, self.item_id)))
        return self.toolTip()

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.tooltip()
        self._hover = True
        self.update()
        self.hovered.emit(self.item_id, True)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = False
        self.update()
        self.hovered.emit(self.item_id, False)
        super().hoverLeaveEvent(event)


TOOLTIP_NAMES = 12  # competing programs named in a tooltip; a group can have hundreds


def card_tooltip(district: District, analysis: Analysis, item_id: str) -> str:
    """The full name and the reasons behind each flag, in plain sentences."""
    item = district.items[item_id]
    lines = [f"<b>{_esc(item.label)}</b> ({vocab.KIND_LABELS[item.kind].lower()}, {item.id})"]
    facts = card_facts(item)
    if facts:
        lines.append(_esc(facts))
    orphan = analysis.orphan(item_id)
    if orphan is not None:
        lines.append(f"Not linked to any goal: {_esc(orphan.reason)}")
    if item_id in analysis.unsupported_goals:
        lines.append("No program, policy or strategy supports this goal.")
    group = analysis.group_of.get(item_id)
    if group is not None:
        members = analysis.competing[group].members
        others = [m for m in members if m != item_id and m in district.items]
        named = ", ".join(district.items[m].label for m in others[:TOOLTIP_NAMES])
        more = f" and {len(others) - TOOLTIP_NAMES:,} more" if len(others) > TOOLTIP_NAMES else ""
        lines.append(f"Competing group #{group + 1} with: {_esc(named)}{more}")
    if item_id in analysis.kept_by_law:
        lines.append(sentence(KEPT_BY_LAW))
    for reason in analysis.not_kept_reasons.get(item_id, ()):
        lines.append(f"Not kept: {_esc(reason)}")
    for conflict in analysis.conflicts:
        if item_id in (conflict.a, conflict.b):
            other = conflict.b if conflict.a == item_id else conflict.a
            name = district.items[other].label if other in district.items else other
            why = f": {_esc(conflict.rationale)}" if conflict.rationale else ""
            lines.append(f"Conflicts with {_esc(name)}{why}")
    candidate = analysis.candidate(item_id)
    if candidate is not None:
        lines.append("Removal candidate: " + _esc("; ".join(candidate.reasons)))
    goals = analysis.goals_of.get(item_id, ())
    if goals and item.kind != "goal":
        names = [district.items[g].label for g in goals if g in district.items]
        lines.append("Serves: " + _esc(", ".join(names)))
    return "<br>".join(lines)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
