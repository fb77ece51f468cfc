"""The Map tab: the coherence map with its tool bar and filter bar (toolbar.py), a strip for
editing the selected link (editing.py), goal focus, find, and export.

Edits go through the session as domain commands (editing.py), so they are undoable and every
other view follows; the map redraws itself when the analysis that follows an edit is ready,
keeping zoom, scroll and selection.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QVBoxLayout, QWidget

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout.geometry import MapLayout, line_of_sight
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.reports.map.svg import write_svg
from coherence_planner.ui.browse.filter_combos import set_choices
from coherence_planner.ui.browse.model import Filters, matches
from coherence_planner.ui.errors import USER_ERRORS, explain
from coherence_planner.ui.map.editing import MapEditor
from coherence_planner.ui.map.export import write_png
from coherence_planner.ui.map.filtering import unmatched
from coherence_planner.ui.map.layout_runner import LayoutRunner
from coherence_planner.ui.map.legend import LegendStrip
from coherence_planner.ui.map.link_overview import OVERVIEW_BELOW
from coherence_planner.ui.map.room import MapRoom
from coherence_planner.ui.map.scene import MapScene
from coherence_planner.ui.map.toolbar import WHOLE_MAP, MapFilterBar, MapToolbar
from coherence_planner.ui.map.view import MapView, layout_rect
from coherence_planner.ui.session import DocumentSession

EXPORT_ERRORS: tuple[type[Exception], ...] = (*USER_ERRORS, OSError)
# Above this many items the visible map is redrawn when asked (Refresh Map), not after
# every edit: laying out and drawing 10,000 cards would freeze the window on each edit.
LIVE_REDRAW_LIMIT = 1500
# A plan that large is laid out ahead, while the tab is hidden, this long after its first
# analysis (issue 29: the layout of 10,000 programs was most of the time from the Map tab's
# click to its paint); the wait leaves the first findings and the overview the machine.
PREPARE_AFTER_MS = 1000


class MapPanel(QWidget):
    """The map, its tools and its edge strip, bound to one session."""

    _stale = False
    _was_shown = False

    open_item = Signal(str)  # the user asked to edit this item (Enter, double-click)

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.scene = MapScene(self)
        self.view = MapView(self.scene)
        self.runner = LayoutRunner(self)
        self.layout_: MapLayout | None = None
        self.district_shown: District | None = None
        self.analysis_shown: Analysis | None = None
        self._syncing = False
        self._fitted = False
        # A layout made ahead while hidden, with the district and analysis it was made from.
        self._prepared: tuple[District, Analysis, MapLayout] | None = None
        # The prepared layout the scene is built from ahead, while hidden; whether that
        # build is whole; and whether a showing waits for it.
        self._ahead: tuple[District, Analysis, MapLayout] | None = None
        self._ahead_whole = False
        self._show_when_built = False

        self.toolbar = MapToolbar(self, self.view)
        tools = self.toolbar
        tools.refresh_action.setToolTip(
            f"Redraw the map with the latest edits (Ctrl+R); plans of more than "
            f"{LIVE_REDRAW_LIMIT:,} items are redrawn only when asked"
        )
        self.room = MapRoom(self, tools.panels_action, "map")
        self.filter_bar = MapFilterBar()
        self.status = self.filter_bar.status
        self.editor = MapEditor(session, self.view, self._say, self)
        self.edge_strip = self.editor.strip
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(tools)
        outer.addWidget(self.filter_bar)
        self.legend = LegendStrip()
        self.legend.setVisible(tools.legend_action.isChecked())
        tools.legend_action.toggled.connect(self.legend.setVisible)
        outer.addWidget(self.legend)
        outer.addWidget(self.edge_strip)
        outer.addWidget(self.view, 1)

        tools.focus.currentIndexChanged.connect(lambda _i: self._focus_changed())
        tools.search.returnPressed.connect(lambda: self.jump_to(tools.search.text()))
        tools.refresh_action.triggered.connect(lambda _c=False: self.refresh_map())
        tools.export_action.triggered.connect(lambda _c=False: self.export())
        self.filter_bar.changed.connect(self.apply_visibility)
        self.view.link_requested.connect(self.editor.add_link)
        self.view.open_requested.connect(self._open)
        self.view.delete_requested.connect(self.editor.delete_selected)
        self.view.zoom_changed.connect(tools.show_zoom)
        self.scene.selectionChanged.connect(self._scene_selection)
        self.runner.ready.connect(self._show_layout)
        self.runner.started.connect(lambda: self.status.setText("Updating map…"))
        session.document_changed.connect(self._document_changed)
        session.analysis_ready.connect(self._analysis_ready)
        session.selection_changed.connect(self._session_selection)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(6000)
        self._status_timer.timeout.connect(self._clear_status)
        self._document_changed()

    # -- session -> map ----------------------------------------------------------------
    def _document_changed(self) -> None:
        self.runner.cancel()
        self._prepared = self._ahead = None
        self._ahead_whole = self._show_when_built = False
        self.scene.reset()  # abandons a build in steps, whose end would paint again:
        self.view.viewport().setUpdatesEnabled(True)
        self.layout_ = None
        self.district_shown = None
        self._fitted = False
        self.edge_strip.hide()
        self._fill_lists()
        if self.session.is_open and self.session.analysis is not None:
            self._analysis_ready(self.session.analysis)

    def _analysis_ready(self, analysis: Analysis) -> None:
        if not self.session.is_open:
            return
        if not self.isVisible():
            # A hidden map only notes that it is stale: laying out and drawing 10,000
            # cards after every edit froze the window for seconds (benchmarks/ui_freeze.py).
            self._stale = True
            self._prepare_later()
            return
        if self.scene.cards and len(self.session.district.items) > LIVE_REDRAW_LIMIT:
            self._stale = True
            self.toolbar.refresh_action.setEnabled(True)
            self.toolbar.refresh_button.setVisible(True)
            self._status_timer.stop()
            self.status.setText("The plan has changed: Refresh Map (Ctrl+R) to redraw it")
            return
        self._redraw(analysis)

    def refresh_map(self) -> None:
        """Redraw now (large plans are redrawn on request only)."""
        if self.session.is_open and self.session.analysis is not None:
            self._redraw(self.session.analysis)

    def _redraw(self, analysis: Analysis) -> None:
        self._fresh()
        self.runner.request(self.session.district, analysis)

    def _fresh(self) -> None:
        self._stale = False
        self.toolbar.refresh_action.setEnabled(False)
        self.toolbar.refresh_button.setVisible(False)
        self._fill_lists()

    def _prepare_later(self) -> None:
        """A large plan's first map, laid out in the background while the tab is hidden,
        so that showing it only builds and paints the scene; once per plan opened (after
        an edit a large map is redrawn when asked anyway)."""
        if self.scene.cards or self.layout_ is not None or self._prepared is not None:
            return
        if len(self.session.district.items) > LIVE_REDRAW_LIMIT and not self.runner.busy:
            QTimer.singleShot(PREPARE_AFTER_MS, self._prepare)

    def _prepare(self) -> None:
        session = self.session
        if self.isVisible() or self.runner.busy or self.scene.cards or self._prepared:
            return
        if session.is_open and session.analysis is not None:
            self.runner.request(session.district, session.analysis)

    def _show_prepared(self) -> None:
        """Shown: the layout made ahead if it is of the analysis shown now, else a new one.
        A large map's scene was built from it ahead, hidden: then it is only shown."""
        if not self.isVisible() or self._prepared is None:
            return
        district, analysis, layout = prepared = self._prepared
        current = self.session.is_open and analysis is self.session.analysis
        if current and self._ahead is prepared and not self._ahead_whole:
            # Shown while built ahead: painted once whole, as a build after the click is.
            self._show_when_built = True
            self.view.viewport().setUpdatesEnabled(False)
            return
        self._prepared = None
        built = self._ahead is prepared
        self._ahead = None
        if current:
            self._fresh()
            if built:
                centre = self.view.mapToScene(self.view.viewport().rect().center())
                self._finish_layout(district, analysis, layout, centre, [])
                self.view.viewport().setUpdatesEnabled(True)
                self._warm(self.view.zoom)  # done ahead, unless the view's size changed
            else:
                self._show_layout(district, analysis, layout)
        elif self._stale:
            self._redraw_if_stale()

    def _build_ahead(self, prepared: tuple[District, Analysis, MapLayout]) -> None:
        """Build a large map's scene while the tab is hidden, a slice at a time, and work out
        its first paint at the zoom it will be shown at (issue 29: building and painting
        10,000 cards and 28,000 links after the click took 1-5 s on a busy machine)."""
        district, analysis, layout = prepared
        self._ahead, self._ahead_whole = prepared, False
        self._size_as_shown()
        zoom = self._planned_zoom(layout)
        self.scene.set_overview(zoom < OVERVIEW_BELOW)

        def built() -> None:
            if self._ahead is not prepared:
                return
            self._ahead_whole = True
            if self._show_when_built:
                self._show_when_built = False
                self._show_prepared()
            else:
                self._warm(zoom)

        self.scene.build_in_steps(district, analysis, layout, built)

    def _size_as_shown(self) -> None:
        """A tab never shown has never been laid out (640x480): give it the size of the
        shown part of the window it will fill, so that the zoom planned for the map is the
        one it is shown at. A large map fills the view's width, which this gets right; the
        tab's own bar is not taken off the height (the tab widget lays out only when shown)."""
        if self._was_shown:
            return
        outer = self.parentWidget()
        while outer is not None and not outer.isVisible():
            outer = outer.parentWidget()
        layout = self.layout()
        if outer is not None and layout is not None:
            self.resize(outer.size())
            layout.activate()

    def _warm(self, zoom: float) -> None:
        """The first paint at `zoom` worked out ahead, a slice at a time (scene.py)."""
        self.scene.warm_in_steps(zoom, self.view.viewport().devicePixelRatioF(), lambda: None)

    def _planned_zoom(self, layout: MapLayout) -> float:
        """The zoom the layout will be shown at: fitted when first shown or when fitting."""
        if not self._fitted or self.view.fitting:
            rect = layout_rect(layout)
            mode = self.view.fit_mode if self._fitted else self.view.readable_mode(rect)
            return self.view.planned_zoom(rect, mode)
        return self.view.zoom

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._was_shown = True
        if self._prepared is not None:
            QTimer.singleShot(0, self._show_prepared)  # after the tab's first paint, below
        elif self._stale:
            # After the tab has been laid out and painted: a large map's layout worker
            # holds the GIL half the time, and the window's first paint of the tab, which
            # calls Python for every widget, took 0.2 s instead of 0.08 s beside it.
            QTimer.singleShot(0, self._redraw_if_stale)

    def _redraw_if_stale(self) -> None:
        # Not if hidden again meanwhile: going to the Alignment tab shows the Map page, and
        # with it this tab, for a moment; laying out and building 10,000 cards for it took
        # 1.7 s of the window's time behind the matrix.
        if not self.isVisible():
            return
        if self._stale and self.session.is_open and self.session.analysis is not None:
            self._redraw(self.session.analysis)

    def _fill_lists(self) -> None:
        district = self.session.district if self.session.is_open else None
        goals = [(g.label, g.id) for g in district.items_of("goal") if g.live] if district else []
        schools = district.school_names() if district is not None else []
        themes: set[str] = set()
        if district is not None:
            themes = {t for s in district.items_of("strategy") for t in getattr(s, "themes", [])}
        set_choices(self.toolbar.focus, goals)
        set_choices(self.filter_bar.school, [(s, s) for s in schools])
        set_choices(
            self.filter_bar.theme, sorted((vocab.THEME_LABELS.get(t, t), t) for t in themes)
        )

    def _show_layout(self, district: District, analysis: Analysis, layout: MapLayout) -> None:
        """Draw a new layout where the old one was: same zoom, centre and selection. A large
        map is built a slice at a time, so the window keeps answering meanwhile."""
        if not self.session.is_open:
            return
        if not self.isVisible():  # laid out ahead, or the tab left meanwhile: kept for its showing
            self._prepared = (district, analysis, layout)
            if len(layout.cards) > LIVE_REDRAW_LIMIT:
                self._build_ahead(self._prepared)
            return
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        edge_keys = [e.key for e in self.view.selected_edges()]

        def finish() -> None:
            if self.session.is_open:
                self._finish_layout(district, analysis, layout, centre, edge_keys)
            # Painted in a turn of its own, so the window can answer between the two.
            QTimer.singleShot(0, lambda: self.view.viewport().setUpdatesEnabled(True))

        # Built for the zoom it will be shown at: the links of a large map shown whole are
        # drawn in batches (link_overview.py), and switching 28,000 of them after the build
        # took 50 ms more of the last step.
        self.scene.set_overview(self._planned_zoom(layout) < OVERVIEW_BELOW)
        self._syncing = True
        try:
            if len(layout.cards) > LIVE_REDRAW_LIMIT:
                # The map is painted once, when whole: painting between the slices drew
                # every card added so far each time (half a second at 10,000 cards), so
                # the slices meant to keep the window answering froze it for seconds.
                self.view.viewport().setUpdatesEnabled(False)
                self.scene.build_in_steps(district, analysis, layout, finish)
                return
            self.scene.build(district, analysis, layout)
        finally:
            self._syncing = False
        self._finish_layout(district, analysis, layout, centre, edge_keys)

    def _finish_layout(
        self,
        district: District,
        analysis: Analysis,
        layout: MapLayout,
        centre: QPointF,
        edge_keys: list[tuple[str, str, str]],
    ) -> None:
        self._syncing = True
        try:
            self.layout_, self.district_shown, self.analysis_shown = layout, district, analysis
            for item_id in self.session.selection:
                if item_id in self.scene.cards:
                    self.scene.cards[item_id].setSelected(True)
            for key in edge_keys:
                if key in self.scene.edges:
                    self.scene.edges[key].setSelected(True)
        finally:
            self._syncing = False
        self.apply_visibility(centre_on_goal=False)
        # Scroll over the map alone: the scene also holds the legend for exports, which the
        # view shows in its strip instead (Fit Width left 109 px of empty legend to scroll).
        self.view.setSceneRect(self.view.map_rect())
        if not self._fitted:
            self._fitted = True
            if self.view.fit_to_read() == "width":
                whole = self.view.fit_zoom(self.view.map_rect())
                # Short: the status shares the filter bar's row at 1280x720.
                self._say(
                    f"Too small to read whole ({whole:.0%}): fitted to the width",
                    f"The whole map would show at {whole:.0%}, too small to read, so it fills "
                    "the width instead: scroll down for the rest, or Fit (F) to see all of it.",
                )
        elif self.view.fitting:
            self.view.refit()
        else:
            self.view.centerOn(QPointF(centre))
        self.scene.emphasise_selection()
        self.editor.update_edge_strip()
        if self.status.text() == "Updating map…":
            self.status.setText("")

    # -- focus and filters -------------------------------------------------------------
    def focus_goal(self, goal_id: str | None) -> None:
        """Show a goal's line of sight (None or "" shows the whole map)."""
        self.toolbar.focus.setCurrentIndex(
            max(0, self.toolbar.focus.findData(goal_id or WHOLE_MAP))
        )

    def _focus_changed(self) -> None:
        self.apply_visibility(centre_on_goal=True)

    def highlight(self) -> set[str] | None:
        goal = self.toolbar.focus.currentData()
        if not goal or self.district_shown is None or self.analysis_shown is None:
            return None
        if goal not in self.district_shown.items:
            return None
        return line_of_sight(self.district_shown, self.analysis_shown, goal)

    def apply_visibility(self, centre_on_goal: bool = False) -> None:
        if self.district_shown is None or self.analysis_shown is None:
            return
        left_out = unmatched(
            self.district_shown,
            self.analysis_shown,
            list(self.scene.cards),
            self.filter_bar.filters(),
        )
        hide = left_out if self.filter_bar.hide_others.isChecked() else set()
        self.scene.apply_visibility(self.highlight(), left_out, hide)
        lit = self.highlight()
        if centre_on_goal and lit:
            looks = (self.scene.card_look(i) for i in lit)
            self.view.fit_items([look.card for look in looks if look is not None])

    # -- search ------------------------------------------------------------------------
    def jump_to(self, text: str) -> str | None:
        """Select and centre the next card matching `text` (id, name, code, owner...)."""
        if not text.strip() or self.district_shown is None:
            return None
        wanted = Filters(text=text.strip())
        items = self.district_shown.items
        hits = [c.id for c in self.view.navigable() if matches(items[c.id], wanted, None)]
        if not hits:
            self._say(f"Nothing on the map matches “{text.strip()}”.")
            return None
        chosen = self.view.selected_cards()
        start = hits.index(chosen[0].item_id) + 1 if chosen and chosen[0].item_id in hits else 0
        card = self.scene.cards[hits[start % len(hits)]]
        self.view.select_card(card, centre=False)
        self.view.centerOn(card)
        if len(hits) > 1:
            self._say(f"{(start % len(hits)) + 1} of {len(hits)} matches; Enter for the next.")
        return card.item_id

    # -- map -> session ----------------------------------------------------------------
    def _scene_selection(self) -> None:
        self.scene.emphasise_selection()
        self.editor.update_edge_strip()
        if self._syncing:
            return
        ids = [c.item_id for c in self.view.selected_cards()]
        self._syncing = True
        try:
            self.session.select(ids)
        finally:
            self._syncing = False

    def _session_selection(self, ids: list[str]) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self.scene.clearSelection()
            cards = [self.scene.cards[i] for i in ids if i in self.scene.cards]
            for card in cards:
                card.setSelected(True)
            if cards:
                self.view.ensureVisible(cards[0], 60, 60)
        finally:
            self._syncing = False
        self.scene.emphasise_selection()
        self.editor.update_edge_strip()

    def _open(self, item_id: str) -> None:
        self.session.select([item_id])
        self.open_item.emit(item_id)

    def _clear_status(self) -> None:
        self.status.setText("")
        self.status.setToolTip("")

    def _say(self, text: str, detail: str = "") -> None:
        """A few seconds' word in the status, with `detail` as its tooltip."""
        self.status.setText(text)
        self.status.setToolTip(detail)
        self._status_timer.start()

    # -- export ------------------------------------------------------------------------
    def export(self, path: str | None = None) -> bool:
        """Save the map as shown (focus and dimming included) as PNG or SVG."""
        if self.layout_ is None or self.district_shown is None or self.analysis_shown is None:
            return False
        if path is None:
            name = (self.district_shown.name or "coherence-map").strip() + " map.png"
            path, _filter = QFileDialog.getSaveFileName(
                self, "Export the Map", name, "PNG image (*.png);;SVG drawing (*.svg)"
            )
            if not path:
                return False
        target = Path(path)
        try:
            if target.suffix.lower() == ".svg":
                highlight = self.highlight()
                layout = self.layout_
                layout.highlight = frozenset(highlight) if highlight is not None else None
                write_svg(target, self.district_shown, self.analysis_shown, layout)
            elif target.suffix.lower() == ".png":
                write_png(target, self.scene)
            else:
                self._say("Export to a .png or .svg file.")
                return False
        except EXPORT_ERRORS as exc:
            QMessageBox.warning(self, "Export the Map", explain(exc))
            return False
        self._say(f"Saved the map to {target.name}.")
        return True

    def shutdown(self) -> None:
        self.runner.shutdown()
