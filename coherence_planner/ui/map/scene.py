"""The coherence map as a QGraphicsScene: one card per placed item, one path per link,
region labels, a title and a legend, all at the layout's coordinates (one unit = one point).

Cards draw exactly what `reports/map_svg.py` writes (kind strip, top line with badges, name
lines, facts, border by flag), so what the cabinet sees on screen matches the exported file.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from functools import cache

from PySide6.QtCore import QElapsedTimer, QLineF, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from coherence_planner.domain import map_style as style
from coherence_planner.domain import vocab
from coherence_planner.domain.coherence import Analysis
from coherence_planner.domain.district import District
from coherence_planner.domain.items import LinkKey, link_key
from coherence_planner.domain.layout import (
    NAME_TEXT,
    Bracket,
    Card,
    EdgeGeom,
    MapLayout,
    card_facts,
    card_text,
)
from coherence_planner.reports.map_svg import LEGEND_W, TITLE_H
from coherence_planner.ui.plain_text import tooltip

FONT_FAMILY = "Helvetica"  # falls back to Arial / the system sans, like the SVG's list
SELECTED = QColor(style.BLACK)
HOVER = QColor(style.BLUE)
ARROW = 7.0  # arrow head length in points
# Below this zoom a card's 11-point name is too small to read from the back of a room, so
# cards draw only their name, as large as the card allows (level of detail); the border,
# fill and band still carry kind and flags, and the tooltip and inspector the rest.
COMPACT_BELOW = 0.75
# Points, the largest that fits; never smaller than the last, which at the Fit zoom of a
# laptop (about 30%) is still about 7 pixels: a long name is cut short instead.
COMPACT_SIZES = (30.0, 27.0, 24.0)
COMPACT_LABEL = 17.0
STEP_MS = 40  # the longest slice of building a large map between two turns of the event loop
# Below this height on screen (pixels) a card is only its colours: no text to lay out.
TINY_CARD_PX = 9.0  # column and region labels at low zoom (12 points otherwise)
COMPACT_TITLE = 30.0


def compact(painter: QPainter, option: QStyleOptionGraphicsItem) -> bool:
    """True when the view is zoomed out far enough for the large-text drawing."""
    return option.levelOfDetailFromTransform(painter.worldTransform()) < COMPACT_BELOW


@cache
def _font(size: float, bold: bool, dpi: int) -> QFont:
    """A font whose size is `size` scene units (points) on a device of `dpi`."""
    font = QFont(FONT_FAMILY)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(size * 72.0 / max(dpi, 1))
    font.setBold(bold)
    return font


def font_for(painter: QPainter, size: float, bold: bool = False) -> QFont:
    device = painter.device()
    dpi = device.logicalDpiY() if device is not None else 72
    return _font(size, bold, dpi)


def _pen(colour: str, width: float, dash: tuple[float, ...] = ()) -> QPen:
    pen = QPen(QColor(colour), width)
    if dash:
        # Qt counts dash lengths in pen widths; the style gives them in points.
        pen.setDashPattern([max(v / width, 0.1) for v in dash])
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _text(painter: QPainter, x: float, y: float, text: str, size: float, width: float) -> None:
    """Draw `text` with its baseline at y, elided to `width` (names never spill)."""
    font = font_for(painter, size, painter.font().bold())
    painter.setFont(font)
    shown = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
    painter.drawText(QPointF(x, y), shown)


def _fit_lines(name: str, metrics: QFontMetricsF, box: QRectF) -> str:
    """`name` wrapped to the box's width in as many lines as its height holds, the last
    line cut short with an ellipsis when the name needs more."""
    lines: list[str] = []
    words = name.split()
    room = max(1, int(box.height() // metrics.lineSpacing()))
    while words and len(lines) < room:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(line + " " + words[0]) <= box.width():
            line += " " + words.pop(0)
        lines.append(line)
    if words:
        rest = " ".join([lines.pop(), *words]) if lines else " ".join(words)
        lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, box.width()))
    return "\n".join(lines)


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
        self.item_flags = (
            style.card_flags(analysis.flags_of(card.id), item.required) if item.live else set()
        )
        kind = style.KIND_STYLES[item.kind]
        self._fill = QColor(kind.fill if item.live else style.RETIRED_FILL)
        self._band = QColor(kind.band)
        border = style.border_style(self.item_flags)
        self._border = _pen(border.colour, 2.5, border.dash) if border else _pen(kind.band, 1.2)
        label = kind.label.upper() + ("" if item.live else " · RETIRED")
        self.top_line = style.top_line(label, self.item_flags, analysis.group_of.get(card.id))
        self.name_lines, self.cycle_line = card_text(item, today)
        self.facts = card_facts(item)
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
        return QRectF(-4, -4, self.card.w + 8, self.card.h + 8)

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
        w, h = self.card.w, self.card.h
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(self._border)
        painter.setBrush(self._fill)
        painter.drawRoundedRect(QRectF(0, 0, w, h), 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._band)
        painter.drawRect(QRectF(0, 0, 5, h))
        painter.setPen(QColor(style.TEXT))
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod * h < TINY_CARD_PX:
            pass  # a whole large plan in view: colours and borders say enough
        elif compact(painter, option):
            self._paint_compact(painter)
        else:
            self._paint_full(painter)
        if self.isSelected() or self._hover:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            colour = SELECTED if self.isSelected() else HOVER
            painter.setPen(QPen(colour, 3.0 if self.isSelected() else 2.0))
            painter.drawRoundedRect(QRectF(-2.5, -2.5, w + 5, h + 5), 8, 8)

    def _paint_compact(self, painter: QPainter) -> None:
        """The name alone, in the largest bold size that fits the card (clipped at the
        smallest size; the tooltip has the whole name)."""
        box = QRectF(10, 3, self.card.w - 14, self.card.h - 6)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        flags |= int(Qt.TextFlag.TextWordWrap)
        device = painter.device()
        dpi = device.logicalDpiY() if device is not None else 72
        font = self._compact_fonts.get(dpi)
        if font is None:  # measured once per screen, not on every repaint
            font = font_for(painter, COMPACT_SIZES[-1], True)
            for size in COMPACT_SIZES:
                candidate = font_for(painter, size, True)
                need = QFontMetricsF(candidate).boundingRect(box, flags, self.name)
                if need.height() <= box.height() and need.width() <= box.width():
                    font = candidate
                    break
            self._compact_fonts[dpi] = font
            self._compact_text = _fit_lines(self.name, QFontMetricsF(font), box)
        painter.setFont(font)
        painter.save()
        painter.setClipRect(box)
        painter.drawText(box, flags, self._compact_text)
        painter.restore()

    def _paint_full(self, painter: QPainter) -> None:
        w, h = self.card.w, self.card.h
        bold = font_for(painter, 7.5, True)
        painter.setFont(bold)
        _text(painter, 11, 13, self.top_line, 7.5, w - 16)
        text = NAME_TEXT[self.kind]
        painter.setFont(font_for(painter, text.size, self.kind == "goal"))
        first = 13 + text.leading
        for n, line in enumerate(self.name_lines):
            _text(painter, 11, first + n * text.leading, line, text.size, w - 16)
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
            _text(painter, 11, h - 7, self.facts, 8.5, w - 16)

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


class EdgeItem(QGraphicsPathItem):
    """A link: pen by strength (conflicts dashed), an arrow at the supported end, and a
    hit area wide enough to click with a projector remote's pointer."""

    HIT_WIDTH = 12.0

    def __init__(self, geom: EdgeGeom) -> None:
        super().__init__()
        self.geom = geom
        self.key: LinkKey = link_key(geom.kind, geom.src, geom.dst)
        look = (
            style.CONFLICT_STYLE
            if geom.kind == "conflicts"
            else style.SUPPORTS_STYLES.get(geom.strength, style.SUPPORTS_STYLES["moderate"])
        )
        self._pen = _pen(look.colour, look.width, look.dash)
        self._colour = QColor(look.colour)
        path = QPainterPath()
        first, *rest = geom.points
        path.moveTo(*first)
        for point in rest:
            path.lineTo(*point)
        self.setPath(path)
        self.setPen(self._pen)
        self.setZValue(1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self._arrow = self._arrow_head() if geom.kind == "supports" else QPolygonF()
        self._shape: QPainterPath | None = None  # the wide hit area, made when first asked
        pad = self.HIT_WIDTH / 2 + ARROW
        self._bounds = path.boundingRect().adjusted(-pad, -pad, pad, pad)
        self._emphasis = False

    def _arrow_head(self) -> QPolygonF:
        (x1, y1), (x2, y2) = self.geom.points[-2], self.geom.points[-1]
        angle = math.atan2(y2 - y1, x2 - x1)
        tip = QPointF(x2, y2)
        left = QPointF(x2 - ARROW * math.cos(angle - 0.4), y2 - ARROW * math.sin(angle - 0.4))
        right = QPointF(x2 - ARROW * math.cos(angle + 0.4), y2 - ARROW * math.sin(angle + 0.4))
        return QPolygonF([tip, left, right])

    def set_emphasis(self, on: bool) -> None:
        """Drawn heavier while one of its cards is hovered or selected."""
        if on != self._emphasis:
            self._emphasis = on
            self.update()

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(self.HIT_WIDTH)
            self._shape = stroker.createStroke(self.path())
        return self._shape

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.isSelected():
            halo = QPen(QColor(style.SKY_BLUE), self._pen.widthF() + 6)
            halo.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(halo)
            painter.drawPath(self.path())
        pen = QPen(self._pen)
        if self._emphasis or self.isSelected():
            pen.setWidthF(pen.widthF() + 1.2)
            pen.setColor(QColor(style.BLACK) if self.geom.kind == "supports" else self._colour)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path())
        if not self._arrow.isEmpty():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(style.MUTED_TEXT) if not self._emphasis else pen.color())
            painter.drawPolygon(self._arrow)


