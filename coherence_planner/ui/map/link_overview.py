"""Every link of the map drawn by one scene item, from the layout's polylines.

A 10,000-program map has 28,000 links: one QGraphicsItem each was half of the scene's build
and memory (issue 29). The field draws every link that is not a scene item; the scene makes
a link an item only when it is clicked or selected (scene.py), and the field then leaves it
to the item. A link emphasised (its card hovered or selected) is drawn heavier, on top.

Below `OVERVIEW_BELOW` (the scene's overview) the lines are drawn in a few batches, one per
pen and dimming: at Fit a 10,000-program map is drawn at about 5%, its links hairlines
without arrow heads, and one call per link was two thirds of the first paint. In overview
the link items draw themselves only when selected or emphasised (edge_item.py), so the
batches hold every shown link. Their picture at the zoom a large map is first shown at is
drawn ahead into an image (link_picture.py), which each paint then blits.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from functools import partial

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from coherence_planner.domain.layout import style
from coherence_planner.domain.layout.geometry import EdgeGeom
from coherence_planner.ui.map.edge_item import (
    ARROW,
    EdgeItem,
    arrow_head,
    link_lines,
    link_path,
    link_pen,
    paint_link,
)
from coherence_planner.ui.map.link_picture import Batch, LinkPicture, draw_lines

# The zoom below which links are drawn in batches: an arrow head (7 pt) is then under
# 1.5 px, so nothing the single-link drawing adds can be seen. A sample district at Fit on a
# laptop is about 26%, above it.
OVERVIEW_BELOW = 0.2
PAD = EdgeItem.HIT_WIDTH / 2 + ARROW  # a link's reach beyond its points (its item's bounds)


class LinkOverview(QGraphicsItem):
    """Draws the links that are not scene items (in overview, the lines of every shown
    link), dimmed and hidden as the scene says."""

    def __init__(self, edges: list[EdgeGeom], bounds: QRectF) -> None:
        super().__init__()
        self.geoms = edges
        self._bounds = bounds
        self._arrows: dict[int, QPolygonF] = {}
        # Each link's segments, pen and box, made in slices while the map is built
        # (lines_ahead): made all at once, they froze the window for 0.3-0.5 s.
        self._lines: list[list[QLineF]] = []
        self._looks: list[tuple[QPen, QColor]] = []
        self._boxes: list[tuple[float, float, float, float]] = []
        self._whole = False  # every link's segments, pen and box made
        self.items: set[int] = set()  # indexes of the links drawn by their own items
        self.dimmed: set[int] = set()
        self.hidden: set[int] = set()
        self.emphasised: set[int] = set()
        self.overview = False
        self._batches: list[Batch] | None = None  # worked out on the first paint
        # The batches drawn ahead at the zoom the map will be shown at (picture_steps).
        self.picture: LinkPicture | None = None
        self.setZValue(1)  # with the links: above the regions, below the cards
        # Only a picture: the view finds the link under a click and makes it an item.
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()  # (the whole scene, by default: it hid every link from clicks)

    def forget(self) -> None:
        """The links shown or dimmed changed: work the batches out again when next drawn."""
        self._batches = None
        self.picture = None
        self.update()

    def lines_ahead(self, count: int) -> bool:
        """Make the segments, pens and boxes of `count` more links; False once every link
        has them."""
        start = len(self._lines)
        made = self.geoms[start : start + count]
        self._lines.extend(link_lines(geom) for geom in made)
        self._looks.extend(link_pen(geom) for geom in made)
        self._boxes.extend(_box(geom) for geom in made)
        return len(self._lines) < len(self.geoms)

    def _made(self) -> None:
        """Every link's segments, pen and box made (the map is whole)."""
        if not self._whole:
            while self.lines_ahead(len(self.geoms)):
                pass
            self._whole = True

    def box(self, n: int) -> QRectF:
        """Where the link is drawn (its item's bounds)."""
        self._made()
        left, top, right, bottom = self._boxes[n]
        return QRectF(left, top, right - left, bottom - top)

    def emphasise(self, wanted: set[int]) -> None:
        """Draw these links heavier: only where they are, or were, is drawn again."""
        changed = wanted ^ self.emphasised
        self.emphasised = wanted
        if changed:
            self._made()
            xs1, ys1, xs2, ys2 = zip(*(self._boxes[n] for n in changed), strict=True)
            self.update(QRectF(min(xs1), min(ys1), max(xs2) - min(xs1), max(ys2) - min(ys1)))

    def near(self, x: float, y: float, reach: float) -> int | None:
        """The index of the shown link nearest the point within `reach`, if any; of two as
        near (where they cross), the one drawn last, on top."""
        found, best = None, reach
        for n in self._meeting(x, y, x, y):
            if n not in self.hidden:
                distance = _distance(self.geoms[n], x, y)
                if distance <= best:
                    found, best = n, distance
        return found

    def _meeting(self, left: float, top: float, right: float, bottom: float) -> list[int]:
        """The links whose box meets the rectangle, in the order they are drawn."""
        self._made()
        return [
            n
            for n, (x1, y1, x2, y2) in enumerate(self._boxes)
            if x1 <= right and x2 >= left and y1 <= bottom and y2 >= top
        ]

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if self.overview:
            if self.picture is None or not self.picture.blit(painter):
                for batch in self.batches():
                    draw_lines(painter, batch)
            shown = sorted(self.emphasised - self.items - self.hidden)
        else:
            exposed = option.exposedRect
            skip = self.items | self.hidden
            plain = [
                n
                for n in self._meeting(
                    exposed.left(), exposed.top(), exposed.right(), exposed.bottom()
                )
                if n not in skip
            ]
            emphasised = self.emphasised
            shown = [n for n in plain if n not in emphasised]
            shown += [n for n in plain if n in emphasised]  # on top
        for n in shown:
            painter.setOpacity(style.DIMMED_OPACITY if n in self.dimmed else 1.0)
            geom = self.geoms[n]
            paint_link(
                painter,
                link_path(geom),
                geom,
                self._looks[n],
                lod,
                emphasis=n in self.emphasised,
                selected=False,
                arrow=partial(self._arrow, n),
            )
        painter.setOpacity(1.0)

    def batches(self) -> list[Batch]:
        """The overview's lines in batches, worked out when first asked for."""
        if self._batches is None:
            self._made()
            self._batches = _batches(self.geoms, self._looks, self._lines, self.dimmed, self.hidden)
        return self._batches

    def picture_steps(self, zoom: float, ratio: float) -> Iterator[None]:
        """Draw the overview's picture at `zoom` on a device of `ratio`, yielding between
        slices; nothing if it would be too large, or is already drawn. Showing or dimming
        other links (forget) abandons it."""
        old = self.picture
        if not self.geoms or (
            old is not None and old.done and (old.zoom, old.ratio) == (zoom, ratio)
        ):
            return  # (a map shown as planned asks again; one half drawn is drawn anew)
        self._made()
        xs1, ys1, xs2, ys2 = zip(*self._boxes, strict=True)
        extent = QRectF(min(xs1), min(ys1), max(xs2) - min(xs1), max(ys2) - min(ys1))
        if not LinkPicture.fits(extent, zoom, ratio):
            return
        picture = self.picture = LinkPicture(extent, zoom, ratio)
        for _ in picture.draw_steps(self.batches()):
            if self.picture is not picture:
                return  # forgotten meanwhile
            yield
        self.update()

    def _arrow(self, n: int) -> QPolygonF:
        arrow = self._arrows.get(n)
        if arrow is None:
            arrow = self._arrows[n] = arrow_head(self.geoms[n])
        return arrow


