"""Retreat mode: the Decisions, Scenarios, Ratings and Load views and the Present action.

`Retreat` makes them; the main window places them (tabs, menu, toolbar, shortcuts), so the
retreat never needs to know the window it lives in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from coherence_planner.ui.icons import icon
from coherence_planner.ui.retreat.decision_log import DecisionLog
from coherence_planner.ui.retreat.decision_widgets import DecisionPanel
from coherence_planner.ui.retreat.load_view import LoadView
from coherence_planner.ui.retreat.ratings import RatingsView
from coherence_planner.ui.retreat.scenarios import ScenarioView
from coherence_planner.ui.retreat.state import RetreatState
from coherence_planner.ui.session import DocumentSession

if TYPE_CHECKING:
    from coherence_planner.ui.retreat.presenter import Presenter


class Retreat(QObject):
    """The retreat views of one window, and the Present action."""

    def __init__(self, session: DocumentSession, window: QMainWindow) -> None:
        super().__init__(window)
        self.session = session
        self.state = RetreatState(window)
        self.decision_panel = DecisionPanel(session, self.state)
        self.decision_log = DecisionLog(session)
        decisions = QSplitter(Qt.Orientation.Horizontal)
        decisions.addWidget(self.decision_panel)
        decisions.addWidget(self.decision_log)
        decisions.setSizes([380, 700])
        self.decisions = decisions
        self.scenarios = ScenarioView(session, self.state)
        self.ratings = RatingsView(session)
        self.load = LoadView(session)
        self.tabs: dict[str, QWidget] = {
            "Decisions": decisions,
            "Scenarios": self.scenarios,
            "Ratings": self.ratings,
            "Load": self.load,
        }
        self._window = window
        self._presenter: Presenter | None = None

        self.present_action = QAction("&Present", window)
        self.present_action.setIcon(icon("present"))
        self.present_action.setProperty("icon_name", "present")
        self.present_action.setShortcut(QKeySequence("F5"))
        self.present_action.setToolTip("Present the retreat full screen (F5)")
        self.present_action.setStatusTip("Walk the cabinet through goals and decisions")
        self.present_action.triggered.connect(lambda _c=False: self.present())
        window.addAction(self.present_action)
        session.document_changed.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.present_action.setEnabled(self.session.is_open)
        if not self.session.is_open and self._presenter is not None and self._presenter.isVisible():
            self._presenter.close()

    def present(self) -> None:
        if self.session.is_open:
            self.presenter.enter()

    @property
    def presenter(self) -> Presenter:
        """The full-screen presenter, made when first needed: it brings the map's layout
        and scene, which nothing before the window's first paint needs (issue 29)."""
        if self._presenter is None:
            from coherence_planner.ui.retreat.presenter import Presenter

            self._presenter = Presenter(self.session, self.state, self._window)
            self._presenter.left.connect(self._window.activateWindow)
        return self._presenter