class _FixedItem(QGraphicsItem):
    """A scene item that paints inside one rectangle fixed when it is made."""

    def __init__(self, rect: QRectF) -> None:
        super().__init__()
        self._rect = rect

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        self.draw(painter, compact(painter, option))

    def draw(self, painter: QPainter, small: bool) -> None:
        """Paint; `small` when zoomed out far enough for the large-text drawing."""
        raise NotImplementedError


class RegionItem(_FixedItem):
    """A column band or the orphan area, with its label."""

    def __init__(self, key: str, label: str, rect: QRectF) -> None:
        super().__init__(rect)
        self.key = key
        self.label = label
        fill = style.ORPHAN_REGION_FILL if key == "orphans" else style.REGION_FILL
        self._fill = QColor(fill)
        self._heading = key.startswith("column:")  # a column's name: words, no band
        self.setZValue(0)

    def draw(self, painter: QPainter, small: bool) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self._heading:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._fill)
            painter.drawRoundedRect(self._rect, 8, 8)
        painter.setPen(QColor(style.MUTED_TEXT))
        size = COMPACT_LABEL if small else 12.0
        painter.setFont(font_for(painter, size, True))
        _text(
            painter,
            self._rect.x() + 8,
            self._rect.y() + 8 + size,
            self.label,
            size,
            max(self._rect.width() - 16, 40),
        )


