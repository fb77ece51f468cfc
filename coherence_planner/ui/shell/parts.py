"""The main window's parts made when first shown (ui/lazy_part.py), and the names the
rest of the window and its tests reach them by (`window.map_panel`, `window.findings`, …):
asking for one by name makes it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar, cast

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from coherence_planner.ui.lazy_part import LazyPart
from coherence_planner.ui.session import DocumentSession
from coherence_planner.ui.shell.navigation import Navigation

if TYPE_CHECKING:
    from coherence_planner.ui.browse.browser import ItemBrowser
    from coherence_planner.ui.findings.overview import Overview
    from coherence_planner.ui.findings.panel import FindingsPanel
    from coherence_planner.ui.inspect.inspector import Inspector
    from coherence_planner.ui.map.map_panel import MapPanel
    from coherence_planner.ui.map.matrix import AlignmentMatrix
    from coherence_planner.ui.map.theme_matrix import ThemeMatrix
    from coherence_planner.ui.progress.indicators import IndicatorsView
    from coherence_planner.ui.progress.snapshots import SnapshotsView


W = TypeVar("W", bound=QWidget)
# A plan of more items than this has its map part made, hidden, soon after its analysis, so
# that the map is laid out ahead (MapPanel._prepare_later). The map's LIVE_REDRAW_LIMIT, not
# imported from it: that would import the map for every plan.
MAP_AHEAD_ITEMS = 1500
MAP_AHEAD_AFTER_MS = 1000  # the first findings and the overview have the machine first


class Built(Generic[W]):
    """`window.map_panel` and the like: the widget of the LazyPart named, made if need be."""

    def __init__(self, part: str) -> None:
        self.part = part

    def __get__(self, window: object, owner: type | None = None) -> W:
        lazy: LazyPart = getattr(window, self.part)
        return cast(W, lazy.widget())


class LazyParts:
    """Mixed into MainWindow, which sets these attributes and defines the two slots."""

    session: DocumentSession
    navigation: Navigation
    map_part: LazyPart
    matrix_part: LazyPart
    findings_part: LazyPart
    themes_part: LazyPart
    indicators_part: LazyPart
    snapshots_part: LazyPart
    overview_part: LazyPart
    browser_part: LazyPart
    inspector_part: LazyPart

    def _browse(self, filters: dict[str, str]) -> None:
        raise NotImplementedError  # MainWindow's

    def _fill_in(self, item_id: str, field: str) -> None:
        raise NotImplementedError  # MainWindow's

    def _card_pressed(self, key: str) -> None:
        raise NotImplementedError  # MainWindow's

    def _goal_pressed(self, goal_id: str) -> None:
        raise NotImplementedError  # MainWindow's

    def _item_activated(self) -> None:
        raise NotImplementedError  # MainWindow's

    def _make_parts(self) -> None:
        """The Overview, the Items list and the Inspector: made after the window's first
        paint, or before a plan is shown or read if that comes first (issue 29: with them,
        their analysis and storage modules, the start page painted 0.1 s later)."""
        for part in (self.overview_part, self.browser_part, self.inspector_part):
            part.widget()

    def _make_overview(self) -> QWidget:
        from coherence_planner.ui.findings.overview import Overview

        overview = Overview()
        overview.filter_requested.connect(self._card_pressed)
        overview.goal_requested.connect(self._goal_pressed)
        return overview

    def _make_browser(self) -> QWidget:
        from coherence_planner.ui.browse.browser import ItemBrowser

        browser = ItemBrowser(self.session)
        browser.view.activated.connect(lambda _index: self._item_activated())
        return browser

    def _make_inspector(self) -> QWidget:
        from coherence_planner.ui.inspect.inspector import Inspector

        return Inspector(self.session)

    def _prepare_map(self) -> None:
        """A large plan's map part made hidden after its analysis, so that the map is laid
        out while the findings are read (issue 29: at 10,000 programs the layout was most of
        the time from the Map tab's click to its paint)."""
        if self.map_part.built is not None or not self.session.is_open:
            return
        if len(self.session.district.items) > MAP_AHEAD_ITEMS:
            QTimer.singleShot(MAP_AHEAD_AFTER_MS, self._make_map_ahead)

    def _make_map_ahead(self) -> None:
        if self.map_part.built is None and self.session.is_open:
            self.map_part.widget()

    # Each maker imports its module; the widget catches up with the open plan itself.
    def _make_map_panel(self) -> QWidget:
        from coherence_planner.ui.map.map_panel import MapPanel

        panel = MapPanel(self.session)
        panel.open_item.connect(lambda _id: self.navigation.go_to_inspector())
        return panel

    def _make_matrix(self) -> QWidget:
        from coherence_planner.ui.map.matrix import AlignmentMatrix

        return AlignmentMatrix(self.session)

    def _make_findings(self) -> QWidget:
        from coherence_planner.ui.findings.panel import FindingsPanel

        findings = FindingsPanel(self.session)
        findings.browse_requested.connect(self._browse)
        findings.fill_requested.connect(self._fill_in)
        return findings

    def _make_themes(self) -> QWidget:
        from coherence_planner.ui.map.theme_matrix import ThemeMatrix

        return ThemeMatrix(self.session)

    def _make_indicators(self) -> QWidget:
        from coherence_planner.ui.progress.indicators import IndicatorsView

        return IndicatorsView(self.session)

    def _make_snapshots(self) -> QWidget:
        from coherence_planner.ui.progress.snapshots import SnapshotsView

        return SnapshotsView(self.session)

    overview: Built[Overview] = Built("overview_part")
    browser: Built[ItemBrowser] = Built("browser_part")
    inspector: Built[Inspector] = Built("inspector_part")
    map_panel: Built[MapPanel] = Built("map_part")
    matrix: Built[AlignmentMatrix] = Built("matrix_part")
    findings: Built[FindingsPanel] = Built("findings_part")
    theme_matrix: Built[ThemeMatrix] = Built("themes_part")
    indicators_view: Built[IndicatorsView] = Built("indicators_part")
    snapshots_view: Built[SnapshotsView] = Built("snapshots_part")
