"""The coherence map's geometry: where every card, lane, link and bracket goes.

The drawing is made for what a district plan is: nearly a forest of supports links
(program -> strategy -> goal). Each goal gets a lane, a horizontal band read left to right
like an improvement-science driver diagram: the goal at the left (the largest text on the
map), its strategies, then the programs and policies that serve them, and items that serve
those further right. An item serving several goals stands once, at the edge of its home lane
nearest the others, with every link drawn. Competing programs stand side by side under a
bracket when that costs no crossing. Items that reach no goal gather in their own band,
"Not linked to any goal", with their money. Lanes stay whole: they are flowed into side by
side columns of lanes toward a screen's or a page's shape, so a page break can always fall
between lanes.

Ordering is a Sugiyama pipeline (`ordering.py`): longest-path layers, dummy nodes for long
links, barycentre and median sweeps with transposition, confined to lanes and started from a
depth-first order from the goals (which draws a forest with no crossing at all). Vertical
positions within a lane come from `placement.place_columns`.

Public output, read by the Qt view, the SVG, the PDF and the posters (`MapLayout`):
- `cards`: every placed item's rectangle, its column (`layer`, 0 = goals), its region
  ("map", "orphans", "retired") and its `lane` (the goal id of the band it stands in);
- `lanes`: one `Lane` per live goal, in drawing order: the goal id, the band's rectangle,
  its counts and money. Pages may break between lanes, and a goal's page can crop to one;
- `orphan_band`: the "Not linked to any goal" rectangle (None when there are no orphans),
  with `orphan_money`, the yearly cost of the programs in it;
- `brackets`: competing programs standing together, one bracket per run;
- `edges`: every link as a polyline (supports links from the supporter to the supported);
- `regions`: everything drawn behind the cards (column headings, lane bands, the orphan and
  retired bands), each with its label; `width`, `height`.

Everything is in points (1/72 inch; one Qt scene unit). The result depends only on the
district's content, never on the order items were read in.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import textwrap
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout.lanes import (
    block_keys,
    flow_lanes,
    home_lanes,
    lane_order,
)
from coherence_planner.domain.layout.ordering import (
    LayeredGraph,
    depth_first_order,
    minimise_crossings,
)
from coherence_planner.domain.layout.placement import place_columns
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal, Item, Policy, Program, Strategy
from coherence_planner.domain.model.text import visible
from coherence_planner.domain.model.wording import money_short
from coherence_planner.domain.progress.cycles import card_line

# Card geometry on screen, in points. Every renderer draws these sizes (see `Geometry`).
CARD_W = 200.0
CARD_H = 76.0
GOAL_W = 220.0  # goals are wider and taller: their statements are the map's largest text
GOAL_H = 120.0
CARD_GAP = 8.0  # vertical space between two cards in a column
LINE_SLOT = 6.0  # vertical space a link passing through a column takes
LINE_GAP = 4.0
COLUMN_GAP = 64.0  # horizontal space between columns, where the links run
MARGIN = 24.0
HEADER_H = 34.0  # the column headings' strip
LANE_HEADER = 26.0  # a lane's label strip (its counts and money)
LANE_PAD = 10.0  # inside a lane, around its cards
LANE_GAP = 12.0  # between two lanes of one column of lanes
FLOW_GAP = 36.0  # between two columns of lanes
REGION_GAP = 40.0
GRID_GAP = 16.0  # between cards packed in a grid (orphans, retired)
BRACKET_GAP = 5.0  # from a card's right side to its competing bracket
SIDE_LINK = 12.0  # from a card's right side to a link to a card of its own column
PROJECTOR = 16 / 9  # the aspect the map is flowed toward by default (width / height)

ORPHAN_LABEL = "Not linked to any goal"
RETIRED_LABEL = "Retired (not analysed)"

Point = tuple[float, float]


@dataclass(frozen=True)
class NameText:
    """How a card's name is set: font size and line height in points, characters a line
    holds at that size on the card, and lines at most."""

    size: float
    leading: float
    chars: int
    lines: int


# Goal statements are long and are what the room reads first: the largest text on the map.
NAME_TEXT = {
    "goal": NameText(15.0, 18.0, 26, 4),
    "strategy": NameText(12.0, 14.0, 28, 3),
    "program": NameText(11.0, 13.0, 30, 3),
    "policy": NameText(11.0, 13.0, 30, 3),
}
NAME_CHARS = NAME_TEXT["program"].chars
NAME_LINES = NAME_TEXT["program"].lines


class LayoutError(ValueError):
    """A layout request that names something the district does not have."""


@dataclass(frozen=True)
class Geometry:
    """Card sizes and spacing; renderers that need smaller cards (a poster) pass their own."""

    card_w: float = CARD_W
    card_h: float = CARD_H
    goal_w: float = GOAL_W
    goal_h: float = GOAL_H
    card_gap: float = CARD_GAP
    column_gap: float = COLUMN_GAP


SCREEN = Geometry()


@dataclass(frozen=True)
class LayoutOptions:
    show_retired: bool = False  # place retired items, greyed, in their own band
    passes: int = 12  # crossing-minimisation sweeps per heuristic
    # Width / height the lanes are flowed toward (whole lanes, in columns of lanes). None
    # keeps one column of lanes.
    aspect: float | None = PROJECTOR
    geometry: Geometry = SCREEN


@dataclass(frozen=True)
class Card:
    """An item's rectangle: top-left corner, size, its column (0 = goals; -1 in a grid),
    its region ("map", "orphans" or "retired") and the goal id of the lane it stands in."""

    id: str
    x: float
    y: float
    w: float
    h: float
    layer: int
    region: str
    lane: str | None = None

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
    """A labelled rectangle drawn behind the cards: a column heading ("column:0"), a goal's
    lane ("lane:G1"), the orphan band ("orphans") or the retired band ("retired")."""

    key: str
    label: str
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Lane:
    """One goal's band: the goal card stands at its left, everything whose home it is inside.

    `items` counts the cards in the lane besides the goal; `money` is the yearly cost the
    resource rule gives the goal (a program serving two goals gives each half)."""

    goal: str
    x: float
    y: float
    w: float
    h: float
    items: int
    money: float


@dataclass(frozen=True)
class Bracket:
    """Competing programs of one group standing together in one column: a bracket at x
    from y to y + h, beside the cards `ids` (top to bottom). `group` is the 0-based index
    into `Analysis.competing` (cards show it 1-based)."""

    group: int
    ids: tuple[str, ...]
    x: float
    y: float
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
    dummies: int = 0  # column crossings of links longer than one column (a size measure)
    today: dt.date | None = None  # the date strategy cards show their running cycle for
    lanes: list[Lane] = field(default_factory=list)
    brackets: list[Bracket] = field(default_factory=list)
    orphan_band: Region | None = None
    orphan_money: float = 0.0

    def centre_segments(self, kind: str = "supports") -> list[tuple[Point, Point]]:
        """Straight centre-to-centre segments of the links of one kind (crossing counts)."""
        return [
            (self.cards[e.src].centre, self.cards[e.dst].centre)
            for e in self.edges
            if e.kind == kind
        ]

    def lane_of(self, goal_id: str) -> Lane | None:
        return next((lane for lane in self.lanes if lane.goal == goal_id), None)


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
    return card_line(item, today, NAME_TEXT["strategy"].chars + 10)


def card_text(item: Item, today: dt.date | None) -> tuple[list[str], str]:
    """A card's name lines and cycle line: a running cycle takes the third name line."""
    cycle = card_cycle_line(item, today)
    text = NAME_TEXT[item.kind]
    lines = text.lines - 1 if cycle else text.lines
    # Drawn without bidi controls (domain/model/text.py): a name never reverses the card.
    return card_name_lines(visible(item.label), width=text.chars, lines=lines), cycle


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