class BracketItem(_FixedItem):
    """A bracket beside competing programs standing together, with their group's number."""

    def __init__(self, bracket: Bracket) -> None:
        super().__init__(QRectF(bracket.x - 1, bracket.y, 30, bracket.h))
        self.bracket = bracket
        self.setZValue(1.5)

    def draw(self, painter: QPainter, small: bool) -> None:
        b = self.bracket
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(_pen(style.ORANGE, 2.5))
        tick = 6.0
        painter.drawPolyline(
            QPolygonF(
                [
                    QPointF(b.x, b.y + 4),
                    QPointF(b.x + tick, b.y + 4),
                    QPointF(b.x + tick, b.y + b.h - 4),
                    QPointF(b.x, b.y + b.h - 4),
                ]
            )
        )
        painter.setPen(QColor(style.TEXT))
        size = COMPACT_LABEL if small else 10.0
        painter.setFont(font_for(painter, size, True))
        painter.drawText(QPointF(b.x + tick + 3, b.y + b.h / 2 + size / 3), f"#{b.group + 1}")


class TitleItem(_FixedItem):
    """The map's heading, above the columns (as in the SVG)."""

    def __init__(self, text: str, width: float) -> None:
        super().__init__(QRectF(0, -TITLE_H, width, TITLE_H))
        self.text = text

    def draw(self, painter: QPainter, small: bool) -> None:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(QColor(style.TEXT))
        size = COMPACT_TITLE if small else 16.0
        painter.setFont(font_for(painter, size, True))
        _text(painter, 24, -TITLE_H + 10 + size, self.text, size, self._rect.width() - 48)


