"""How the analysis's flags are named and coloured in every view (browser, inspector, map)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

# Most serious first: an item shows the colour of its first flag in this order.
FLAG_ORDER = ("removal", "orphan", "conflict", "not-kept", "competing", "unsupported", "kept")

FLAG_LABELS = {
    "orphan": "Orphan",
    "unsupported": "Unsupported goal",
    "conflict": "In conflict",
    "competing": "Competing",
    "kept": "Kept",
    "not-kept": "Not kept",
    "removal": "Removal candidate",
}

_COLOURS = {
    "removal": "#c0392b",
    "orphan": "#d35400",
    "conflict": "#8e44ad",
    "not-kept": "#b9770e",
    "competing": "#b9770e",
    "unsupported": "#c0392b",
    "kept": "#1e8449",
}


# A shape per flag as well as a colour, so no one needs to tell colours apart (two pairs
# share one); the legend under the Items list writes the same shapes as characters.
_SHAPES = {
    "removal": "✖",
    "orphan": "○",
    "conflict": "◆",
    "not-kept": "▼",
    "competing": "■",
    "unsupported": "▲",
    "kept": "●",
}


def main_flag(flags: set[str]) -> str | None:
    return next((f for f in FLAG_ORDER if f in flags), None)


def flag_colour(flag: str) -> QColor:
    return QColor(_COLOURS[flag])


def flags_text(flags: set[str]) -> str:
    return ", ".join(FLAG_LABELS[f] for f in FLAG_ORDER if f in flags)


def legend_html() -> str:
    """Every flag's shape in its colour, and its name: the key to the Items list's marks."""
    return " &nbsp; ".join(
        f'<span style="color: {_COLOURS[f]};">{_SHAPES[f]}</span>&nbsp;{FLAG_LABELS[f]}'
        for f in FLAG_ORDER
    )


def _shape(flag: str) -> QPainterPath:
    """The flag's mark in a 32 px square (the same shapes as the legend's characters)."""
    path = QPainterPath()
    shape = _SHAPES[flag]
    if shape in ("○", "●"):
        path.addEllipse(QRectF(8, 8, 16, 16))
    elif shape == "■":
        path.addRect(QRectF(9, 9, 14, 14))
    elif shape == "◆":
        path.addPolygon(
            QPolygonF([QPointF(16, 6), QPointF(26, 16), QPointF(16, 26), QPointF(6, 16)])
        )
    elif shape == "▲":
        path.addPolygon(QPolygonF([QPointF(16, 7), QPointF(26, 25), QPointF(6, 25)]))
    elif shape == "▼":
        path.addPolygon(QPolygonF([QPointF(6, 7), QPointF(26, 7), QPointF(16, 25)]))
    else:  # ✖
        path.moveTo(9, 9)
        path.lineTo(23, 23)
        path.moveTo(23, 9)
        path.lineTo(9, 23)
    path.closeSubpath()
    return path


@cache
def flag_icon(flag: str | None) -> QIcon:
    """A small mark in the flag's colour and shape (transparent for no flag, so names line
    up)."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    if flag is not None:
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = flag_colour(flag)
        if _SHAPES[flag] in ("✖", "○"):  # drawn as lines
            pen = QPen(colour)
            pen.setWidthF(4)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
        painter.drawPath(_shape(flag))
        painter.end()
    return QIcon(pixmap)