def line_of_sight_layout(
    district: District,
    analysis: Analysis,
    goal_id: str,
    *,
    options: LayoutOptions | None = None,
    today: dt.date | None = None,
) -> MapLayout:
    """One goal's line of sight alone: its lane, laid out as the whole map lays out lanes,
    for the presenter's goal step and a goal's own page. Links to items outside it are
    left out; the flags on the cards are the whole plan's."""
    keep = line_of_sight(district, analysis, goal_id)
    part = District(district.name, district.school_year)
    for item_id, item in district.items.items():
        if item_id in keep:
            part.add_item(item)
    for link in district.links.values():
        if link.src in keep and link.dst in keep:
            part.add_link(link)
    return layout_map(part, analysis, options=options, today=today)


# ------------------------------------------------------------------------- layout


def card_size(item: Item, geometry: Geometry = SCREEN) -> tuple[float, float]:
    """A card's width and height: goals are larger, so their statements can be."""
    if item.kind == "goal":
        return geometry.goal_w, geometry.goal_h
    return geometry.card_w, geometry.card_h


def _band(item: Item) -> int:
    return {"goal": 0, "strategy": 1}.get(item.kind, 2)


@dataclass
class _Layered:
    """A layered drawing of some items: the ids (node n is ids[n]; dummies follow), the
    graph, its acyclic edges, the chosen order and every node's lane rank."""

    ids: list[str]
    graph: LayeredGraph
    edges: list[tuple[int, int, bool]]
    side: list[tuple[int, int]]  # supports links within one column
    order: list[list[int]]
    lane: list[int]
    goals: list[int]  # the goal node of each lane rank
    sizes: list[tuple[float, float]]  # of every real node
    geometry: Geometry = SCREEN
    xy: list[Point] = field(default_factory=list)  # left x and centre y of every node, placed
    col_w: list[float] = field(default_factory=list)  # every column's width


