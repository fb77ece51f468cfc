"""A link on the map: its pen by strength (conflicts dashed), an arrow at the supported end,
and a hit area wide enough to click with a projector remote's pointer."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from coherence_planner.domain.layout import style
from coherence_planner.domain.layout.geometry import EdgeGeom
from coherence_planner.domain.model.items import LinkKey, link_key
from coherence_planner.ui.map.drawing import styled_pen

ARROW = 7.0  # arrow head length in points
# Below this many pixels an arrow head is a speck: a whole large plan in view draws the
# lines alone (painting 12,000 links at Fit was most of a 10,000-program map's first paint).
TINY_ARROW_PX = 1.5
# Enum members looked up once: each lookup is a Python call, tens of thousands per paint.
_NO_PEN = Qt.PenStyle.NoPen
_NO_BRUSH = Qt.BrushStyle.NoBrush
_ROUND_CAP = Qt.PenCapStyle.RoundCap
_ARROW_FILL = QColor(style.MUTED_TEXT)


@cache
def _pen_for(colour: str, width: float, dash: tuple[float, ...]) -> QPen:
    # One pen per look, shared (a QPen is copied on write): a large map has 28,000 links
    # in a handful of looks, and making each its own pen was a quarter of a second.
    return styled_pen(colour, width, dash)


class EdgeItem(QGraphicsPathItem):
    """A link: pen by strength (conflicts dashed), an arrow at the supported end, and a
    hit area wide enough to click with a projector remote's pointer."""

    HIT_WIDTH = 12.0

    def __init__(self, geom: EdgeGeom) -> None:
        super().__init__()
        self.geom = geom
        self.key: LinkKey = link_key(geom.kind, geom.src, geom.dst)
        self._pen, self._colour = link_pen(geom)
        path = link_path(geom)
        self.setPath(path)
        self.setPen(self._pen)
        self.setZValue(1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self._arrow: QPolygonF | None = None  # made when first drawn (see arrow_head)
        self._shape: QPainterPath | None = None  # the wide hit area, made when first asked
        pad = self.HIT_WIDTH / 2 + ARROW
        self._bounds = path.boundingRect().adjusted(-pad, -pad, pad, pad)
        self._emphasis = False
        self._overview = False

    @property
    def lines(self) -> list[QLineF]:
        """The link's segments (the overview draws them in batches: link_overview.py)."""
        return link_lines(self.geom)

    def set_overview(self, on: bool) -> None:
        """In overview (the whole of a large map in view) a link is drawn with the others
        by LinkOverview, unless it is selected or emphasised: then it draws itself, heavier,
        on top. Qt does not even call paint() on an item without contents."""
        self._overview = on
        self.update_contents()

    def update_contents(self) -> None:
        """Draw itself or leave it to the overview (also called when selected or not: the
        scene does, as overriding itemChange would cost a Python call on every change of
        every link)."""
        batched = self._overview and not (self._emphasis or self.isSelected())
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, batched)

    def _arrow_head(self) -> QPolygonF:
        if self._arrow is None:
            self._arrow = arrow_head(self.geom)
        return self._arrow

    def set_emphasis(self, on: bool) -> None:
        """Drawn heavier while one of its cards is hovered or selected."""
        if on != self._emphasis:
            self._emphasis = on
            if self._overview:
                self.update_contents()
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
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        paint_link(
            painter,
            self.path(),
            self.geom,
            (self._pen, self._colour),
            lod,
            emphasis=self._emphasis,
            selected=self.isSelected(),
            arrow=self._arrow_head,
        )


def link_pen(geom: EdgeGeom) -> tuple[QPen, QColor]:
    """The link's pen by strength (conflicts dashed) and its colour."""
    look = (
        style.CONFLICT_STYLE
        if geom.kind == "conflicts"
        else style.SUPPORTS_STYLES.get(geom.strength, style.SUPPORTS_STYLES["moderate"])
    )
    return _pen_for(look.colour, look.width, look.dash), _colour_for(look.colour)


@cache
def _colour_for(colour: str) -> QColor:
    return QColor(colour)


def link_path(geom: EdgeGeom) -> QPainterPath:
    path = QPainterPath()
    first, *rest = geom.points
    path.moveTo(*first)
    for point in rest:
        path.lineTo(*point)
    return path


def link_lines(geom: EdgeGeom) -> list[QLineF]:
    points = geom.points
    return [QLineF(x1, y1, x2, y2) for (x1, y1), (x2, y2) in itertools.pairwise(points)]


def arrow_head(geom: EdgeGeom) -> QPolygonF:
    """The arrow at the supported end (none for a conflict), worked out when first drawn:
    a large map shown whole never draws them, and 28,000 cost 0.4 s of its build."""
    if geom.kind != "supports":
        return QPolygonF()
    (x1, y1), (x2, y2) = geom.points[-2], geom.points[-1]
    angle = math.atan2(y2 - y1, x2 - x1)
    tip = QPointF(x2, y2)
    left = QPointF(x2 - ARROW * math.cos(angle - 0.4), y2 - ARROW * math.sin(angle - 0.4))
    right = QPointF(x2 - ARROW * math.cos(angle + 0.4), y2 - ARROW * math.sin(angle + 0.4))
    return QPolygonF([tip, left, right])


def paint_link(
    painter: QPainter,
    path: QPainterPath,
    geom: EdgeGeom,
    look: tuple[QPen, QColor],
    lod: float,
    *,
    emphasis: bool,
    selected: bool,
    arrow: Callable[[], QPolygonF],
) -> None:
    """A link as its item draws it, and the link field (link_overview.py) too: a halo when
    selected, heavier when emphasised, the arrow head unless it would be a speck."""
    # Antialiasing comes from the view (and the PNG export's painter), not per link.
    pen, colour = look
    if selected:
        halo = QPen(QColor(style.SKY_BLUE), pen.widthF() + 6)
        halo.setCapStyle(_ROUND_CAP)
        painter.setPen(halo)
        painter.drawPath(path)
    if emphasis or selected:
        pen = QPen(pen)
        pen.setWidthF(pen.widthF() + 1.2)
        pen.setColor(QColor(style.BLACK) if geom.kind == "supports" else colour)
    painter.setPen(pen)
    painter.setBrush(_NO_BRUSH)
    painter.drawPath(path)
    if geom.kind != "supports" or lod * ARROW < TINY_ARROW_PX:
        return
    painter.setPen(_NO_PEN)
    painter.setBrush(pen.color() if emphasis else _ARROW_FILL)
    painter.drawPolygon(arrow())
