"""The links of a large map shown whole, drawn once into an image at the view's zoom.

At Fit a 10,000-program map is about 5%: its 28,000 links are 100,000 antialiased segments,
and drawing them was most of the Map tab's first paint (0.4-0.9 s on a busy 2-core machine,
issue 29) and of every repaint after it (a hovered card, a scroll). The links are far more
than the pixels they cover, so the overview draws them once into an image at the zoom and
device pixel ratio the view will show, and blits it.

PySide6 keeps the GIL while QPainter draws, so a worker thread would freeze the window just
the same: the picture is drawn on the GUI thread, a slice at a time between turns of the
event loop, while the Map tab is still hidden (map_panel.py builds a large map ahead). The
lines are drawn exactly as the overview draws them, onto a transparent image that is then
drawn over the regions: painting "over" is associative, so the screen is the same.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QImage, QPainter, QPen, QTransform

from coherence_planner.domain.layout import style

# Larger than this many pixels (48 MB) the links are drawn directly instead: the image is
# the map's whole extent at the zoom, and zoomed in towards OVERVIEW_BELOW it would grow to
# hundreds of megabytes. A 10,000-program map fitted at 1920x1080 is about 6 million.
MAX_PIXELS = 12_000_000
LINES_PER_STEP = 500  # 10-50 ms of drawing (busy machine) between two looks at the clock

Batch = tuple[QPen, bool, list[QLineF]]  # pen, dimmed, lines (as link_overview.py makes them)


def draw_lines(painter: QPainter, batch: Batch) -> None:
    """One batch's lines, dimmed or not (the overview's way of drawing them)."""
    pen, dimmed, lines = batch
    painter.setOpacity(style.DIMMED_OPACITY if dimmed else 1.0)
    painter.setPen(pen)
    painter.drawLines(lines)


class LinkPicture:
    """The links of `extent` (scene points) drawn at `zoom` for a device of `ratio` pixels
    per logical pixel; `draw_steps` draws it a slice at a time, `blit` shows it."""

    def __init__(self, extent: QRectF, zoom: float, ratio: float) -> None:
        # The corner on a device pixel: the view's translation is whole pixels (it scrolls
        # by them), so the picture then lies on the screen's pixel grid, as the lines would.
        scale = zoom * ratio
        left, top = math.floor(extent.left() * scale), math.floor(extent.top() * scale)
        right, bottom = math.ceil(extent.right() * scale), math.ceil(extent.bottom() * scale)
        self.extent = QRectF(
            left / scale, top / scale, (right - left) / scale, (bottom - top) / scale
        )
        self.zoom = zoom
        self.ratio = ratio
        width, height = right - left + 1, bottom - top + 1
        self.image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        self.image.setDevicePixelRatio(ratio)
        self.image.fill(0)
        self.done = False

    @staticmethod
    def fits(extent: QRectF, zoom: float, ratio: float) -> bool:
        scale = zoom * ratio
        return extent.width() * scale * extent.height() * scale <= MAX_PIXELS

    def draw_steps(self, batches: list[Batch]) -> Iterator[None]:
        """Draw the lines into the image, yielding between slices of LINES_PER_STEP; `done`
        once whole. A painter is opened for each slice, so an unfinished picture holds none."""
        for pen, dimmed, lines in batches:
            for start in range(0, len(lines), LINES_PER_STEP):
                painter = QPainter(self.image)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)  # as the view draws
                painter.setTransform(self._transform())
                draw_lines(painter, (pen, dimmed, lines[start : start + LINES_PER_STEP]))
                painter.end()
                yield
        self.done = True

    def _transform(self) -> QTransform:
        """Scene points to the image's logical pixels: the extent's corner at 0, 0."""
        transform = QTransform()
        transform.scale(self.zoom, self.zoom)
        transform.translate(-self.extent.left(), -self.extent.top())
        return transform

    def blit(self, painter: QPainter) -> bool:
        """Draw the picture if it is whole and of the painter's zoom, device pixel ratio and
        pixel grid (scrolling keeps the grid, zooming does not); False if not."""
        if not self.done:
            return False
        world = painter.worldTransform()
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        if (
            not world.isScaling()
            or world.isRotating()
            or abs(world.m11() - self.zoom) > 1e-9
            or abs(world.m22() - self.zoom) > 1e-9
            or abs(ratio - self.ratio) > 1e-9
        ):
            return False
        corner = world.map(self.extent.topLeft())
        x, y = round(corner.x() * self.ratio), round(corner.y() * self.ratio)
        if abs(corner.x() * self.ratio - x) > 0.01 or abs(corner.y() * self.ratio - y) > 0.01:
            return False  # between device pixels: the lines would be resampled, blurred
        painter.save()
        painter.resetTransform()
        painter.setOpacity(1.0)
        painter.drawImage(QPointF(x / self.ratio, y / self.ratio), self.image)
        painter.restore()
        return True
