"""Retreat mode in the main window: the Decisions, Scenarios, Ratings and Load tabs, a
Retreat menu and the toolbar's Present action. `install_retreat(window)` is the one call
shell/main_window.py makes, so the window's own code stays small for other branches to merge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSplitter, QWidget

from coherence_planner.ui.icons import icon
from coherence_planner.ui.retreat.decision_log import DecisionLog
from coherence_planner.ui.retreat.decision_widgets import DecisionPanel
from coherence_planner.ui.retreat.load_view import LoadView
from coherence_planner.ui.retreat.presenter import Presenter
from coherence_planner.ui.retreat.ratings import RatingsView
from coherence_planner.ui.retreat.scenarios import ScenarioView
from coherence_planner.ui.retreat.state import RetreatState

if TYPE_CHECKING:
    from coherence_planner.ui.shell.main_window import MainWindow


class Retreat:
    """The retreat views of one window, and the actions that reach them."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        session = window.session
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
        for title, widget in self.tabs.items():
            window.add_central_view(widget, title)
        self.presenter = Presenter(session, self.state, window)
        self.presenter.left.connect(window.activateWindow)

        self.present_action = QAction("&Present", window)
        self.present_action.setIcon(icon("present"))
        self.present_action.setProperty("icon_name", "present")
        self.present_action.setShortcut(QKeySequence("F5"))
        self.present_action.setToolTip("Present the retreat full screen (F5)")
        self.present_action.setStatusTip("Walk the cabinet through goals and decisions")
        self.present_action.triggered.connect(lambda _c=False: self.present())
        window.addAction(self.present_action)
        self.go_actions = []
        for n, title in enumerate(self.tabs, start=6):  # Alt+0-5 are the window's panes
            action = QAction(f"Go to {title}", window)
            action.setShortcut(QKeySequence(f"Alt+{n}"))
            action.triggered.connect(lambda _c=False, t=title: self.show_tab(t))
            window.addAction(action)
            self.go_actions.append(action)

        menu = window.menuBar().addMenu("&Retreat")
        menu.addAction(self.present_action)
        menu.addSeparator()
        menu.addActions(self.go_actions)
        help_action = next((a for a in window.menuBar().actions() if a.text() == "&Help"), None)
        if help_action is not None:  # keep Help last
            window.menuBar().insertMenu(help_action, menu)
        window.toolbar.addSeparator()
        window.toolbar.addAction(self.present_action)
        button = window.toolbar.widgetForAction(self.present_action)
        if button is not None:
            button.setAccessibleName("Present")
        session.document_changed.connect(self._update)
        self._update()

    def _update(self) -> None:
        open_ = self.window.session.is_open
        self.present_action.setEnabled(open_)
        for action in self.go_actions:
            action.setEnabled(open_)
        if not open_ and self.presenter.isVisible():
            self.presenter.close()

    def show_tab(self, title: str) -> None:
        tabs = self.window.central_tabs
        tabs.setCurrentIndex(tabs.indexOf(self.tabs[title]))

    def present(self) -> None:
        if self.window.session.is_open:
            self.presenter.enter()


def install_retreat(window: MainWindow) -> Retreat:
    return Retreat(window)
