"""The coherence map as a QGraphicsScene: the cards drawn by one field (card_field.py), the
links by another (link_overview.py), region labels, brackets, a title and a legend
(backdrop.py), all at the layout's coordinates (one unit = one point). A card or a link is
made a scene item of its own (card_item.py, edge_item.py) when a person reaches it: clicked,
hovered, selected, focused (scene_items.py).

The scene builds them from a layout, in one go or a slice at a time for a large plan, and
dims, hides and emphasises them as the Map tab's focus, filters and selection ask.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QElapsedTimer, QPointF, QRectF, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGraphicsScene

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout import style
from coherence_planner.domain.layout.geometry import MapLayout
from coherence_planner.domain.model import collector
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import LinkKey, link_key
from coherence_planner.reports.map.svg import LEGEND_W, TITLE_H
from coherence_planner.ui.map.backdrop import BracketItem, LegendItem, RegionItem, TitleItem
from coherence_planner.ui.map.card_field import CARDS_PER_STEP, CardField, CardGrid
from coherence_planner.ui.map.card_item import CardItem
from coherence_planner.ui.map.card_look import CardLook
from coherence_planner.ui.map.edge_item import EdgeItem
from coherence_planner.ui.map.link_overview import LinkOverview
from coherence_planner.ui.map.scene_items import CardItems, EdgeItems

STEP_MS = 40  # the longest slice of building a large map between two turns of the event loop
# The build looks at the clock after this many cards, or links (a few milliseconds' work).
CARDS_PER_LOOK = 500
LINKS_PER_LOOK = 2000


class MapScene(QGraphicsScene):
    """The scene for one layout; `cards` and `edges` index the items for the view and tests."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        # No BSP index: with 10,000 cards and 28,000 links the index took 0.5-1.3 GB and
        # most of the first paint; a fixed map is searched quickly enough without it.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setBackgroundBrush(QBrush(QColor(style.BACKGROUND)))
        self.cards = CardItems(None, None, None, self._add_card)
        self.edges = EdgeItems(None, {}, self.addItem)
        self.card_field: CardField | None = None
        self._edges_of: dict[str, list[int]] = {}
        self._hovered_id: str | None = None
        self._building: Iterator[None] | None = None
        self.layout: MapLayout | None = None
        self.legend: LegendItem | None = None
        self._dimmed: set[str] = set()
        self._hidden: set[str] = set()
        # False when a view pins the legend in its corner instead (exports show it here).
        self.show_legend = True
        # True while the view shows a large map whole: the links are drawn in batches
        # (link_overview.py); set by the view as its zoom changes.
        self.overview = False
        self.link_overview: LinkOverview | None = None
        self._selected_edges: list[EdgeItem] = []
        self.selectionChanged.connect(self._selection_changed)

    def build(
        self,
        district: District,
        analysis: Analysis,
        layout: MapLayout,
        title: str | None = None,
    ) -> None:
        """Replace everything with the cards, links and regions of `layout`."""
        self.reset()
        for _ in self._build_steps(district, analysis, layout, title):
            pass

    def build_in_steps(
        self,
        district: District,
        analysis: Analysis,
        layout: MapLayout,
        done: Callable[[], None],
        budget_ms: int | None = None,
    ) -> None:
        """Build as `build` does, a slice of at most about `budget_ms` at a time between
        turns of the event loop, so that a 10,000-card map never freezes the window; then
        call `done`. A new build (or reset) abandons an unfinished one."""
        self.reset()
        steps = self._build_steps(district, analysis, layout, None)
        # The cycle collector is paused until the map is whole: 40,000 new items set off
        # full collections of everything alive, 70-120 ms each with the window frozen
        # (benchmarks/ui_freeze.py). The map makes no reference cycles to collect.
        collector.pause()

        def finish(whole: bool) -> None:
            if whole:
                # The finished map stays out of full collections too, as a large plan does
                # (ui/session.py): reference counting still frees it when it is replaced.
                gc.freeze()
            collector.resume()
            if whole:
                done()

        self._run_in_steps(steps, finish, budget_ms)

    def warm_in_steps(self, zoom: float, ratio: float, done: Callable[[], None]) -> None:
        """What the first paint at `zoom` on a device of `ratio` would work out, worked out
        now a slice at a time (a large map built ahead, before the Map tab is shown): the
        cards' batches and the links' picture. A new build abandons it."""
        if self.card_field is None or self.link_overview is None:
            return
        field, links = self.card_field, self.link_overview

        def steps() -> Iterator[None]:
            yield from field.warm(zoom)
            if self.overview:
                yield from links.picture_steps(zoom, ratio)

        self._run_in_steps(steps(), lambda whole: done() if whole else None, None)

    def _run_in_steps(
        self, steps: Iterator[None], finish: Callable[[bool], None], budget_ms: int | None
    ) -> None:
        """Run `steps` a slice of at most about `budget_ms` at a time between turns of the
        event loop; then `finish(True)`, or `finish(False)` once a newer build (or reset)
        has replaced them (called once either way)."""
        budget = STEP_MS if budget_ms is None else budget_ms
        self._building = steps
        clock = QElapsedTimer()

        def work() -> None:
            if self._building is not steps:
                finish(False)
                return  # replaced by a newer build
            clock.start()
            for _ in steps:
                if clock.elapsed() >= budget:
                    QTimer.singleShot(0, work)
                    return
            self._building = None
            finish(True)

        work()

    def _build_steps(
        self,
        district: District,
        analysis: Analysis,
        layout: MapLayout,
        title: str | None,
    ) -> Iterator[None]:
        """Make the items into an empty scene, yielding every few dozen so a caller can
        pause."""
        self.layout = layout
        heading = title if title is not None else f"{district.name}: coherence map"
        self.addItem(TitleItem(heading, layout.width))
        self.legend = LegendItem()
        self.legend.setPos(layout.width + 10, 20)
        self.legend.setVisible(self.show_legend)
        self.addItem(self.legend)
        right = layout.width + LEGEND_W
        bottom = max(layout.height, self.legend.mapRectToScene(self.legend.boundingRect()).bottom())
        self.setSceneRect(QRectF(0, -TITLE_H, right, bottom + TITLE_H + 10))
        for region in layout.regions:
            self.addItem(
                RegionItem(region.key, region.label, QRectF(region.x, region.y, region.w, region.h))
            )
        for bracket in layout.brackets:
            self.addItem(BracketItem(bracket))
        index: dict[LinkKey, int] = {}
        for n, edge in enumerate(layout.edges):
            index[link_key(edge.kind, edge.src, edge.dst)] = n
            self._edges_of.setdefault(edge.src, []).append(n)
            self._edges_of.setdefault(edge.dst, []).append(n)
            if n % LINKS_PER_LOOK == LINKS_PER_LOOK - 1:
                yield
        self.link_overview = LinkOverview(layout.edges, self.sceneRect())
        self.link_overview.overview = self.overview
        self.addItem(self.link_overview)
        self.edges = EdgeItems(self.link_overview, index, self.addItem)
        yield
        while self.link_overview.lines_ahead(LINKS_PER_LOOK):
            yield
        looks: dict[str, CardLook] = {}
        items = district.items
        for n, card in enumerate(layout.cards.values()):
            item = items.get(card.id)
            if item is not None:
                looks[card.id] = CardLook(card, item, analysis, layout.today)
            if n % CARDS_PER_LOOK == CARDS_PER_LOOK - 1:
                yield
        grid = CardGrid()  # filled a slice at a time: at once it was 0.1-0.2 s
        placed = list(looks.values())
        for start in range(0, len(placed), CARDS_PER_STEP):
            grid.add(placed[start : start + CARDS_PER_STEP])
            yield
        self.card_field = CardField(looks, self.sceneRect(), grid)
        self.addItem(self.card_field)
        self.cards = CardItems(self.card_field, district, analysis, self._add_card)
        self.apply_visibility(layout.highlight, set(), set())

    def _add_card(self, card: CardItem) -> None:
        card.hovered.connect(self._hovered)
        self.addItem(card)

    def reset(self) -> None:
        """Remove everything (the indexes first: clearing emits selectionChanged)."""
        self._building = None
        self.cards = CardItems(None, None, None, self._add_card)
        self.edges = EdgeItems(None, {}, self.addItem)
        self._edges_of, self._hovered_id = {}, None
        self.layout, self.legend, self.link_overview = None, None, None
        self.card_field = None
        self._dimmed, self._hidden, self._selected_edges = set(), set(), []
        self.clear()

    # -- overview ----------------------------------------------------------------------
    def set_overview(self, on: bool) -> None:
        """Draw the links in batches (on) or one by one (off); see link_overview.py."""
        if on == self.overview:
            return
        self.overview = on
        for edge in self.edges.made.values():
            edge.set_overview(on)
        if self.link_overview is not None:
            self.link_overview.overview = on
            self.link_overview.update()

    @contextmanager
    def detailed(self) -> Iterator[None]:
        """Every link drawing itself for the block (an export renders at full size)."""
        was = self.overview
        self.set_overview(False)
        try:
            yield
        finally:
            self.set_overview(was)

    def _selection_changed(self) -> None:
        if not self.overview:
            return
        chosen = [item for item in self.selectedItems() if isinstance(item, EdgeItem)]
        for edge in (*self._selected_edges, *chosen):
            edge.update_contents()
        self._selected_edges = chosen

    # -- dimming -----------------------------------------------------------------------
    def apply_visibility(
        self, highlight: frozenset[str] | set[str] | None, unmatched: set[str], hide: set[str]
    ) -> None:
        """Dim cards outside `highlight` (a goal's line of sight) or in `unmatched` (filters);
        hide the cards in `hide` and their links. A link is dimmed unless both ends are lit."""
        dimmed = {
            i
            for i in self.cards
            if (highlight is not None and i not in highlight) or i in unmatched
        }
        hidden = set(hide)
        # Only what changes is touched: a large map's first showing asked twice for what
        # every item already was (66 ms each time across 40,000 items at 10,000 programs).
        changed = (dimmed ^ self._dimmed) | (hidden ^ self._hidden)
        self._dimmed, self._hidden = dimmed, hidden
        if not changed:
            return
        made = self.cards.made
        for item_id in changed:
            card = made.get(item_id)
            if card is not None:
                card.setOpacity(style.DIMMED_OPACITY if item_id in dimmed else 1.0)
                card.setVisible(item_id not in hidden)
        if self.card_field is not None:
            self.card_field.dimmed, self.card_field.hidden = dimmed, hidden
            self.card_field.forget()
        links = self.link_overview
        if links is None:
            return
        touched = {n for i in changed for n in self._edges_of.get(i, ())}
        edges = {n: e for e, n in ((e, self.edges.index[e.key]) for e in self.edges.made.values())}
        for n in touched:
            geom = links.geoms[n]
            ends = (geom.src, geom.dst)
            faded = any(e in dimmed for e in ends)
            gone = any(e in hidden for e in ends)
            (links.dimmed.add if faded else links.dimmed.discard)(n)
            (links.hidden.add if gone else links.hidden.discard)(n)
            edge = edges.get(n)
            if edge is not None:
                edge.setOpacity(style.DIMMED_OPACITY if faded else 1.0)
                edge.setVisible(not gone)
        links.forget()

    @property
    def dimmed(self) -> set[str]:
        return set(self._dimmed)

    @property
    def hidden(self) -> set[str]:
        return set(self._hidden)

    def card_at(self, point: QPointF) -> CardItem | None:
        """The shown card under the point, made an item (to take a click or a hover)."""
        if self.card_field is None:
            return None
        found = self.card_field.grid.at(point.x(), point.y())
        shown = [look for look in found if look.item_id not in self._hidden]
        return self.cards[shown[-1].item_id] if shown else None

    def edge_at(self, point: QPointF) -> EdgeItem | None:
        """The shown link within reach of a click at the point, made an item."""
        if self.link_overview is None:
            return None
        n = self.link_overview.near(point.x(), point.y(), EdgeItem.HIT_WIDTH / 2)
        if n is None:
            return None
        geom = self.link_overview.geoms[n]
        return self.edges[link_key(geom.kind, geom.src, geom.dst)]

    def card_look(self, item_id: str) -> CardLook | None:
        """The card's place and look, without making it an item."""
        return self.card_field.looks.get(item_id) if self.card_field is not None else None

    def _hovered(self, item_id: str, on: bool) -> None:
        if on:
            self._hovered_id = item_id
        elif self._hovered_id == item_id:
            self._hovered_id = None
        self.emphasise_selection()

    def _selected_ids(self) -> set[str]:
        return {i.item_id for i in self.selectedItems() if isinstance(i, CardItem)}

    def emphasise_selection(self) -> None:
        """Links of the selected cards, and of the card under the pointer, are drawn
        heavier."""
        links = self.link_overview
        if links is None:
            return
        chosen = self._selected_ids()
        if self._hovered_id is not None:
            chosen.add(self._hovered_id)
        wanted = {n for i in chosen for n in self._edges_of.get(i, ())}
        if wanted == links.emphasised:
            return
        for edge in self.edges.made.values():
            edge.set_emphasis(self.edges.index[edge.key] in wanted)
        links.emphasise(wanted)
