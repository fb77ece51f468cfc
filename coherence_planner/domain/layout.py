"""The coherence map's geometry: where every card, link and region goes.

Items flow toward the goals: goals stand in the rightmost column (the destination),
strategies to their left, programs and policies further left, and an item whose longest
chain of supports links to a goal is longer stands further left still. Items that reach no
goal are gathered below, in a region labelled "Not linked to any goal". Columns suit a 16:9
projector and a landscape Tabloid page: four columns fit 1,250 points across.

The geometry is computed once here, in plain numbers, and the Qt view, the SVG and the PDF
draw exactly these rectangles and polylines, so the three never disagree. The result
depends only on the district's content, not on the order items were read in.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from coherence_planner.domain import vocab
from coherence_planner.domain.coherence import Analysis
from coherence_planner.domain.crossings import count_crossings
from coherence_planner.domain.cycles import card_line
from coherence_planner.domain.district import District
from coherence_planner.domain.items import Goal, Item, Policy, Program, Strategy
from coherence_planner.domain.ordering import (
    LayeredGraph,
    assign_layers,
    break_cycles,
    minimise_crossings,
)
from coherence_planner.domain.placement import place_columns, spread_columns
from coherence_planner.domain.wording import money_short

# Card geometry, in points (1/72 inch; one Qt scene unit). Every renderer draws these sizes.
CARD_W = 200.0
CARD_H = 76.0
GOAL_H = 112.0  # goals stand few to a column and have the longest names: taller cards
CARD_GAP = 14.0  # vertical space between two cards in a column
LINE_SLOT = 6.0  # vertical space a link passing through a column takes
LINE_GAP = 4.0
COLUMN_GAP = 130.0  # horizontal space between columns, where the links run
MARGIN = 24.0
HEADER_H = 34.0  # a column's or region's title strip
REGION_GAP = 40.0
GRID_GAP = 20.0  # between cards packed in a grid (orphans, retired)
NAME_CHARS = 30  # characters per name line on a card (the renderers' fonts fit these)
NAME_LINES = 3
CANDIDATES = 4  # layer orders whose drawn crossings are compared
PANEL_GAP = 70.0  # between two panels of a wrapped map
MAX_PANELS = 6
PROJECTOR = 16 / 9  # the aspect the map is wrapped toward by default (width / height)

ORPHAN_LABEL = "Not linked to any goal"
RETIRED_LABEL = "Retired (not analysed)"

Point = tuple[float, float]


class LayoutError(ValueError):
    """A layout request that names something the district does not have."""


@dataclass(frozen=True)
class LayoutOptions:
    show_retired: bool = False  # place retired items, greyed, in their own region
    passes: int = 12  # crossing-minimisation sweeps per heuristic
    # Width / height the linked map is wrapped toward: a tall map is cut, between goals'
    # groups where few links cross, into panels set side by side like newspaper columns.
    # None keeps one tall panel.
    aspect: float | None = PROJECTOR


@dataclass(frozen=True)
class Card:
    """An item's rectangle: top-left corner, size, and its column (0 = goals)."""

    id: str
    x: float
    y: float
    w: float
    h: float
    layer: int
    region: str  # "map", "orphans" or "retired"

    @property
    def centre(self) -> Point:
        return (self.x + self.w / 2, self.y + self.h / 2)


@dataclass(frozen=True)
class EdgeGeom:
    """A link drawn as a polyline from its source card to its destination card."""

    src: str
    dst: str
    kind: str
    strength: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Region:
    """A labelled rectangle: a column band ("Goals", ...) or a gathering area (orphans)."""

    key: str
    label: str
    x: float
    y: float
    w: float
    h: float


