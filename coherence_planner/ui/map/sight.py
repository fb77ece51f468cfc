"""One goal's line of sight as a map that fills its frame: the presenter's goal step.

Read-only (no dragging, no selection): the room looks at it while the cabinet talks; the
Map tab is where links are edited. A map whose text would be too small to read from the room
(4 px at 1280x720) is decoration: `legible()` says so, and the presenter gives its place to
the words.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QResizeEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout.geometry import NAME_TEXT
from coherence_planner.domain.layout.pipeline import line_of_sight_layout
from coherence_planner.domain.model.district import District
from coherence_planner.ui.map.card_item import COMPACT_SIZES
from coherence_planner.ui.map.drawing import COMPACT_BELOW
from coherence_planner.ui.map.scene import MapScene

LEGIBLE_PX = 12.0  # the smallest text a room can read off a projector


class GoalMapView(QGraphicsView):
    """Shows `show_goal`'s line of sight, refitted whenever the frame changes size;
    `legibility` says, after each fit, whether its text can be read."""

    legibility = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        self.map_scene = MapScene()
        super().__init__(self.map_scene, parent)
        self.map_scene.setParent(self)
        self.map_scene.show_legend = False
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setInteractive(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Line of sight map")
        self.goal = ""

    def show_goal(self, district: District, analysis: Analysis, goal_id: str) -> None:
        layout = line_of_sight_layout(district, analysis, goal_id, today=dt.date.today())
        self.map_scene.build(district, analysis, layout, title="")
        self.goal = goal_id
        self._fit()

    def _fit(self) -> None:
        layout = self.map_scene.layout
        if layout is not None:
            self.fitInView(0, 0, layout.width, layout.height, Qt.AspectRatioMode.KeepAspectRatio)

    def text_px(self) -> float:
        """The height on screen, in pixels, of the smallest name text the map draws now."""
        scale = self.transform().m11()
        if scale < COMPACT_BELOW:  # zoomed out: names only, COMPACT_SIZES at the smallest
            return scale * COMPACT_SIZES[-1]
        return scale * min(text.size for text in NAME_TEXT.values())

    def legible(self) -> bool:
        return self.text_px() >= LEGIBLE_PX

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
        # After the layout pass: hiding the map inside it would resize it again.
        QTimer.singleShot(0, self, lambda: self.legibility.emit(self.legible()))
