"""An item's card on the map as a scene item: selectable, focusable, with a hover outline and
a tooltip that explains each flag in sentences; it draws its look (card_look.py).

A large map draws its cards from one field (card_field.py) and makes a card an item only
when it is clicked, hovered, selected or focused (scene.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from coherence_planner.domain.analysis.coherence import KEPT_BY_LAW, Analysis
from coherence_planner.domain.layout import style
from coherence_planner.domain.layout.geometry import card_facts
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.wording import sentence
from coherence_planner.ui.map.card_look import COMPACT_SIZES, TINY_CARD_PX, CardLook
from coherence_planner.ui.plain_text import tooltip

__all__ = ["COMPACT_SIZES", "TINY_CARD_PX", "CardItem", "card_tooltip"]

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


class CardItem(QGraphicsObject):
    """An item's card: selectable, focusable, with a hover outline and an explaining tooltip."""

    hovered = Signal(str, bool)

    def __init__(self, look: CardLook, district: District, analysis: Analysis) -> None:
        super().__init__()
        self.look = look
        card = look.card
        self.item_id = card.id
        self.kind = look.kind
        self.card = card
        self.item_flags = look.item_flags
        self.name = look.name
        self.setPos(card.x, card.y)
        self._bounds = QRectF(-4, -4, card.w + 8, card.h + 8)  # the hover outline's too
        self._hover = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setAcceptHoverEvents(True)
        self.setZValue(2)
        # The tooltip is written when first hovered: built up front for 10,000 cards it
        # took most of the scene's build and gigabytes of strings (benchmarks/ui_freeze.py).
        self._sources: tuple[District, Analysis] | None = (district, analysis)

    @property
    def top_line(self) -> str:
        return self.look.words()[0]

    @property
    def name_lines(self) -> list[str]:
        return self.look.words()[1]

    @property
    def cycle_line(self) -> str:
        return self.look.words()[2]

    @property
    def facts(self) -> str:
        return self.look.words()[3]

    @property
    def _compact_fonts(self) -> dict[int, QFont]:
        return self.look.compact_fonts

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
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        self.look.paint(painter, option, lod)
        if self.isSelected():
            self._paint_selected(painter, max(lod, HALO_PX / SELECTED_MARGIN))
        elif self._hover:
            w, h = self.card.w, self.card.h
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
        painter.drawRoundedRect(self.look.outline.adjusted(-gap, -gap, gap, gap), 8, 8)
        painter.setPen(QPen(SELECTED, outline))
        edge = outline / 2
        painter.drawRoundedRect(self.look.outline.adjusted(-edge, -edge, edge, edge), 8, 8)

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