@dataclass
class MapLayout:
    cards: dict[str, Card]
    edges: list[EdgeGeom]
    regions: list[Region]
    width: float
    height: float
    highlight: frozenset[str] | None = None  # a goal's line of sight, when focused
    layer_count: int = 0  # columns of the linked map
    panels: int = 1  # side-by-side panels the linked map is wrapped into
    dummies: int = 0  # column crossings of links longer than one column (a size measure)
    today: dt.date | None = None  # the date strategy cards show their running cycle for

    def centre_segments(self, kind: str = "supports") -> list[tuple[Point, Point]]:
        """Straight centre-to-centre segments of the links of one kind (crossing counts)."""
        return [
            (self.cards[e.src].centre, self.cards[e.dst].centre)
            for e in self.edges
            if e.kind == kind
        ]


# ------------------------------------------------------------------------- card text


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts P2 before P10."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text)
    )


def card_facts(item: Item) -> str:
    """The key facts line of a card, e.g. "$120K · Tier 2 · K-3"."""
    parts: list[str] = []
    if isinstance(item, Program):
        if item.annual_cost is not None:
            parts.append(money_short(item.annual_cost))
        if item.tier is not None:
            parts.append(f"Tier {item.tier}")
        parts.append(vocab.grades_label(item.grades))
    elif isinstance(item, Policy):
        if item.code:
            parts.append(item.code)
        if item.adopted_year is not None:
            parts.append(f"adopted {item.adopted_year}")
    elif isinstance(item, Strategy):
        if item.themes:
            parts.append(vocab.THEME_LABELS.get(item.themes[0], item.themes[0]))
        if len(item.themes) > 1:
            parts.append(f"+{len(item.themes) - 1}")
    elif isinstance(item, Goal) and item.indicators:
        ind = item.indicators[0]
        if ind.current is not None and ind.target is not None:
            parts.append(f"{ind.current:g} now, {ind.target:g} target")
        elif ind.name:
            parts.append(ind.name)
    if item.status != vocab.DEFAULT_STATUS:
        parts.append(item.status)
    return " · ".join(parts)


def card_cycle_line(item: Item, today: dt.date | None) -> str:
    """A strategy's running cycle for its card ("Cycle to 12-18: …"); empty for other
    kinds, when no cycle runs, or when the layout was made without a date."""
    if today is None or not isinstance(item, Strategy):
        return ""
    return card_line(item, today, NAME_CHARS + 8)


def card_text(item: Item, today: dt.date | None) -> tuple[list[str], str]:
    """A card's name lines and cycle line: a running cycle takes the third name line."""
    cycle = card_cycle_line(item, today)
    return card_name_lines(item.label, lines=NAME_LINES - 1 if cycle else NAME_LINES), cycle


def card_name_lines(name: str, width: int = NAME_CHARS, lines: int = NAME_LINES) -> list[str]:
    """The item's name wrapped for a card; a name too long ends in an ellipsis."""
    wrapped = textwrap.wrap(name.strip(), width=width, break_long_words=True) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return wrapped


# ------------------------------------------------------------------------- focus


def line_of_sight(district: District, analysis: Analysis, goal_id: str) -> set[str]:
    """The goal and every live item with a chain of supports links to it."""
    goal = district.items.get(goal_id)
    if goal is None or goal.kind != "goal" or not goal.live:
        raise LayoutError(f"{goal_id!r} is not a live goal of this district")
    return {goal_id} | {i for i, goals in analysis.goals_of.items() if goal_id in goals}


# ------------------------------------------------------------------------- layout


def card_height(item: Item) -> float:
    """A card's height on the linked map: goals are taller, so their names can be large."""
    return GOAL_H if item.kind == "goal" else CARD_H


def _band(item: Item) -> int:
    return {"goal": 0, "strategy": 1}.get(item.kind, 2)


@dataclass
class _Columns:
    """One region's layered drawing: node ids, layers, dummy chains and edges."""

    ids: list[str]
    graph: LayeredGraph
    order: list[list[int]]
    edges: list[tuple[int, int, bool]]
    heights: list[float]  # of every card
    spread: bool = True  # stretch every column to the tallest one's height


