"""How the map's scene items draw: fonts sized in scene points, pens with the style's dashes,
elided and wrapped text, and the zoom below which items switch to large, name-only text.

Shared by the cards, the links and the backdrop (regions, brackets, title, legend), so that
all of them draw text and lines the same way `reports/map/svg.py` writes them.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

FONT_FAMILY = "Helvetica"  # falls back to Arial / the system sans, like the SVG's list
# Below this zoom a card's 11-point name is too small to read from the back of a room, so
# cards draw only their name, as large as the card allows (level of detail); the border,
# fill and band still carry kind and flags, and the tooltip and inspector the rest.
COMPACT_BELOW = 0.75


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


def styled_pen(colour: str, width: float, dash: tuple[float, ...] = ()) -> QPen:
    result = QPen(QColor(colour), width)
    if dash:
        # Qt counts dash lengths in pen widths; the style gives them in points.
        result.setDashPattern([max(v / width, 0.1) for v in dash])
    result.setCapStyle(Qt.PenCapStyle.FlatCap)
    result.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return result


def draw_text(painter: QPainter, x: float, y: float, text: str, size: float, width: float) -> None:
    """Draw `text` with its baseline at y, elided to `width` (names never spill)."""
    font = font_for(painter, size, painter.font().bold())
    painter.setFont(font)
    shown = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
    painter.drawText(QPointF(x, y), shown)


def fit_lines(name: str, metrics: QFontMetricsF, box: QRectF, leading: float = 0.0) -> str:
    """`name` wrapped to the box's width in as many lines `leading` apart (default: the
    font's own line spacing) as its height holds, the last line cut short with an ellipsis
    when the name needs more."""
    lines: list[str] = []
    words = name.split()
    room = max(1, int(box.height() // (leading or metrics.lineSpacing())))
    while words and len(lines) < room:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(line + " " + words[0]) <= box.width():
            line += " " + words.pop(0)
        # A word wider than the card (a long hyphenated name) is shortened, not spilled.
        lines.append(metrics.elidedText(line, Qt.TextElideMode.ElideRight, box.width()))
    if words:
        rest = " ".join([lines.pop(), *words]) if lines else " ".join(words)
        lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, box.width()))
    return "\n".join(lines)


class FixedItem(QGraphicsItem):
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
