"""The Map tab: the coherence map with its toolbar (fit, zoom, Link/Conflict mode, goal
focus, filters, search, export) and a strip for editing the selected link.

Edits go through the session as domain commands (AddLink, SetLinkFields, RemoveLink,
RemoveItems), so they are undoable and every other view follows; the map redraws itself
when the analysis that follows an edit is ready, keeping zoom, scroll and selection.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain import vocab
from coherence_planner.domain.coherence import Analysis
from coherence_planner.domain.commands import (
    AddLink,
    Batch,
    Command,
    RemoveItems,
    RemoveLink,
    SetLinkFields,
)
from coherence_planner.domain.district import District
from coherence_planner.domain.items import Link, link_key
from coherence_planner.domain.layout import MapLayout, line_of_sight
from coherence_planner.reports.map_svg import write_svg
from coherence_planner.ui.browse.filter_combos import filter_combo, set_choices
from coherence_planner.ui.browse.model import ANY, Filters, matches
from coherence_planner.ui.errors import USER_ERRORS, explain
from coherence_planner.ui.flags import FLAG_LABELS, FLAG_ORDER
from coherence_planner.ui.icons import icon
from coherence_planner.ui.map.export import write_png
from coherence_planner.ui.map.filtering import MapFilters, unmatched
from coherence_planner.ui.map.flow import FlowLayout
from coherence_planner.ui.map.layout_runner import LayoutRunner
from coherence_planner.ui.map.legend import LegendStrip
from coherence_planner.ui.map.room import MapRoom
from coherence_planner.ui.map.scene import MapScene
from coherence_planner.ui.map.view import MapView
from coherence_planner.ui.session import DocumentSession

WHOLE_MAP = ""
EXPORT_ERRORS: tuple[type[Exception], ...] = (*USER_ERRORS, OSError)


def _pair(first: QWidget, second: QWidget) -> QWidget:
    """Two widgets that wrap together (a label and its box)."""
    both = QWidget()
    row = QHBoxLayout(both)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    row.addWidget(first)
    row.addWidget(second)
    return both


def _combo(name: str, everything: str) -> QComboBox:
    return filter_combo(name, everything, f"Map: dim the cards without this {name.lower()}")


class EdgeStrip(QFrame):
    """Strength, rationale and Delete for the one selected link."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.strength = QComboBox()
        self.strength.setAccessibleName("Link strength")
        for strength in vocab.STRENGTHS:
            self.strength.addItem(strength.capitalize(), strength)
        self.rationale = QLineEdit()
        self.rationale.setPlaceholderText("Why (rationale)")
        self.rationale.setAccessibleName("Link rationale")
        self.delete = QPushButton(icon("delete"), "Delete link")
        row.addWidget(self.label, 2)
        row.addWidget(QLabel("Strength:"))
        row.addWidget(self.strength)
        row.addWidget(self.rationale, 3)
        row.addWidget(self.delete)
        self.key: tuple[str, str, str] | None = None


# Above this many items the visible map is redrawn when asked (Refresh Map), not after
# every edit: laying out and drawing 10,000 cards would freeze the window on each edit.
LIVE_REDRAW_LIMIT = 1500