def _layer(
    ids: list[str],
    items: dict[str, Item],
    links: Sequence[tuple[str, str]],
    analysis: Analysis,
    options: LayoutOptions,
) -> _Layered:
    index = {item_id: n for n, item_id in enumerate(ids)}
    bands = [_band(items[i]) for i in ids]
    edges, side = _column_edges(index, bands, links)
    lowest = min(bands, default=0)
    graph = LayeredGraph.build([band - lowest for band in bands], edges)
    goals = [n for n, i in enumerate(ids) if items[i].kind == "goal"]
    if goals:
        reach = [[index[g] for g in analysis.goals_of.get(i, ()) if g in index] for i in ids]
        home = home_lanes(graph, edges, side, goals, reach)
        goals = lane_order(goals, home, edges)
        rank = {g: r for r, g in enumerate(goals)}
        lane = [rank[h] for h in home]
        roots = goals
    else:
        lane = [0] * len(graph.layer_of)
        roots = graph.layers[0] if graph.layers else []
    initial = depth_first_order(graph, roots, lane)
    key = block_keys(graph, lane, initial) if goals else lane
    initial = [sorted(nodes, key=key.__getitem__) for nodes in initial]
    order = minimise_crossings(graph, initial, key, options.passes)
    group_of = {index[i]: grp for i, grp in analysis.group_of.items() if i in index}
    _gather_competing(graph, order, key, group_of)
    sizes = [card_size(items[i], options.geometry) for i in ids]
    return _Layered(ids, graph, edges, side, order, lane, goals, sizes, options.geometry)


def _column_edges(
    index: dict[str, int], bands: Sequence[int], links: Sequence[tuple[str, str]]
) -> tuple[list[tuple[int, int, bool]], list[tuple[int, int]]]:
    """Links between columns, each running from the higher column to the lower (reversed
    when the supporter stands nearer the goals), and links between two cards of one column.

    Columns are by kind (goals, strategies, programs and policies), as a driver diagram's
    are: a program supporting another program stands in the same column, with a side link,
    instead of pushing the map one column wider for every step of such a chain."""
    edges: list[tuple[int, int, bool]] = []
    side: list[tuple[int, int]] = []
    for src, dst in links:
        a, b = index.get(src), index.get(dst)
        if a is None or b is None or a == b:
            continue
        if bands[a] > bands[b]:
            edges.append((a, b, False))
        elif bands[a] < bands[b]:
            edges.append((b, a, True))
        else:
            side.append((a, b))
    return edges, side


# Competing programs gather only across this many cards: further apart, they have little in
# common on the map, and the crossing check would be slow.
GATHER_SPAN = 120