def _layer_region(
    ids: list[str], items: dict[str, Item], links: list[tuple[str, str]], passes: int
) -> _Columns:
    index = {item_id: n for n, item_id in enumerate(ids)}
    succ: list[list[int]] = [[] for _ in ids]
    for src, dst in links:
        if src in index and dst in index:
            succ[index[src]].append(index[dst])
    edges = break_cycles(len(ids), succ)
    bands = [_band(items[i]) for i in ids]
    heights = [card_height(items[i]) for i in ids]

    # Goals in column 0, strategies from column 1, programs and policies from column 2;
    # each item as far right as its chains to a goal allow.
    layer_of = assign_layers(len(ids), edges, bands.__getitem__)
    graph = LayeredGraph.build(layer_of, edges)
    candidates = minimise_crossings(graph, graph.layers, passes, keep=CANDIDATES)
    # The sweeps count crossings between neighbouring columns, lines bent through dummies;
    # people see the drawing. Keep the candidate order and column placement whose drawing,
    # lines straight from card to card, crosses least: each candidate with spread columns,
    # and the sweeps' favourite with balanced ones too (ties go to the earlier).
    best: _Columns | None = None
    best_count = -1
    tries = [(order, True) for order in candidates] + [(candidates[0], False)]
    lay = graph.layer_of
    for order, spread in tries:
        option = _Columns(ids, graph, order, edges, heights, spread)
        ys = _centres(option)
        count = count_crossings(
            [((-float(lay[a]), ys[a]), (-float(lay[b]), ys[b])) for a, b, _ in edges]
        )
        if best is None or count < best_count:
            best, best_count = option, count
    assert best is not None
    return best


def layout_map(
    district: District,
    analysis: Analysis,
    *,
    goal_focus: str | None = None,
    options: LayoutOptions | None = None,
    today: dt.date | None = None,
) -> MapLayout:
    """Place every live item (and, on request, every retired one) and route every link.
    With `today`, strategy cards carry the cycle running on that date."""
    options = options or LayoutOptions()
    highlight = frozenset(line_of_sight(district, analysis, goal_focus)) if goal_focus else None
    items = district.items
    live = sorted((i for i, item in items.items() if item.live), key=natural_key)
    linked = [i for i in live if items[i].kind == "goal" or analysis.goals_of.get(i)]
    linked_set = set(linked)
    orphans = [i for i in live if i not in linked_set]
    live_set = set(live)
    supports = sorted(
        {
            (ln.src, ln.dst)
            for ln in district.links.values()
            if ln.kind == "supports" and ln.src in live_set and ln.dst in live_set
        },
        key=lambda e: (natural_key(e[0]), natural_key(e[1])),
    )
    strengths = {
        (ln.src, ln.dst): ln.strength for ln in district.links.values() if ln.kind == "supports"
    }

    main = _layer_region(linked, items, supports, options.passes)
    # Orphans linked to each other keep their chains (laid out like the map); the rest are
    # packed in a grid.
    orphan_set = set(orphans)
    chained = {end for link in supports if orphan_set.issuperset(link) for end in link}
    loose = [i for i in orphans if i in chained]
    isolated = [i for i in orphans if i not in chained]
    orphan_cols = _layer_region(loose, items, supports, options.passes)

    cards: dict[str, Card] = {}
    regions: list[Region] = []
    edges: list[EdgeGeom] = []

    top = MARGIN + HEADER_H
    panel_of = _choose_panels(main, options.aspect, top)
    right, bottom = _place_panels(main, panel_of, top, cards, edges, strengths)
    _column_regions(main, panel_of, items, cards, bottom, regions)

    columns = max(len(orphan_cols.graph.layers), 3)
    column_x = [MARGIN + (columns - 1 - lay) * (CARD_W + COLUMN_GAP) for lay in range(columns)]
    width = max(right + MARGIN, 2 * MARGIN + columns * CARD_W + (columns - 1) * COLUMN_GAP)

    y = bottom + REGION_GAP
    if orphans:
        start = y
        y = _place_orphan_chains(orphan_cols, column_x, y + HEADER_H, cards, edges, strengths)
        y = _grid(isolated, y if loose else start + HEADER_H, width, "orphans", cards)
        regions.append(
            Region("orphans", ORPHAN_LABEL, MARGIN / 2, start, width - MARGIN, y - start)
        )
        y += REGION_GAP
    if options.show_retired:
        retired = sorted((i for i, it in items.items() if not it.live), key=natural_key)
        if retired:
            start = y
            y = _grid(retired, y + HEADER_H, width, "retired", cards)
            regions.append(
                Region("retired", RETIRED_LABEL, MARGIN / 2, start, width - MARGIN, y - start)
            )
            y += REGION_GAP

    # Links that run between regions (a linked item supporting an orphan), and conflicts.
    drawn = {(e.src, e.dst) for e in edges}
    for src, dst in supports:
        if (src, dst) not in drawn and src in cards and dst in cards:
            edges.append(
                EdgeGeom(
                    src, dst, "supports", strengths[(src, dst)], _side_to_side(cards, src, dst)
                )
            )
    conflict_links = sorted(
        (ln for ln in district.links.values() if ln.kind == "conflicts"),
        key=lambda ln: (natural_key(ln.key[1]), natural_key(ln.key[2])),
    )
    for ln in conflict_links:
        a, b = ln.key[1], ln.key[2]
        if a in cards and b in cards:
            edges.append(EdgeGeom(a, b, "conflicts", ln.strength, _conflict_route(cards, a, b)))

    height = max(y - REGION_GAP + MARGIN, top + MARGIN)
    return MapLayout(
        cards,
        edges,
        regions,
        width,
        height,
        highlight,
        len(main.graph.layers),
        max(panel_of, default=0) + 1,
        len(main.graph.layer_of) - main.graph.real,
        today,
    )


