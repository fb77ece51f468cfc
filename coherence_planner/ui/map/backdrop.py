"""What the map's cards sit among: the column bands and the orphan area with their labels,
the brackets beside competing groups, the title above the columns, and the legend beside
the map (drawn in exported images; the Map tab shows its own legend strip instead)."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF

from coherence_planner.domain.layout import style
from coherence_planner.domain.layout.geometry import Bracket
from coherence_planner.reports.map.svg import LEGEND_W, TITLE_H
from coherence_planner.ui.map.drawing import FixedItem, draw_text, font_for, styled_pen

COMPACT_LABEL = 17.0  # column and region labels at low zoom (12 points otherwise)
COMPACT_TITLE = 30.0


class RegionItem(FixedItem):
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
        draw_text(
            painter,
            self._rect.x() + 8,
            self._rect.y() + 8 + size,
            self.label,
            size,
            max(self._rect.width() - 16, 40),
        )


class BracketItem(FixedItem):
    """A bracket beside competing programs standing together, with their group's number."""

    def __init__(self, bracket: Bracket) -> None:
        super().__init__(QRectF(bracket.x - 1, bracket.y, 30, bracket.h))
        self.bracket = bracket
        self.setZValue(1.5)

    def draw(self, painter: QPainter, small: bool) -> None:
        b = self.bracket
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(styled_pen(style.ORANGE, 2.5))
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


class TitleItem(FixedItem):
    """The map's heading, above the columns (as in the SVG)."""

    def __init__(self, text: str, width: float) -> None:
        super().__init__(QRectF(0, -TITLE_H, width, TITLE_H))
        self.text = text

    def draw(self, painter: QPainter, small: bool) -> None:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(QColor(style.TEXT))
        size = COMPACT_TITLE if small else 16.0
        painter.setFont(font_for(painter, size, True))
        draw_text(painter, 24, -TITLE_H + 10 + size, self.text, size, self._rect.width() - 48)


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
    draw_text(painter, 0, 0, "Legend", 13, width)
    row = 20.0
    painter.setFont(font_for(painter, 10))
    for kind in ("goal", "strategy", "program", "policy"):
        ks = style.KIND_STYLES[kind]
        painter.setPen(QPen(QColor(ks.band), 1))
        painter.setBrush(QColor(ks.fill))
        painter.drawRect(QRectF(0, row - 10, 22, 13))
        painter.setPen(QColor(style.TEXT))
        draw_text(painter, 30, row, ks.label, 10, width)
        row += LEGEND_ROW
    row += 6
    for flag in style.FLAG_STYLES:
        painter.setPen(styled_pen(flag.colour, 2.5, flag.dash))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(0, row - 10, 22, 13))
        painter.setPen(QColor(style.TEXT))
        painter.setFont(font_for(painter, 9.5))
        draw_text(painter, 30, row, f"{flag.badge}: {flag.legend}", 9.5, width)
        row += LEGEND_ROW
    row += 6
    lines = [(look, f"supports ({strength})") for strength, look in style.SUPPORTS_STYLES.items()]
    lines.append((style.CONFLICT_STYLE, "conflicts with"))
    for look, text in lines:
        painter.setPen(styled_pen(look.colour, look.width, look.dash))
        painter.drawLine(QLineF(0, row - 4, 22, row - 4))
        painter.setPen(QColor(style.TEXT))
        draw_text(painter, 30, row, text, 9.5, width)
        row += LEGEND_ROW


class LegendItem(FixedItem):
    """The legend as a scene item, beside the map, for exported images."""

    def __init__(self) -> None:
        super().__init__(legend_rect())
        self.setZValue(3)

    def draw(self, painter: QPainter, small: bool) -> None:
        paint_legend(painter)
