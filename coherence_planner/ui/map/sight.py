"""One goal's line of sight as a map that fills its frame: the presenter's goal step.

Read-only (no dragging, no selection): the room looks at it while the cabinet talks; the
Map tab is where links are edited.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QResizeEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout.pipeline import line_of_sight_layout
from coherence_planner.domain.model.district import District
from coherence_planner.ui.map.scene import MapScene


class GoalMapView(QGraphicsView):
    """Shows `show_goal`'s line of sight, refitted whenever the frame changes size."""

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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