def _column_label(kinds: set[str]) -> str:
    if kinds <= {"goal"}:
        return "Goals" if kinds else ""
    if kinds == {"strategy"}:
        return "Strategies"
    if "strategy" in kinds:
        return "Strategies, programs & policies"
    return "Programs & policies"


def _centres(cols: _Columns) -> list[float]:
    """Centre y of every node of a layered region, relative to its own origin."""
    graph = cols.graph
    heights = cols.heights + [LINE_SLOT] * (len(graph.layer_of) - graph.real)
    if cols.spread:
        return spread_columns(cols.order, heights, graph.real, CARD_GAP, LINE_GAP)
    return place_columns(
        cols.order, graph.right, graph.left, heights, graph.real, CARD_GAP, LINE_GAP
    )


def _choose_panels(cols: _Columns, aspect: float | None, top: float) -> list[int]:
    """The panel of every card of the linked map (0 = leftmost): as many panels as bring
    the whole map nearest `aspect`, cut where the fewest links run from one to the next."""
    real = cols.graph.real
    if aspect is None or real == 0:
        return [0] * real
    ys = _centres(cols)
    ranked = sorted(range(real), key=lambda n: (ys[n], n))
    rank = [0] * real
    for r, n in enumerate(ranked):
        rank[n] = r
    # crossing[i]: links between a card ranked <= i and one ranked > i (a difference array).
    crossing = [0] * (real + 1)
    for src, dst, _ in cols.edges:
        low, high = sorted((rank[src], rank[dst]))
        crossing[low] += 1
        crossing[high] -= 1
    for i in range(1, real):
        crossing[i] += crossing[i - 1]
    span = max(ys[ranked[-1]] - ys[ranked[0]], 1.0)
    best: tuple[float, list[int]] = (float("inf"), [0] * real)
    for count in range(1, min(MAX_PANELS, real) + 1):
        cuts: list[int] = []  # panel j holds ranks cuts[j-1]+1 .. cuts[j]
        for j in range(1, count):
            target = ys[ranked[0]] + span * j / count
            first = cuts[-1] + 1 if cuts else 0
            if first > real - 2:
                break  # no card left for another panel
            window = [
                i
                for i in range(first, real - 1)
                if abs((ys[ranked[i]] + ys[ranked[i + 1]]) / 2 - target) <= span / (2 * count)
            ] or [first]
            cuts.append(
                min(
                    window,
                    key=lambda i: (
                        crossing[i]
                        + 20 * abs((ys[ranked[i]] + ys[ranked[i + 1]]) / 2 - target) / span,
                        i,
                    ),
                )
            )
        if len(cuts) < count - 1:
            continue
        panel_of = [0] * real
        for n in range(real):
            panel_of[n] = sum(1 for cut in cuts if rank[n] > cut)
        width, height = _panels_size(cols, ys, panel_of, top)
        score = abs(math.log(width / height / aspect))
        if score < best[0] - 1e-9:
            best = (score, panel_of)
    return best[1]