LEGEND_ROW = 18.0


def legend_rect() -> QRectF:
    """The legend's frame, around an origin at the "Legend" heading's baseline."""
    rows = 1 + len(style.KIND_STYLES) + len(style.FLAG_STYLES) + len(style.SUPPORTS_STYLES)
    return QRectF(-10, -22, LEGEND_W, rows * LEGEND_ROW + 52)


def paint_legend(painter: QPainter) -> None:
    """What each fill, border dash, badge word and line means: the SVG legend's rows, drawn
    in the scene beside the map (exports) or pinned in the view's corner."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#D0D0D0"), 1))
    painter.setBrush(QColor(style.BACKGROUND))
    painter.drawRoundedRect(legend_rect(), 6, 6)
    width = LEGEND_W - 50
    painter.setPen(QColor(style.TEXT))
    painter.setFont(font_for(painter, 13, True))
    _text(painter, 0, 0, "Legend", 13, width)
    row = 20.0
    painter.setFont(font_for(painter, 10))
    for kind in ("goal", "strategy", "program", "policy"):
        ks = style.KIND_STYLES[kind]
        painter.setPen(QPen(QColor(ks.band), 1))
        painter.setBrush(QColor(ks.fill))
        painter.drawRect(QRectF(0, row - 10, 22, 13))
        painter.setPen(QColor(style.TEXT))
        _text(painter, 30, row, ks.label, 10, width)
        row += LEGEND_ROW
    row += 6
    for flag in style.FLAG_STYLES:
        painter.setPen(_pen(flag.colour, 2.5, flag.dash))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(0, row - 10, 22, 13))
        painter.setPen(QColor(style.TEXT))
        painter.setFont(font_for(painter, 9.5))
        _text(painter, 30, row, f"{flag.badge}: {flag.legend}", 9.5, width)
        row += LEGEND_ROW
    row += 6
    lines = [(look, f"supports ({strength})") for strength, look in style.SUPPORTS_STYLES.items()]
    lines.append((style.CONFLICT_STYLE, "conflicts with"))
    for look, text in lines:
        painter.setPen(_pen(look.colour, look.width, look.dash))
        painter.drawLine(QLineF(0, row - 4, 22, row - 4))
        painter.setPen(QColor(style.TEXT))
        _text(painter, 30, row, text, 9.5, width)
        row += LEGEND_ROW


class LegendItem(_FixedItem):
    """The legend as a scene item, beside the map, for exported images."""

    def __init__(self) -> None:
        super().__init__(legend_rect())
        self.setZValue(3)

    def draw(self, painter: QPainter, small: bool) -> None:
        paint_legend(painter)


class MapScene(QGraphicsScene):
    """The scene for one layout; `cards` and `edges` index the items for the view and tests."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        # No BSP index: with 10,000 cards and 28,000 links the index took 0.5-1.3 GB and
        # most of the first paint; a fixed map is searched quickly enough without it.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setBackgroundBrush(QBrush(QColor(style.BACKGROUND)))
        self.cards: dict[str, CardItem] = {}
        self.edges: dict[LinkKey, EdgeItem] = {}
        self._edges_of: dict[str, list[EdgeItem]] = {}
        self._building: Iterator[None] | None = None
        self.layout: MapLayout | None = None
        self.legend: LegendItem | None = None
        self._dimmed: set[str] = set()
        self._hidden: set[str] = set()
        # False when a view pins the legend in its corner instead (exports show it here).
        self.show_legend = True

    def build(
        self,
        district: District,
        analysis: Analysis,
        layout: MapLayout,
        title: str | None = None,
    ) -> None:
        """Replace everything with the cards, links and regions of `layout`."""
        self.reset()
        for _ in self._build_steps(district, analysis, layout, title):
            pass

    def build_in_steps(
        self,
        district: District,
        analysis: Analysis,
        layout: MapLayout,
        done: Callable[[], None],
        budget_ms: int | None = None,
    ) -> None:
        """Build as `build` does, a slice of at most about `budget_ms` at a time between
        turns of the event loop, so that a 10,000-card map never freezes the window; then
        call `done`. A new build (or reset) abandons an unfinished one."""
        self.reset()
        budget = STEP_MS if budget_ms is None else budget_ms
        steps = self._build_steps(district, analysis, layout, None)
        self._building = steps
        clock = QElapsedTimer()

        def work() -> None:
            if self._building is not steps:
                return  # replaced by a newer build
            clock.start()
            for _ in steps:
                if clock.elapsed() >= budget:
                    QTimer.singleShot(0, work)
                    return
            self._building = None
            done()

        work()

    def _build_steps(
        self,
        district: District,
        analysis: Analysis,
        layout: MapLayout,
        title: str | None,
    ) -> Iterator[None]:
        """Make the items into an empty scene, yielding every few dozen so a caller can
        pause."""
        self.layout = layout
        heading = title if title is not None else f"{district.name}: coherence map"
        self.addItem(TitleItem(heading, layout.width))
        self.legend = LegendItem()
        self.legend.setPos(layout.width + 10, 20)
        self.legend.setVisible(self.show_legend)
        self.addItem(self.legend)
        right = layout.width + LEGEND_W
        bottom = max(layout.height, self.legend.mapRectToScene(self.legend.boundingRect()).bottom())
        self.setSceneRect(QRectF(0, -TITLE_H, right, bottom + TITLE_H + 10))
        for region in layout.regions:
            self.addItem(
                RegionItem(region.key, region.label, QRectF(region.x, region.y, region.w, region.h))
            )
        for bracket in layout.brackets:
            self.addItem(BracketItem(bracket))
        for n, edge in enumerate(layout.edges):
            item = EdgeItem(edge)
            self.edges[item.key] = item
            self._edges_of.setdefault(edge.src, []).append(item)
            self._edges_of.setdefault(edge.dst, []).append(item)
            self.addItem(item)
            if n % 50 == 49:
                yield
        for n, card in enumerate(layout.cards.values()):
            if card.id in district.items:
                card_item = CardItem(card, district, analysis, layout.today)
                card_item.hovered.connect(self._hovered)
                self.cards[card.id] = card_item
                self.addItem(card_item)
            if n % 25 == 24:
                yield
        self.apply_visibility(layout.highlight, set(), set())

    def reset(self) -> None:
        """Remove everything (the indexes first: clearing emits selectionChanged)."""
        self._building = None
        self.cards, self.edges, self._edges_of = {}, {}, {}
        self.layout, self.legend = None, None
        self.clear()

    # -- dimming -----------------------------------------------------------------------
    def apply_visibility(
        self, highlight: frozenset[str] | set[str] | None, unmatched: set[str], hide: set[str]
    ) -> None:
        """Dim cards outside `highlight` (a goal's line of sight) or in `unmatched` (filters);
        hide the cards in `hide` and their links. A link is dimmed unless both ends are lit."""
        dimmed = {
            i
            for i in self.cards
            if (highlight is not None and i not in highlight) or i in unmatched
        }
        self._dimmed, self._hidden = dimmed, set(hide)
        for item_id, card in self.cards.items():
            card.setOpacity(style.DIMMED_OPACITY if item_id in dimmed else 1.0)
            card.setVisible(item_id not in hide)
        for edge in self.edges.values():
            ends = (edge.geom.src, edge.geom.dst)
            edge.setOpacity(style.DIMMED_OPACITY if any(e in dimmed for e in ends) else 1.0)
            edge.setVisible(not any(e in hide for e in ends))

    @property
    def dimmed(self) -> set[str]:
        return set(self._dimmed)

    @property
    def hidden(self) -> set[str]:
        return set(self._hidden)

    def card_at(self, point: QPointF) -> CardItem | None:
        for item in self.items(point):
            if isinstance(item, CardItem) and item.isVisible():
                return item
        return None

    def _hovered(self, item_id: str, on: bool) -> None:
        chosen = self._selected_ids()
        for edge in self._edges_of.get(item_id, ()):
            edge.set_emphasis(on or edge.geom.src in chosen or edge.geom.dst in chosen)

    def _selected_ids(self) -> set[str]:
        return {i.item_id for i in self.selectedItems() if isinstance(i, CardItem)}

    def emphasise_selection(self) -> None:
        """Links of the selected cards are drawn heavier."""
        chosen = self._selected_ids()
        for edge in self.edges.values():
            edge.set_emphasis(edge.geom.src in chosen or edge.geom.dst in chosen)