def _box(geom: EdgeGeom) -> tuple[float, float, float, float]:
    xs = [x for x, _y in geom.points]
    ys = [y for _x, y in geom.points]
    return (min(xs) - PAD, min(ys) - PAD, max(xs) + PAD, max(ys) + PAD)


def _distance(geom: EdgeGeom, x: float, y: float) -> float:
    """From the point to the nearest segment of the link."""
    best = float("inf")
    points = geom.points
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        dx, dy = x2 - x1, y2 - y1
        span = dx * dx + dy * dy
        t = 0.0 if span == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / span))
        px, py = x1 + t * dx - x, y1 + t * dy - y
        best = min(best, (px * px + py * py) ** 0.5)
    return best


def _batches(
    geoms: list[EdgeGeom],
    looks: list[tuple[QPen, QColor]],
    lines: list[list[QLineF]],
    dimmed: set[int],
    hidden: set[int],
) -> list[Batch]:
    """The shown links' lines, grouped by pen and by whether they are dimmed."""
    groups: dict[tuple[str, str, bool], Batch] = {}
    for n, geom in enumerate(geoms):
        if n in hidden:
            continue  # hidden by the filters
        faded = n in dimmed
        key = (geom.kind, geom.strength, faded)
        batch = groups.get(key)
        if batch is None:
            batch = groups[key] = (looks[n][0], faded, [])
        batch[2].extend(lines[n])
    # Dimmed links first, so the lit ones are drawn over them.
    return sorted(groups.values(), key=lambda batch: not batch[1])