def _panel_frames(
    cols: _Columns, ys: list[float], panel_of: list[int], top: float
) -> list[tuple[list[float], float]]:
    """Each panel's column x positions and the shift that brings its top card to `top`."""
    graph = cols.graph
    count = max(panel_of, default=0) + 1
    layers = [1] * count
    lows = [float("inf")] * count
    for n in range(graph.real):
        p = panel_of[n]
        layers[p] = max(layers[p], graph.layer_of[n] + 1)
        lows[p] = min(lows[p], ys[n] - cols.heights[n] / 2)
    frames: list[tuple[list[float], float]] = []
    left = MARGIN
    for p in range(count):
        xs = [left + (layers[p] - 1 - lay) * (CARD_W + COLUMN_GAP) for lay in range(layers[p])]
        frames.append((xs, top - lows[p] if lows[p] != float("inf") else top))
        left += layers[p] * CARD_W + (layers[p] - 1) * COLUMN_GAP + PANEL_GAP
    return frames


def _panels_size(
    cols: _Columns, ys: list[float], panel_of: list[int], top: float
) -> tuple[float, float]:
    frames = _panel_frames(cols, ys, panel_of, top)
    right = max(xs[0] + CARD_W for xs, _ in frames)
    bottom = max(
        ys[n] + frames[panel_of[n]][1] + cols.heights[n] / 2 for n in range(cols.graph.real)
    )
    return right + MARGIN, bottom + MARGIN


def _place_panels(
    cols: _Columns,
    panel_of: list[int],
    top: float,
    cards: dict[str, Card],
    edges: list[EdgeGeom],
    strengths: dict[tuple[str, str], str],
) -> tuple[float, float]:
    """Place the linked map's panels from `top` down; returns their right and bottom edge.
    Links between panels are left to the caller (drawn straight from card to card)."""
    if not cols.ids:
        return MARGIN, top
    ys = _centres(cols)
    frames = _panel_frames(cols, ys, panel_of, top)
    return _place_region(cols, frames, panel_of, "map", cards, edges, strengths, ys)


def _column_regions(
    cols: _Columns,
    panel_of: list[int],
    items: dict[str, Item],
    cards: dict[str, Card],
    bottom: float,
    regions: list[Region],
) -> None:
    """A labelled band behind every column of every panel."""
    graph = cols.graph
    columns: dict[tuple[int, int], tuple[float, set[str]]] = {}
    for n in range(graph.real):
        card = cards[cols.ids[n]]
        kinds = columns.setdefault((panel_of[n], card.layer), (card.x, set()))[1]
        kinds.add(items[cols.ids[n]].kind)
    panels = max(panel_of, default=0) + 1
    for (p, lay), (x, kinds) in sorted(columns.items()):
        key = f"column:{lay}" if panels == 1 else f"column:{lay}:{p}"
        regions.append(Region(key, _column_label(kinds), x, MARGIN, CARD_W, bottom - MARGIN))


