"""How the analysis's flags are named and coloured in every view (browser, inspector, map)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

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


def main_flag(flags: set[str]) -> str | None:
    return next((f for f in FLAG_ORDER if f in flags), None)


def flag_colour(flag: str) -> QColor:
    return QColor(_COLOURS[flag])


def flags_text(flags: set[str]) -> str:
    return ", ".join(FLAG_LABELS[f] for f in FLAG_ORDER if f in flags)


@cache
def flag_icon(flag: str | None) -> QIcon:
    """A small dot in the flag's colour (transparent for no flag, so names line up)."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    if flag is not None:
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(flag_colour(flag))
        painter.drawEllipse(QRectF(8, 8, 16, 16))
        painter.end()
    return QIcon(pixmap)
