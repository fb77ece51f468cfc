"""Every link of a large map drawn as one item while the whole map is in view.

At Fit a 10,000-program map is drawn at about 5%: its 28,000 links are hairlines without
arrow heads, yet painting them one QGraphicsItem at a time was two thirds of the first paint
(0.25 s of 0.34 s: a Python call, a pen and a path each, and Qt visiting every item). Below
`OVERVIEW_BELOW` the scene switches to overview: the link items stop drawing (Qt skips items
flagged ItemHasNoContents without a call) and this item draws their lines in a few batches,
one per pen, dimmed ones at the dimmed opacity. A link that is selected or emphasised (its
card hovered or selected) still draws itself, heavier, on top.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from coherence_planner.domain.layout import style
from coherence_planner.ui.map.edge_item import EdgeItem

# The zoom below which links are drawn in batches: an arrow head (7 pt) is then under
# 1.5 px, so nothing the single-link drawing adds can be seen. A sample district at Fit on a
# laptop is about 26%, above it.
OVERVIEW_BELOW = 0.2

Batch = tuple[QPen, bool, list[QLineF]]  # pen, dimmed, lines


class LinkOverview(QGraphicsItem):
    """Draws the lines of every shown link while the scene is in overview."""

    def __init__(self, edges: list[EdgeItem], bounds: QRectF) -> None:
        super().__init__()
        self._edges = edges
        self._bounds = bounds
        self._batches: list[Batch] | None = None  # worked out on the first paint
        self.setZValue(1)  # with the links: above the regions, below the cards
        self.setVisible(False)
        # Only a picture: clicks, hovers and itemAt() find the links and cards under it.
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()  # (the whole scene, by default: it hid every link from clicks)

    def forget(self) -> None:
        """The links shown or dimmed changed: work the batches out again when next drawn."""
        self._batches = None
        if self.isVisible():
            self.update()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        if self._batches is None:
            self._batches = _batches(self._edges)
        for pen, dimmed, lines in self._batches:
            painter.setOpacity(style.DIMMED_OPACITY if dimmed else 1.0)
            painter.setPen(pen)
            painter.drawLines(lines)
        painter.setOpacity(1.0)


def _batches(edges: list[EdgeItem]) -> list[Batch]:
    """The shown links' lines, grouped by pen and by whether they are dimmed."""
    groups: dict[tuple[str, str, bool], Batch] = {}
    for edge in edges:
        if not edge.isVisible():
            continue  # hidden by the filters
        dimmed = edge.opacity() < 1.0
        key = (edge.geom.kind, edge.geom.strength, dimmed)
        batch = groups.get(key)
        if batch is None:
            batch = groups[key] = (edge.pen(), dimmed, [])
        batch[2].extend(edge.lines)
    # Dimmed links first, so the lit ones are drawn over them.
    return sorted(groups.values(), key=lambda batch: not batch[1])
