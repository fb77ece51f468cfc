"""A link on the map: its pen by strength (conflicts dashed), an arrow at the supported end,
and a hit area wide enough to click with a projector remote's pointer."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from coherence_planner.domain import map_style as style
from coherence_planner.domain.items import LinkKey, link_key
from coherence_planner.domain.layout import EdgeGeom
from coherence_planner.ui.map.drawing import styled_pen

ARROW = 7.0  # arrow head length in points


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
        self._pen = styled_pen(look.colour, look.width, look.dash)
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
