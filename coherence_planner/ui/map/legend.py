"""The map's legend as a strip above the map: it takes its own rows, so it never covers a
card, and it folds away (Legend button) when the screen is short of room."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from coherence_planner.domain.layout import style
from coherence_planner.ui.map.flow import FlowLayout

SWATCH = (22, 14)


def _pen(colour: str, width: float, dash: tuple[float, ...] = ()) -> QPen:
    pen = QPen(QColor(colour), width)
    if dash:
        pen.setDashPattern([max(v / width, 0.1) for v in dash])
    return pen


def _swatch(
    draw: str, colour: str, fill: str = "", width: float = 2.0, dash: tuple[float, ...] = ()
) -> QPixmap:
    pixmap = QPixmap(*SWATCH)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(_pen(colour, width, dash))
    if draw == "line":
        painter.drawLine(QLineF(1, SWATCH[1] / 2, SWATCH[0] - 1, SWATCH[1] / 2))
    else:
        painter.setBrush(QColor(fill) if fill else Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(1.5, 1.5, SWATCH[0] - 3, SWATCH[1] - 3))
    painter.end()
    return pixmap


def legend_entries() -> list[tuple[QPixmap, str]]:
    """Every fill, border, bracket and line the map uses, with what it means."""
    entries = [
        (
            _swatch("box", style.KIND_STYLES[k].band, style.KIND_STYLES[k].fill, 1.2),
            style.KIND_STYLES[k].label,
        )
        for k in ("goal", "strategy", "program", "policy")
    ]
    entries += [
        (_swatch("box", f.colour, width=2.5, dash=f.dash), f"{f.badge}: {f.legend}")
        for f in style.FLAG_STYLES
    ]
    entries.append(
        (_swatch("line", style.ORANGE, width=2.5), "#n bracket: competing programs side by side")
    )
    entries += [
        (_swatch("line", look.colour, width=look.width, dash=look.dash), f"supports ({strength})")
        for strength, look in style.SUPPORTS_STYLES.items()
    ]
    look = style.CONFLICT_STYLE
    entries.append(
        (_swatch("line", look.colour, width=look.width, dash=look.dash), "conflicts with")
    )
    return entries


class LegendStrip(QWidget):
    """The legend's entries in rows as wide as the map."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Map legend")
        flow = FlowLayout(self, spacing=14)
        entries = legend_entries()
        for pixmap, text in entries:
            entry = QWidget()
            row = QHBoxLayout(entry)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(5)
            swatch = QLabel()
            swatch.setPixmap(pixmap)
            words = QLabel(text)
            row.addWidget(swatch)
            row.addWidget(words)
            flow.addWidget(entry)
        self.texts = [text for _, text in entries]