def _gather_competing(
    graph: LayeredGraph, order: list[list[int]], lane: Sequence[int], group_of: dict[int, int]
) -> None:
    """Bring each competing group's members in one lane and column next to each other,
    around their middle member, wherever that adds no crossing with the adjacent columns."""
    pos = [0] * len(graph.layer_of)
    for nodes in order:
        for p, n in enumerate(nodes):
            pos[n] = p
    for nodes in order:
        runs: dict[tuple[int, int], list[int]] = {}
        for n in nodes:
            group = group_of.get(n)
            if group is not None:
                runs.setdefault((lane[n], group), []).append(n)
        for members in runs.values():
            if len(members) < 2:
                continue
            lo, hi = pos[members[0]], pos[members[-1]]
            if hi - lo + 1 == len(members) or hi - lo > GATHER_SPAN:
                continue
            segment = nodes[lo : hi + 1]
            anchor = pos[members[len(members) // 2]]
            mset = set(members)
            before = [n for n in segment if n not in mset and pos[n] < anchor]
            after = [n for n in segment if n not in mset and pos[n] > anchor]
            new = before + members + after
            if _moved_cost(graph, pos, segment, new, mset) <= 0:
                nodes[lo : hi + 1] = new
                for p, n in enumerate(new, start=lo):
                    pos[n] = p


def _moved_cost(
    graph: LayeredGraph, pos: list[int], old: list[int], new: list[int], members: set[int]
) -> int:
    """Crossings added (negative: removed) when a stretch of a column goes from `old` to
    `new` order; only member/non-member pairs change their order."""
    where = {n: p for p, n in enumerate(new)}
    low = {n: sorted(pos[m] for m in graph.lower[n]) for n in old}
    high = {n: sorted(pos[m] for m in graph.higher[n]) for n in old}

    def cost(u: int, v: int) -> int:  # u before v
        return _pairs(low[u], low[v]) + _pairs(high[u], high[v])

    delta = 0
    for i, u in enumerate(old):
        for v in old[i + 1 :]:
            if (u in members) == (v in members) or where[u] < where[v]:
                continue
            delta += cost(v, u) - cost(u, v)
    return delta


def _pairs(a: list[int], b: list[int]) -> int:
    return sum(1 for x in a for y in b if x > y)


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
    geometry = options.geometry
    highlight = frozenset(line_of_sight(district, analysis, goal_focus)) if goal_focus else None
    items = district.items
    keys = {i: natural_key(i) for i, item in items.items() if item.live}
    live = sorted(keys, key=keys.__getitem__)
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
        key=lambda e: (keys[e[0]], keys[e[1]]),
    )
    strengths = {
        (ln.src, ln.dst): ln.strength for ln in district.links.values() if ln.kind == "supports"
    }

    main = _layer(linked, items, supports, analysis, options)
    cards: dict[str, Card] = {}
    edges: list[EdgeGeom] = []
    regions: list[Region] = []
    # Orphans linked to each other keep their chains (laid out like a lane); the rest are
    # packed in a grid. Their band is flowed with the lanes, as one more tile.
    orphan_set = set(orphans)
    chained = {
        end for link in supports if link[0] in orphan_set and link[1] in orphan_set
        for end in link
    }  # fmt: skip
    loose = [i for i in orphans if i in chained]
    isolated = [i for i in orphans if i not in chained]
    chains = _layer(loose, items, supports, analysis, options) if loose else None
    tile_w = _standard_width(main, geometry)
    orphan_h = _orphan_height(chains, len(isolated), tile_w, geometry) if orphans else None
    lanes, orphan_at = _place_lanes(main, options, items, analysis, cards, regions, orphan_h)
    brackets = _brackets(main, cards, analysis.group_of)
    _route(main, cards, edges, strengths)
    orphan_band: Region | None = None
    orphan_money = 0.0
    if orphans and orphan_at is not None:
        x0, y0 = orphan_at
        y = y0 + HEADER_H
        if chains is not None:
            y = _place_chains(chains, x0, y, cards) + GRID_GAP
            _route(chains, cards, edges, strengths)
        _grid(isolated, x0, y, tile_w, "orphans", cards, geometry)
        orphan_money = analysis.resources.orphan_cost
        assert orphan_h is not None
        label = _orphan_label(len(orphans), orphan_money)
        orphan_band = Region("orphans", label, x0, y0, tile_w, orphan_h)
        regions.append(orphan_band)
    bottom = max((c.y + c.h for c in cards.values()), default=MARGIN + HEADER_H)
    bottom = max([bottom] + [r.y + r.h for r in regions])
    right = max((c.x + c.w for c in cards.values()), default=MARGIN)
    right = max([right] + [r.x + r.w for r in regions])
    width = right + MARGIN
    y = bottom + REGION_GAP
    if options.show_retired:
        retired = sorted((i for i, it in items.items() if not it.live), key=natural_key)
        if retired:
            start = y
            y = _grid(retired, MARGIN, y + HEADER_H, width - 2 * MARGIN, "retired", cards, geometry)
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
            edges.append(
                EdgeGeom(a, b, "conflicts", ln.strength, _conflict_route(cards, a, b, geometry))
            )

    height = max(y - REGION_GAP + MARGIN, MARGIN + HEADER_H + MARGIN)
    return MapLayout(
        cards,
        edges,
        regions,
        width,
        height,
        highlight,
        len(main.graph.layers),
        len(main.graph.layer_of) - main.graph.real,
        today,
        lanes,
        brackets,
        orphan_band,
        orphan_money,
    )


def _orphan_label(count: int, money: float) -> str:
    things = "1 item" if count == 1 else f"{count} items"
    cost = f" · {money_short(money)} a year" if money else ""
    return f"{ORPHAN_LABEL} · {things}{cost}"


def _column_label(kinds: set[str]) -> str:
    if kinds <= {"goal"}:
        return "Goals" if kinds else ""
    if kinds == {"strategy"}:
        return "Strategies"
    if "strategy" in kinds:
        return "Strategies, programs & policies"
    return "Programs & policies"


def _lane_label(kinds: list[str], money: float) -> str:
    """A lane's counts and money, e.g. "3 strategies · 12 programs & policies · $1.2M a year"."""
    strategies = kinds.count("strategy")
    others = len(kinds) - strategies
    parts = []
    if strategies:
        parts.append("1 strategy" if strategies == 1 else f"{strategies} strategies")
    if others:
        parts.append(f"{others} program{'s' if others != 1 else ''} & policies")
    if not parts:
        parts.append("Nothing supports this goal yet")
    if money:
        parts.append(f"{money_short(money)} a year")
    return " · ".join(parts)


def _column_widths(layered: _Layered, geometry: Geometry) -> list[float]:
    graph = layered.graph
    widths = [geometry.card_w] * max(len(graph.layers), 1)
    for lay in range(len(graph.layers)):
        widths[lay] = max(
            (layered.sizes[n][0] for n in graph.layers[lay] if n < graph.real),
            default=geometry.card_w,
        )
    return widths


def _lane_ys(layered: _Layered, geometry: Geometry) -> list[float]:
    """Centre y of every node within its own lane (lanes placed apart, each from 0)."""
    graph = layered.graph
    lane = layered.lane
    size = len(graph.layer_of)
    heights = [h for _, h in layered.sizes] + [LINE_SLOT] * (size - graph.real)
    lower = [[m for m in graph.lower[n] if lane[m] == lane[n]] for n in range(size)]
    higher = [[m for m in graph.higher[n] if lane[m] == lane[n]] for n in range(size)]
    count = max(lane, default=-1) + 1
    per_lane: list[list[list[int]]] = [[[] for _ in graph.layers] for _ in range(count)]
    for lay, nodes in enumerate(layered.order):
        for n in nodes:
            per_lane[lane[n]][lay].append(n)
    ys = [0.0] * size
    for r in range(count):
        placed = place_columns(
            per_lane[r], lower, higher, heights, graph.real, geometry.card_gap, LINE_GAP
        )
        for nodes in per_lane[r]:
            for n in nodes:
                ys[n] = placed[n]
    _level_goals(layered, geometry, ys)
    return ys


def _level_goals(layered: _Layered, geometry: Geometry, ys: list[float]) -> None:
    """Move each goal, within its lane, to the height where the links that run to it
    straight from the programs' column cross the fewest links between programs and
    strategies (the strategies' links all end at the goal, so they never cross these)."""
    graph = layered.graph
    if len(graph.layers) < 3:
        return
    col_w = _column_widths(layered, geometry)
    xc = [sum(col_w[:lay]) + geometry.column_gap * lay + col_w[lay] / 2 for lay in range(3)]
    t = (xc[2] - xc[1]) / (xc[2] - xc[0])  # how far along a link from column 2 to 0 column 1 is
    lane = layered.lane
    longs: dict[int, list[int]] = {}  # goal -> programs linking straight to it, in its lane
    for (src, dst, _), chain in zip(layered.edges, graph.chains, strict=True):
        if len(chain) == 3 and dst in layered.goals and lane[src] == lane[dst]:
            longs.setdefault(dst, []).append(src)
    if not longs:
        return
    shorts: dict[int, list[tuple[float, float]]] = {}  # lane -> (y program, y strategy)
    for (src, dst, _), chain in zip(layered.edges, graph.chains, strict=True):
        if len(chain) == 2 and graph.layer_of[src] == 2 and lane[src] == lane[dst]:
            shorts.setdefault(lane[src], []).append((ys[src], ys[dst]))
    for goal, programs in longs.items():
        r = lane[goal]
        heads = sorted(ys[n] for n in graph.layers[1] if lane[n] == r and n < graph.real)
        half = layered.sizes[goal][1] / 2
        low = heads[0] - layered.sizes[goal][1] / 2 + half if heads else ys[goal]
        high = max(heads[-1] if heads else ys[goal], low)
        # A program p's straight link crosses link (a, b) of the lane when a is above p
        # and b below where p's link passes column 1, or the other way round.
        above: list[list[float]] = []
        below: list[list[float]] = []
        for p in programs:
            edges = shorts.get(r, [])
            above.append(sorted(b for a, b in edges if a < ys[p]))
            below.append(sorted(b for a, b in edges if a > ys[p]))
        # Only where a link passes column 1 relative to the strategies matters: between
        # two strategies' centres, every goal height gives the same count.
        levels = [heads[0] - 1.0] if heads else []
        levels += [(u + v) / 2 for u, v in itertools.pairwise(heads)]
        levels += [heads[-1] + 1.0] if heads else []
        candidates = {ys[goal]}
        for p in programs:
            for level in levels:
                candidates.add((level - (1 - t) * ys[p]) / t)

        heights = sorted({min(max(c, low), high) for c in candidates})
        at = [ys[p] for p in programs]
        now = ys[goal]
        scored = [(_straight_crossings(y, at, above, below, t), abs(y - now), y) for y in heights]
        ys[goal] = min(scored)[2]


def _straight_crossings(
    y_goal: float, at: list[float], above: list[list[float]], below: list[list[float]], t: float
) -> int:
    """Crossings of straight links from programs at heights `at` to a goal at `y_goal`,
    with the links from programs above (below) each to strategies at the sorted heights
    `above[k]` (`below[k]`); t is how far along such a link column 1 stands."""
    total = 0
    for k, y in enumerate(at):
        mid = y + t * (y_goal - y)
        total += len(above[k]) - bisect_right(above[k], mid) + bisect_left(below[k], mid)
    return total


def _place_lanes(
    layered: _Layered,
    options: LayoutOptions,
    items: dict[str, Item],
    analysis: Analysis,
    cards: dict[str, Card],
    regions: list[Region],
    orphan_h: float | None,
) -> tuple[list[Lane], Point | None]:
    """Cards of the linked map in their lanes, lanes flowed into columns of lanes after
    which comes the orphan band, `orphan_h` high (None: no band); the column headings and
    lane bands go into `regions`. Returns the lanes and the orphan band's top left."""
    graph, geometry = layered.graph, options.geometry
    if not layered.ids:
        return [], (MARGIN, MARGIN) if orphan_h is not None else None
    size = len(graph.layer_of)
    heights = [h for _, h in layered.sizes] + [LINE_SLOT] * (size - graph.real)
    ys = _lane_ys(layered, geometry)
    col_w = _column_widths(layered, geometry)
    count = len(layered.goals)
    tops = [float("inf")] * count
    bottoms = [float("-inf")] * count
    depth = [1] * count
    for n in range(size):
        r = layered.lane[n]
        tops[r] = min(tops[r], ys[n] - heights[n] / 2)
        bottoms[r] = max(bottoms[r], ys[n] + heights[n] / 2)
        depth[r] = max(depth[r], graph.layer_of[n] + 1)
    tile_h = [LANE_HEADER + 2 * LANE_PAD + bottoms[r] - tops[r] for r in range(count)]
    tile_w = [
        2 * LANE_PAD + sum(col_w[: depth[r]]) + geometry.column_gap * (depth[r] - 1)
        for r in range(count)
    ]
    tiles_h, tiles_w = list(tile_h), list(tile_w)
    if orphan_h is not None:
        tiles_h.append(orphan_h)
        tiles_w.append(_standard_width(layered, geometry))
    flow = flow_lanes(tiles_h, tiles_w, LANE_GAP, FLOW_GAP, options.aspect)
    flows = max(flow) + 1
    flow_w = [max(w for w, f in zip(tiles_w, flow, strict=True) if f == k) for k in range(flows)]
    flow_x = [MARGIN + sum(flow_w[:k]) + FLOW_GAP * k for k in range(flows)]
    top = MARGIN + HEADER_H
    tile_y = [0.0] * len(tiles_h)
    used = [top] * flows
    for r in range(len(tiles_h)):
        tile_y[r] = used[flow[r]]
        used[flow[r]] += tiles_h[r] + LANE_GAP
    lane_y = tile_y[:count]
    orphan_at = (flow_x[flow[-1]], tile_y[-1]) if orphan_h is not None else None

    def column_x(k: int, lay: int) -> float:
        return flow_x[k] + LANE_PAD + sum(col_w[:lay]) + geometry.column_gap * lay

    layered_x = [column_x(flow[layered.lane[n]], graph.layer_of[n]) for n in range(size)]
    shift = [lane_y[r] + LANE_HEADER + LANE_PAD - tops[r] for r in range(count)]
    layered_y = [ys[n] + shift[layered.lane[n]] for n in range(size)]
    layered.xy = list(zip(layered_x, layered_y, strict=True))
    layered.col_w = col_w
    goal_ids = [layered.ids[g] for g in layered.goals]
    members: list[list[str]] = [[] for _ in range(count)]
    for n in range(graph.real):
        item_id = layered.ids[n]
        r = layered.lane[n]
        w, h = layered.sizes[n]
        cards[item_id] = Card(
            item_id, layered_x[n], layered_y[n] - h / 2, w, h, graph.layer_of[n], "map",
            goal_ids[r],
        )  # fmt: skip
        if n != layered.goals[r]:
            members[r].append(items[item_id].kind)

    # Column headings over every column of lanes, then the lanes' bands.
    kinds_at: dict[int, set[str]] = {}
    for n in range(graph.real):
        kinds_at.setdefault(graph.layer_of[n], set()).add(items[layered.ids[n]].kind)
    for k in range(flows):
        deepest = max((depth[r] for r in range(count) if flow[r] == k), default=0)
        for lay in range(deepest):
            key = f"column:{lay}" if flows == 1 else f"column:{lay}:{k}"
            label = _column_label(kinds_at.get(lay, set()))
            regions.append(Region(key, label, column_x(k, lay), MARGIN, col_w[lay], HEADER_H - 6))
    lanes: list[Lane] = []
    for r in range(count):
        money = analysis.resources.by_goal.get(goal_ids[r], 0.0)
        k = flow[r]
        lane = Lane(goal_ids[r], flow_x[k], lane_y[r], flow_w[k], tile_h[r], len(members[r]), money)
        lanes.append(lane)
        label = _lane_label(members[r], money)
        regions.append(Region(f"lane:{goal_ids[r]}", label, lane.x, lane.y, lane.w, lane.h))
    return lanes, orphan_at


def _place_chains(layered: _Layered, left: float, top: float, cards: dict[str, Card]) -> float:
    """Orphans linked to each other, laid out like one lane from (left, top); returns the
    bottom."""
    graph, geometry = layered.graph, layered.geometry
    size = len(graph.layer_of)
    heights = [h for _, h in layered.sizes] + [LINE_SLOT] * (size - graph.real)
    ys = place_columns(
        layered.order, graph.lower, graph.higher, heights, graph.real, geometry.card_gap, LINE_GAP
    )
    low = min(ys[n] - heights[n] / 2 for n in range(size))
    col_w = _column_widths(layered, geometry)
    xs = [
        left + LANE_PAD + sum(col_w[:lay]) + geometry.column_gap * lay for lay in range(len(col_w))
    ]
    layered.xy = [(xs[graph.layer_of[n]], ys[n] - low + top) for n in range(size)]
    layered.col_w = col_w
    bottom = top
    for n in range(graph.real):
        item_id = layered.ids[n]
        w, h = layered.sizes[n]
        x, y = layered.xy[n]
        cards[item_id] = Card(item_id, x, y - h / 2, w, h, graph.layer_of[n], "orphans")
        bottom = max(bottom, y + h / 2)
    return bottom


def _route(
    layered: _Layered,
    cards: dict[str, Card],
    edges: list[EdgeGeom],
    strengths: dict[tuple[str, str], str],
) -> None:
    """Every link of a layered drawing: inside a lane, from the supporter's left side through
    the slots of the columns it passes to the supported card's right side; between lanes,
    straight from side to side."""
    graph = layered.graph
    for (src, dst, flipped), chain in zip(layered.edges, graph.chains, strict=True):
        a, b = layered.ids[src], layered.ids[dst]
        if flipped:
            a, b = b, a
        if layered.lane[src] != layered.lane[dst]:
            edges.append(EdgeGeom(a, b, "supports", strengths[(a, b)], _side_to_side(cards, a, b)))
            continue
        pts: list[Point] = []
        last = len(chain) - 1
        for k, node in enumerate(chain):
            x, y = layered.xy[node]
            w = layered.sizes[node][0] if node < graph.real else layered.col_w[graph.layer_of[node]]
            if k > 0:
                pts.append((x + w, y))
            if k < last:
                pts.append((x, y))
        if flipped:
            pts.reverse()
        edges.append(EdgeGeom(a, b, "supports", strengths[(a, b)], tuple(pts)))
    for k, (src, dst) in enumerate(layered.side):
        a, b = layered.ids[src], layered.ids[dst]
        ca, cb = cards[a], cards[b]
        if ca.x != cb.x:
            pts_side = _side_to_side(cards, a, b)
        else:
            # Beside the column, clear of the competing brackets, staggered so that
            # neighbouring side links do not run on top of each other.
            out = max(ca.x + ca.w, cb.x + cb.w) + SIDE_LINK + 4.0 * (k % 3)
            pts_side = (
                (ca.x + ca.w, ca.centre[1]),
                (out, ca.centre[1]),
                (out, cb.centre[1]),
                (cb.x + cb.w, cb.centre[1]),
            )
        edges.append(EdgeGeom(a, b, "supports", strengths[(a, b)], pts_side))


def _brackets(layered: _Layered, cards: dict[str, Card], group_of: dict[str, int]) -> list[Bracket]:
    """A bracket beside every run of two or more competing programs of one group standing
    one under the other in a lane's column (passing lines between them do not break a run)."""
    graph = layered.graph
    found: list[Bracket] = []
    for nodes in layered.order:
        run: list[str] = []
        key: tuple[int, int] | None = None
        for n in [*nodes, -1]:
            if 0 <= n < graph.real or n == -1:
                item_id = layered.ids[n] if n >= 0 else ""
                group = group_of.get(item_id)
                here = (layered.lane[n], group) if group is not None else None
                if here is not None and here == key:
                    run.append(item_id)
                    continue
                if key is not None and len(run) >= 2:
                    first, last = cards[run[0]], cards[run[-1]]
                    x = max(cards[i].x + cards[i].w for i in run) + BRACKET_GAP
                    found.append(Bracket(key[1], tuple(run), x, first.y, last.y + last.h - first.y))
                run, key = ([item_id], here) if here is not None else ([], None)
    return found


def _grid(
    ids: Iterable[str],
    left: float,
    top: float,
    width: float,
    region: str,
    cards: dict[str, Card],
    geometry: Geometry,
) -> float:
    """Pack cards in rows across a band `width` wide from (left, top); returns the bottom."""
    w, h = geometry.card_w, geometry.card_h
    per_row = _per_row(width, geometry)
    bottom = top
    for k, item_id in enumerate(ids):
        row, col = divmod(k, per_row)
        x = left + LANE_PAD + col * (w + GRID_GAP)
        y = top + row * (h + GRID_GAP)
        cards[item_id] = Card(item_id, x, y, w, h, -1, region)
        bottom = y + h
    return bottom


def _per_row(width: float, geometry: Geometry) -> int:
    return max(1, int((width - 2 * LANE_PAD + GRID_GAP) // (geometry.card_w + GRID_GAP)))


def _standard_width(layered: _Layered, geometry: Geometry) -> float:
    """The width of a lane with all three columns: the orphan band's width too."""
    col_w = _column_widths(layered, geometry) if layered.ids else []
    col_w = [*col_w, geometry.goal_w, geometry.card_w, geometry.card_w][:3]
    col_w[0] = max(col_w[0], geometry.goal_w)
    return 2 * LANE_PAD + sum(col_w) + 2 * geometry.column_gap


def _orphan_height(
    chains: _Layered | None, isolated: int, width: float, geometry: Geometry
) -> float:
    """The orphan band's height: its heading, the chains, the grid, and padding."""
    height = HEADER_H
    if chains is not None:
        height = _place_chains(chains, 0.0, height, {}) + GRID_GAP
    rows = -(-isolated // _per_row(width, geometry))
    height += rows * (geometry.card_h + GRID_GAP) - (GRID_GAP if rows else 0)
    return height + LANE_PAD


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


def _conflict_route(
    cards: dict[str, Card], a: str, b: str, geometry: Geometry
) -> tuple[Point, ...]:
    """Conflicts are not layered: a bracket beside a shared column, else a straight line."""
    ca, cb = cards[a], cards[b]
    if ca.x == cb.x:
        out = ca.x + ca.w + geometry.column_gap / 4
        return (
            (ca.x + ca.w, ca.centre[1]),
            (out, ca.centre[1]),
            (out, cb.centre[1]),
            (cb.x + cb.w, cb.centre[1]),
        )
    return _side_to_side(cards, a, b)