def _place_region(
    cols: _Columns,
    frames: list[tuple[list[float], float]],
    panel_of: list[int],
    region: str,
    cards: dict[str, Card],
    edges: list[EdgeGeom],
    strengths: dict[tuple[str, str], str],
    ys: list[float],
) -> tuple[float, float]:
    """Give a layered region its coordinates in its panels' frames (column x positions
    and a vertical shift each); returns its right and bottom edge. A link between two
    panels is not drawn here."""
    graph = cols.graph
    bottom = 0.0
    right = 0.0
    for n, item_id in enumerate(cols.ids):
        column_x, shift = frames[panel_of[n]]
        lay = graph.layer_of[n]
        h = cols.heights[n]
        y = ys[n] + shift - h / 2
        cards[item_id] = Card(item_id, column_x[lay], y, CARD_W, h, lay, region)
        bottom = max(bottom, y + h)
        right = max(right, column_x[0] + CARD_W)
    for (src, dst, flipped), chain in zip(cols.edges, graph.chains, strict=True):
        if panel_of[src] != panel_of[dst]:
            continue
        column_x, shift = frames[panel_of[src]]
        pts: list[Point] = []
        for k, node in enumerate(chain):
            x = column_x[graph.layer_of[node]]
            y = ys[node] + shift
            if k > 0:
                pts.append((x, y))
            if k < len(chain) - 1:
                pts.append((x + CARD_W, y))
        a, b = cols.ids[src], cols.ids[dst]
        if flipped:
            a, b = b, a
            pts.reverse()
        edges.append(EdgeGeom(a, b, "supports", strengths[(a, b)], tuple(pts)))
    return right, bottom


def _place_orphan_chains(
    cols: _Columns,
    column_x: list[float],
    top: float,
    cards: dict[str, Card],
    edges: list[EdgeGeom],
    strengths: dict[tuple[str, str], str],
) -> float:
    """Orphans linked to each other, laid out like the map in one panel; returns the bottom."""
    if not cols.ids:
        return top
    ys = _centres(cols)
    shift = top - min(ys[n] - cols.heights[n] / 2 for n in range(cols.graph.real))
    panel_of = [0] * cols.graph.real
    return _place_region(
        cols, [(column_x, shift)], panel_of, "orphans", cards, edges, strengths, ys
    )[1]


def _grid(
    ids: Iterable[str], top: float, width: float, region: str, cards: dict[str, Card]
) -> float:
    """Pack cards in rows across the map's width; returns the bottom."""
    per_row = max(1, int((width - 2 * MARGIN + GRID_GAP) // (CARD_W + GRID_GAP)))
    bottom = top
    for k, item_id in enumerate(ids):
        row, col = divmod(k, per_row)
        x = MARGIN + col * (CARD_W + GRID_GAP)
        y = top + row * (CARD_H + GRID_GAP)
        cards[item_id] = Card(item_id, x, y, CARD_W, CARD_H, -1, region)
        bottom = y + CARD_H
    return bottom


def _side_to_side(cards: dict[str, Card], a: str, b: str) -> tuple[Point, ...]:
    """A straight link between the facing sides of two cards (their centres if stacked)."""
    ca, cb = cards[a], cards[b]
    (ax, ay), (bx, by) = ca.centre, cb.centre
    if ca.x + ca.w <= cb.x:
        return ((ca.x + ca.w, ay), (cb.x, by))
    if cb.x + cb.w <= ca.x:
        return ((ca.x, ay), (cb.x + cb.w, by))
    return (
        (ax, ay + (ca.h / 2 if by > ay else -ca.h / 2)),
        (bx, by + (-cb.h / 2 if by > ay else cb.h / 2)),
    )


def _conflict_route(cards: dict[str, Card], a: str, b: str) -> tuple[Point, ...]:
    """Conflicts are not layered: a bracket beside a shared column, else a straight line."""
    ca, cb = cards[a], cards[b]
    if ca.x == cb.x:
        out = ca.x + ca.w + COLUMN_GAP / 4
        return (
            (ca.x + ca.w, ca.centre[1]),
            (out, ca.centre[1]),
            (out, cb.centre[1]),
            (cb.x + cb.w, cb.centre[1]),
        )
    return _side_to_side(cards, a, b)