class MapPanel(QWidget):
    """The map, its tools and its edge strip, bound to one session."""

    _stale = False

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

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_toolbar())
        outer.addWidget(self._build_filters())
        self.legend = LegendStrip()
        self.legend.setVisible(self.legend_action.isChecked())
        self.legend_action.toggled.connect(self.legend.setVisible)
        outer.addWidget(self.legend)
        self.edge_strip = EdgeStrip()
        self.edge_strip.hide()
        outer.addWidget(self.edge_strip)
        outer.addWidget(self.view, 1)

        self.edge_strip.strength.activated.connect(lambda _i: self._set_strength())
        self.edge_strip.rationale.editingFinished.connect(self._set_rationale)
        self.edge_strip.delete.clicked.connect(self.delete_selected)
        self.view.link_requested.connect(self.add_link)
        self.view.open_requested.connect(self._open)
        self.view.delete_requested.connect(self.delete_selected)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f}%"))
        self.scene.selectionChanged.connect(self._scene_selection)
        self.runner.ready.connect(self._show_layout)
        self.runner.started.connect(lambda: self.status.setText("Updating map…"))
        session.document_changed.connect(self._document_changed)
        session.analysis_ready.connect(self._analysis_ready)
        session.selection_changed.connect(self._session_selection)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(6000)
        self._status_timer.timeout.connect(lambda: self.status.setText(""))
        self._document_changed()

    # -- building the tools ------------------------------------------------------------
    def _act(self, text: str, icon_name: str | None, keys: list[str], slot: object) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
            action.setProperty("icon_name", icon_name)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text} ({keys[0]})")
        action.triggered.connect(lambda _c=False: slot())  # type: ignore[operator]
        self.addAction(action)
        return action

    def _tool(self, action: QAction, text_too: bool = True) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        button.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            if text_too
            else Qt.ToolButtonStyle.ToolButtonIconOnly
        )
        button.setAccessibleName(action.text())
        return button

    def _build_toolbar(self) -> QWidget:
        """The map's tools in rows that wrap: every one stays on screen at 1280x720."""
        self.fit_action = self._act("Fit", "fit", ["Ctrl+0", "F"], self.view.fit)
        self.fit_width_action = self._act("Fit Width", "fit", ["W"], self.view.fit_width)
        self.fit_width_action.setToolTip("Fill the width with the map; scroll for the rest (W)")
        self.zoom_in_action = self._act(
            "Zoom In", "zoom-in", ["Ctrl++", "Ctrl+="], self.view.zoom_in
        )
        self.zoom_out_action = self._act("Zoom Out", "zoom-out", ["Ctrl+-"], self.view.zoom_out)
        bar = QWidget()
        bar.setAccessibleName("Map tools")
        flow = FlowLayout(bar)
        flow.addWidget(self._tool(self.fit_action))
        flow.addWidget(self._tool(self.fit_width_action))
        flow.addWidget(self._tool(self.zoom_out_action, text_too=False))
        self.zoom_label = QLabel("100%")
        self.zoom_label.setMinimumWidth(40)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        flow.addWidget(self.zoom_label)
        flow.addWidget(self._tool(self.zoom_in_action, text_too=False))
        self.link_mode = self._act("Link", "link", [], lambda: self._set_mode(False))
        self.link_mode.setToolTip("Drag from a card to what it supports")
        self.conflict_mode = self._act("Conflict", "conflict", [], lambda: self._set_mode(True))
        self.conflict_mode.setToolTip(
            "Drag between two cards that work against each other (or Alt-drag)"
        )
        group = QActionGroup(self)
        for action in (self.link_mode, self.conflict_mode):
            action.setCheckable(True)
            group.addAction(action)
            flow.addWidget(self._tool(action))
        self.link_mode.setChecked(True)
        focus_label = QLabel("Focus:")
        self.focus = QComboBox()
        self.focus.setAccessibleName("Focus on a goal")
        self.focus.setToolTip("Highlight everything that reaches one goal; dim the rest")
        self.focus.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.focus.setMinimumContentsLength(18)
        self.focus.addItem("Whole map", WHOLE_MAP)
        self.focus.currentIndexChanged.connect(lambda _i: self._focus_changed())
        focus_label.setBuddy(self.focus)
        flow.addWidget(_pair(focus_label, self.focus))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find on map")
        self.search.setAccessibleName("Find on map")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setFixedWidth(200)
        self.search.returnPressed.connect(lambda: self.jump_to(self.search.text()))
        flow.addWidget(self.search)
        self.refresh_action = self._act("Refresh Map", None, ["Ctrl+R"], self.refresh_map)
        self.refresh_action.setToolTip(
            f"Redraw the map with the latest edits (Ctrl+R); plans of more than "
            f"{LIVE_REDRAW_LIMIT:,} items are redrawn only when asked"
        )
        self.refresh_action.setEnabled(False)
        self.refresh_button = self._tool(self.refresh_action)
        self.refresh_button.setVisible(False)  # shown only when a large plan is stale
        flow.addWidget(self.refresh_button)
        self.export_action = self._act("Export…", "export", [], self.export)
        self.export_action.setToolTip("Save the map as a PNG image or an SVG drawing")
        flow.addWidget(self._tool(self.export_action))
        self.legend_action = self._act("Legend", None, [], lambda: None)
        self.legend_action.setCheckable(True)
        self.legend_action.setToolTip("Show or fold away what the colours, borders and lines mean")
        flow.addWidget(self._tool(self.legend_action))
        self.panels_action = self._act("Side Panels", None, [], lambda: None)
        self.panels_action.setToolTip(
            "Show the Items and Inspector panels beside the map (they step aside "
            "while the map is shown, to give it the window)"
        )
        self.room = MapRoom(self, self.panels_action)
        flow.addWidget(self._tool(self.panels_action))
        self.toolbar = bar
        return bar

    def _build_filters(self) -> QWidget:
        strip = QWidget()
        strip.setAccessibleName("Map filters")
        # Rows that wrap, not a tool bar: a tool bar's overflow menu hid these filters.
        flow = FlowLayout(strip)
        funnel = QLabel()
        funnel.setPixmap(icon("filter").pixmap(16, 16))
        flow.addWidget(_pair(funnel, QLabel("Filter:")))
        self.kind = _combo("Kind", "All kinds")
        for kind in vocab.ITEM_KINDS:
            self.kind.addItem(vocab.KIND_PLURALS[kind], kind)
        self.flag = _combo("Finding", "Any finding")
        for flag in FLAG_ORDER:
            self.flag.addItem(FLAG_LABELS[flag], flag)
        self.school = _combo("School", "Any school")
        self.grade_band = _combo("Grade band", "Any grades")
        for label, _tokens in vocab.GRADE_BANDS:
            self.grade_band.addItem(label, label)
        self.theme = _combo("Theme", "Any theme")
        self.filter_combos = (self.kind, self.flag, self.school, self.grade_band, self.theme)
        for combo in self.filter_combos:
            flow.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _i: self.apply_visibility())
        self.hide_others = QCheckBox("Hide the rest")
        self.hide_others.setToolTip("Hide the cards the filters leave out instead of dimming them")
        self.hide_others.toggled.connect(lambda _on: self.apply_visibility())
        flow.addWidget(self.hide_others)
        self.status = QLabel()
        self.status.setAccessibleName("Map status")
        self.status.setMinimumWidth(260)
        self.status.setMaximumWidth(520)
        flow.addWidget(self.status)
        self.filter_bar = strip
        return strip

    # -- session -> map ----------------------------------------------------------------
    def _document_changed(self) -> None:
        self.runner.cancel()
        self.scene.reset()
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
            return
        if self.scene.cards and len(self.session.district.items) > LIVE_REDRAW_LIMIT:
            self._stale = True
            self.refresh_action.setEnabled(True)
            self.refresh_button.setVisible(True)
            self._status_timer.stop()
            self.status.setText("The plan has changed: Refresh Map (Ctrl+R) to redraw it")
            return
        self._redraw(analysis)

    def refresh_map(self) -> None:
        """Redraw now (large plans are redrawn on request only)."""
        if self.session.is_open and self.session.analysis is not None:
            self._redraw(self.session.analysis)

    def _redraw(self, analysis: Analysis) -> None:
        self._stale = False
        self.refresh_action.setEnabled(False)
        self.refresh_button.setVisible(False)
        self._fill_lists()
        self.runner.request(self.session.district, analysis)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.session.is_open and self.session.analysis is not None:
            self._redraw(self.session.analysis)

    def _fill_lists(self) -> None:
        district = self.session.district if self.session.is_open else None
        goals = [(g.label, g.id) for g in district.items_of("goal") if g.live] if district else []
        schools = district.school_names() if district is not None else []
        themes: set[str] = set()
        if district is not None:
            themes = {t for s in district.items_of("strategy") for t in getattr(s, "themes", [])}
        set_choices(self.focus, goals)
        set_choices(self.school, [(s, s) for s in schools])
        set_choices(self.theme, sorted((vocab.THEME_LABELS.get(t, t), t) for t in themes))

    def _show_layout(self, district: District, analysis: Analysis, layout: MapLayout) -> None:
        """Draw a new layout where the old one was: same zoom, centre and selection. A large
        map is built a slice at a time, so the window keeps answering meanwhile."""
        if not self.session.is_open:
            return
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        edge_keys = [e.key for e in self.view.selected_edges()]

        def finish() -> None:
            if self.session.is_open:
                self._finish_layout(district, analysis, layout, centre, edge_keys)

        self._syncing = True
        try:
            if len(layout.cards) > LIVE_REDRAW_LIMIT:
                self.scene.build_in_steps(district, analysis, layout, finish)
                return
            self.scene.build(district, analysis, layout)
        finally:
            self._syncing = False
        finish()

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
        if not self._fitted:
            self._fitted = True
            self.view.fit()
        else:
            self.view.centerOn(QPointF(centre))
        self.scene.emphasise_selection()
        self._update_edge_strip()
        if self.status.text() == "Updating map…":
            self.status.setText("")

    # -- focus and filters -------------------------------------------------------------
    def filters(self) -> MapFilters:
        return MapFilters(
            kind=self.kind.currentData() or ANY,
            flag=self.flag.currentData() or ANY,
            school=self.school.currentData() or ANY,
            grade_band=self.grade_band.currentData() or ANY,
            theme=self.theme.currentData() or ANY,
        )

    def focus_goal(self, goal_id: str | None) -> None:
        """Show a goal's line of sight (None or "" shows the whole map)."""
        self.focus.setCurrentIndex(max(0, self.focus.findData(goal_id or WHOLE_MAP)))

    def _focus_changed(self) -> None:
        self.apply_visibility(centre_on_goal=True)

    def highlight(self) -> set[str] | None:
        goal = self.focus.currentData()
        if not goal or self.district_shown is None or self.analysis_shown is None:
            return None
        if goal not in self.district_shown.items:
            return None
        return line_of_sight(self.district_shown, self.analysis_shown, goal)

    def apply_visibility(self, centre_on_goal: bool = False) -> None:
        if self.district_shown is None or self.analysis_shown is None:
            return
        left_out = unmatched(
            self.district_shown, self.analysis_shown, list(self.scene.cards), self.filters()
        )
        hide = left_out if self.hide_others.isChecked() else set()
        self.scene.apply_visibility(self.highlight(), left_out, hide)
        lit = self.highlight()
        if centre_on_goal and lit:
            self.view.fit_items([self.scene.cards[i] for i in lit if i in self.scene.cards])

    # -- search ------------------------------------------------------------------------
    def jump_to(self, text: str) -> str | None:
        """Select and centre the next card matching `text` (id, name, code, owner...)."""
        if not text.strip() or self.district_shown is None:
            return None
        wanted = Filters(text=text.strip())
        hits = sorted(
            (c for c in self.scene.cards.values() if c.isVisible()),
            key=lambda c: (c.card.x, c.card.y),
        )
        hits = [c for c in hits if matches(self.district_shown.items[c.item_id], wanted, None)]
        if not hits:
            self._say(f"Nothing on the map matches “{text.strip()}”.")
            return None
        chosen = self.view.selected_cards()
        start = hits.index(chosen[0]) + 1 if chosen and chosen[0] in hits else 0
        card = hits[start % len(hits)]
        self.view.select_card(card, centre=False)
        self.view.centerOn(card)
        if len(hits) > 1:
            self._say(f"{(start % len(hits)) + 1} of {len(hits)} matches; Enter for the next.")
        return card.item_id

    # -- map -> session ----------------------------------------------------------------
    def _scene_selection(self) -> None:
        self.scene.emphasise_selection()
        self._update_edge_strip()
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
        self._update_edge_strip()

    def _open(self, item_id: str) -> None:
        self.session.select([item_id])
        self.open_item.emit(item_id)

    def _set_mode(self, conflict: bool) -> None:
        self.view.conflict_mode = conflict

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self._status_timer.start()

    # -- editing -----------------------------------------------------------------------
    def add_link(self, src: str, dst: str, kind: str) -> bool:
        """Link two items as the user dragged; a link the rules refuse is explained."""
        if not self.session.is_open:
            return False
        district = self.session.district
        if not dst:
            self._say("Drop the line on another card to link them.")
            return False
        if src == dst:
            self._say("An item cannot be linked to itself.")
            return False
        if src not in district.items or dst not in district.items:
            self._say("That item is no longer in the plan.")
            return False
        if kind == "supports" and district.items[src].kind == "goal":
            self._say(
                "A goal cannot support another item: drag from the program, policy or "
                "strategy to the goal it serves."
            )
            return False
        if link_key(kind, src, dst) in district.links:
            what = "linked" if kind == "supports" else "marked as conflicting"
            self._say(
                f"{district.items[src].label} and {district.items[dst].label} are already {what}."
            )
            return False
        try:
            self.session.push(AddLink(district, Link(src, dst, kind)))
        except USER_ERRORS as exc:
            self._say(explain(exc))
            return False
        verb = "now supports" if kind == "supports" else "now conflicts with"
        self._say(f"{district.items[src].label} {verb} {district.items[dst].label}.")
        return True

    def _update_edge_strip(self) -> None:
        edges = self.view.selected_edges()
        strip = self.edge_strip
        if len(edges) != 1 or self.view.selected_cards() or not self.session.is_open:
            strip.hide()
            strip.key = None
            return
        key = edges[0].key
        link = self.session.district.links.get(key)
        if link is None:
            strip.hide()
            return
        items = self.session.district.items
        joiner = " supports " if link.kind == "supports" else " conflicts with "
        strip.key = key
        strip.label.setText(items[link.src].label + joiner + items[link.dst].label)
        strip.strength.setCurrentIndex(max(0, strip.strength.findData(link.strength)))
        strip.strength.setEnabled(link.kind == "supports")
        strip.rationale.setText(link.rationale)
        strip.show()

    def _push(self, command: Command) -> bool:
        try:
            self.session.push(command)
        except USER_ERRORS as exc:
            self._say(explain(exc))
            return False
        return True

    def _set_strength(self) -> None:
        key = self.edge_strip.key
        if key is None or key not in self.session.district.links:
            return
        value = self.edge_strip.strength.currentData()
        if self.session.district.links[key].strength != value:
            self._push(SetLinkFields(self.session.district, key, {"strength": value}))

    def _set_rationale(self) -> None:
        key = self.edge_strip.key
        if key is None or key not in self.session.district.links:
            return
        text = self.edge_strip.rationale.text().strip()
        if self.session.district.links[key].rationale != text:
            self._push(SetLinkFields(self.session.district, key, {"rationale": text}))

    def delete_selected(self) -> None:
        """Delete the selected links; or, after asking, the selected items and their links."""
        if not self.session.is_open:
            return
        district = self.session.district
        keys = [e.key for e in self.view.selected_edges() if e.key in district.links]
        if keys and not self.view.selected_cards():
            commands: list[Command] = [RemoveLink(district, k) for k in keys]
            self._push(commands[0] if len(commands) == 1 else Batch("Remove links", commands))
            return
        ids = [c.item_id for c in self.view.selected_cards() if c.item_id in district.items]
        if not ids:
            return
        what = district.items[ids[0]].label if len(ids) == 1 else f"these {len(ids)} items"
        answer = QMessageBox.question(
            self,
            "Remove from the plan",
            f"Remove {what} and every link to it from the plan? (Undo brings it back.)",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._push(RemoveItems(district, ids))

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
