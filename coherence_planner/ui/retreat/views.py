"""Retreat mode: the Decisions, Scenarios, Ratings and Load views and the Present action.

`Retreat` makes them; the main window places them (tabs, menu, toolbar, shortcuts), so the
retreat never needs to know the window it lives in."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from coherence_planner.ui.icons import icon
from coherence_planner.ui.lazy_part import LazyPart
from coherence_planner.ui.retreat.state import RetreatState
from coherence_planner.ui.session import DocumentSession

if TYPE_CHECKING:
    from coherence_planner.ui.retreat.decision_log import DecisionLog
    from coherence_planner.ui.retreat.decision_widgets import DecisionPanel
    from coherence_planner.ui.retreat.load_view import LoadView
    from coherence_planner.ui.retreat.presenter import Presenter
    from coherence_planner.ui.retreat.ratings import RatingsView
    from coherence_planner.ui.retreat.scenarios import ScenarioView


class Retreat(QObject):
    """The retreat views of one window, and the Present action."""

    def __init__(self, session: DocumentSession, window: QMainWindow) -> None:
        super().__init__(window)
        self.session = session
        self.state = RetreatState(window)
        # Each view is made, and its module imported, when its tab is first shown or the
        # view is asked for: none shows at the window's first paint (issue 29).
        self.tabs: dict[str, QWidget] = {
            "Decisions": LazyPart(self._make_decisions),
            "Scenarios": LazyPart(self._make_scenarios),
            "Ratings": LazyPart(self._make_ratings),
            "Load": LazyPart(self._make_load),
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

    def _make_decisions(self) -> QWidget:
        from coherence_planner.ui.retreat.decision_log import DecisionLog
        from coherence_planner.ui.retreat.decision_widgets import DecisionPanel

        decisions = QSplitter(Qt.Orientation.Horizontal)
        decisions.addWidget(DecisionPanel(self.session, self.state))
        decisions.addWidget(DecisionLog(self.session))
        decisions.setSizes([380, 700])
        return decisions

    def _make_scenarios(self) -> QWidget:
        from coherence_planner.ui.retreat.scenarios import ScenarioView

        return ScenarioView(self.session, self.state)

    def _make_ratings(self) -> QWidget:
        from coherence_planner.ui.retreat.ratings import RatingsView

        return RatingsView(self.session)

    def _make_load(self) -> QWidget:
        from coherence_planner.ui.retreat.load_view import LoadView

        return LoadView(self.session)

    def _built(self, tab: str) -> QWidget:
        part = self.tabs[tab]
        assert isinstance(part, LazyPart)
        return part.widget()

    @property
    def decisions(self) -> QSplitter:
        return cast(QSplitter, self._built("Decisions"))

    @property
    def decision_panel(self) -> DecisionPanel:
        return cast("DecisionPanel", self.decisions.widget(0))

    @property
    def decision_log(self) -> DecisionLog:
        return cast("DecisionLog", self.decisions.widget(1))

    @property
    def scenarios(self) -> ScenarioView:
        return cast("ScenarioView", self._built("Scenarios"))

    @property
    def ratings(self) -> RatingsView:
        return cast("RatingsView", self._built("Ratings"))

    @property
    def load(self) -> LoadView:
        return cast("LoadView", self._built("Load"))

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
