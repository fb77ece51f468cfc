"""Coordinates: where every card, lane, band and column heading of a layered drawing
stands, once `layers.py` has fixed the order within each column.

Each lane is placed on its own (`placement.place_columns`, then the goal levelled where its
straight links cross least), lanes and the orphan band are flowed whole into columns of
lanes (`lanes.flow_lanes`), and cards that stand in no lane are packed in grids. Every
step returns what it placed as a small named result; nothing it is given is changed.
"""

from __future__ import annotations

import dataclasses
import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout.geometry import (
    FLOW_GAP,
    GRID_GAP,
    HEADER_H,
    LANE_GAP,
    LANE_HEADER,
    LANE_PAD,
    LINE_GAP,
    LINE_SLOT,
    MARGIN,
    ROW_CARD_H,
    ROW_LINE_SLOT,
    Card,
    Geometry,
    Lane,
    LayoutOptions,
    Point,
    Region,
)
from coherence_planner.domain.layout.labels import column_label, lane_label
from coherence_planner.domain.layout.lanes import flow_lanes
from coherence_planner.domain.layout.layers import Layered
from coherence_planner.domain.layout.placement import place_columns
from coherence_planner.domain.layout.rows import Rows, pack_rows
from coherence_planner.domain.model.items import Item


@dataclass(frozen=True)
class Positions:
    """Where a layered drawing's nodes stand: the left x and centre y of every node
    (dummies included), and every column's width; the links are routed through them."""

    xy: list[Point]
    col_w: list[float]


@dataclass(frozen=True)
class PlacedLanes:
    """The linked map placed: its cards, the column headings and lane bands behind them,
    the lanes, the nodes' positions, the orphan band's top left (None: no band), and the
    ids of the cards packed in rows."""

    cards: dict[str, Card]
    regions: list[Region]
    lanes: list[Lane]
    positions: Positions
    orphan_at: Point | None
    packed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Placed:
    """Cards placed in a band (orphans' chains, or a grid), their positions when they
    were laid out in columns, and the band's bottom."""

    cards: dict[str, Card]
    bottom: float
    positions: Positions = field(default_factory=lambda: Positions([], []))


def column_widths(layered: Layered, geometry: Geometry) -> list[float]:
    graph = layered.graph
    widths = [geometry.card_w] * max(len(graph.layers), 1)
    for lay in range(len(graph.layers)):
        widths[lay] = max(
            (layered.sizes[n][0] for n in graph.layers[lay] if n < graph.real),
            default=geometry.card_w,
        )
    return widths


def _lane_ys(layered: Layered, geometry: Geometry, rows: Rows) -> list[float]:
    """Centre y of every node within its own lane (lanes placed apart, each from 0); the
    cards of a row stand level, placed as one node (its first) linked to all they link."""
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
    lead_of: dict[int, int] = {}
    for r, lane_rows in rows.rows.items():
        lay = rows.column[r]
        for row in lane_rows:
            lower[row[0]] = sorted({m for n in row for m in lower[n]})
            heights[row[0]] = max(heights[n] for n in row) + rows.pad.get(row[0], 0.0)
            lead_of.update((n, row[0]) for n in row)
            # The lines from a row's cards converge: slots their width, not a link's
            # apart, or five lines passing a column would be taller than their row.
            for n in row:
                for m in graph.lower[n]:
                    while m >= graph.real:
                        heights[m] = ROW_LINE_SLOT
                        m = graph.lower[m][0] if graph.lower[m] else graph.real
        per_lane[r][lay] = [row[0] for row in lane_rows]
        for m in per_lane[r][lay - 1]:
            higher[m] = list(dict.fromkeys(lead_of.get(n, n) for n in higher[m]))
    ys = [0.0] * size
    for r in range(count):
        placed = place_columns(
            per_lane[r], lower, higher, heights, graph.real, geometry.card_gap, LINE_GAP,
            tight=rows.column.get(r),
        )  # fmt: skip
        for nodes in per_lane[r]:
            for n in nodes:
                ys[n] = placed[n]
    for n, lead in lead_of.items():
        ys[n] = ys[lead]
    return _level_goals(layered, geometry, ys)


def _level_goals(layered: Layered, geometry: Geometry, placed: list[float]) -> list[float]:
    """The centre ys `placed`, with each goal moved, within its lane, to the height where
    the links that run to it straight from the programs' column cross the fewest links
    between programs and strategies (the strategies' links all end at the goal, so they
    never cross these)."""
    graph = layered.graph
    ys = list(placed)
    lane = layered.lane
    # Each lane's programs stand in its last column: the third, or the fourth after a
    # column of secondary drivers.
    last = [0] * len(layered.goals)
    for n in range(graph.real):
        last[lane[n]] = max(last[lane[n]], graph.layer_of[n])
    col_w = column_widths(layered, geometry)
    xc = [
        sum(col_w[:lay]) + geometry.column_gap * lay + col_w[lay] / 2 for lay in range(len(col_w))
    ]
    longs: dict[int, list[int]] = {}  # goal -> programs linking straight to it, in its lane
    shorts: dict[int, list[tuple[float, float]]] = {}  # lane -> (y program, y strategy)
    for src, dst, _ in layered.edges:
        if graph.layer_of[src] != last[lane[src]] or last[lane[src]] < 2 or lane[src] != lane[dst]:
            continue
        if dst in layered.goals:
            longs.setdefault(dst, []).append(src)
        elif graph.layer_of[dst] == 1:
            shorts.setdefault(lane[src], []).append((ys[src], ys[dst]))
    if not longs:
        return ys
    for goal, programs in longs.items():
        r = lane[goal]
        # How far along a link from the programs' column to the goal's column 1 stands.
        t = (xc[last[r]] - xc[1]) / (xc[last[r]] - xc[0])
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
    return ys


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


def place_lanes(
    layered: Layered,
    options: LayoutOptions,
    items: dict[str, Item],
    analysis: Analysis,
    orphan_h: float | None,
) -> PlacedLanes:
    """Cards of the linked map in their lanes, lanes flowed into columns of lanes after
    which comes the orphan band, `orphan_h` high (None: no band), with the column headings
    and lane bands behind them."""
    graph, geometry = layered.graph, options.geometry
    if not layered.ids:
        orphan_at = (MARGIN, MARGIN) if orphan_h is not None else None
        return PlacedLanes({}, [], [], Positions([], []), orphan_at)
    size = len(graph.layer_of)
    heights = [h for _, h in layered.sizes] + [LINE_SLOT] * (size - graph.real)
    col_w = column_widths(layered, geometry)
    after = [(standard_width(layered, geometry), orphan_h)] if orphan_h is not None else []
    rows = pack_rows(layered, col_w, options.aspect, after)
    if rows.offset:  # a card in a row is its top line and a line of name: a plan reads at Fit
        sizes = list(layered.sizes)
        for n in rows.offset:
            sizes[n] = (sizes[n][0], min(sizes[n][1], ROW_CARD_H))
        layered = dataclasses.replace(layered, sizes=sizes)
        heights = [h for _, h in layered.sizes] + [LINE_SLOT] * (size - graph.real)
    ys = _lane_ys(layered, geometry, rows)
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
        2 * LANE_PAD
        + sum(col_w[: depth[r]])
        + geometry.column_gap * (depth[r] - 1)
        + rows.width(r, geometry)
        for r in range(count)
    ]
    tiles_h, tiles_w = list(tile_h), list(tile_w)
    if orphan_h is not None:
        tiles_h.append(orphan_h)
        tiles_w.append(standard_width(layered, geometry))
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

    layered_x = [
        column_x(flow[layered.lane[n]], graph.layer_of[n]) + rows.offset.get(n, 0.0)
        for n in range(size)
    ]
    shift = [lane_y[r] + LANE_HEADER + LANE_PAD - tops[r] for r in range(count)]
    layered_y = [ys[n] + shift[layered.lane[n]] for n in range(size)]
    positions = Positions(list(zip(layered_x, layered_y, strict=True)), col_w)
    goal_ids = [layered.ids[g] for g in layered.goals]
    members: list[list[str]] = [[] for _ in range(count)]
    cards: dict[str, Card] = {}
    for n in range(graph.real):
        item_id = layered.ids[n]
        r = layered.lane[n]
        w, h = layered.sizes[n]
        cards[item_id] = Card(
            item_id, layered_x[n], layered_y[n] - h / 2, w, h, graph.layer_of[n], "map",
            goal_ids[r], n in rows.offset,
        )  # fmt: skip
        if n != layered.goals[r]:
            members[r].append(items[item_id].kind)

    # Column headings over every column of lanes, then the lanes' bands.
    regions: list[Region] = []
    kinds_at: dict[tuple[int, int], set[str]] = {}  # (column of lanes, column): kinds
    for n in range(graph.real):
        at = (flow[layered.lane[n]], graph.layer_of[n])
        kinds_at.setdefault(at, set()).add(items[layered.ids[n]].kind)
    for k in range(flows):
        deepest = max((depth[r] for r in range(count) if flow[r] == k), default=0)
        for lay in range(deepest):
            key = f"column:{lay}" if flows == 1 else f"column:{lay}:{k}"
            label = column_label(kinds_at.get((k, lay), set()), lay)
            regions.append(Region(key, label, column_x(k, lay), MARGIN, col_w[lay], HEADER_H - 6))
    lanes: list[Lane] = []
    for r in range(count):
        money = analysis.resources.by_goal.get(goal_ids[r], 0.0)
        k = flow[r]
        lane = Lane(goal_ids[r], flow_x[k], lane_y[r], flow_w[k], tile_h[r], len(members[r]), money)
        lanes.append(lane)
        label = lane_label(members[r], money)
        regions.append(Region(f"lane:{goal_ids[r]}", label, lane.x, lane.y, lane.w, lane.h))
    packed = frozenset(layered.ids[n] for n in rows.offset)
    return PlacedLanes(cards, regions, lanes, positions, orphan_at, packed)


def place_chains(layered: Layered, left: float, top: float) -> Placed:
    """Orphans linked to each other, laid out like one lane from (left, top)."""
    graph, geometry = layered.graph, layered.geometry
    size = len(graph.layer_of)
    heights = [h for _, h in layered.sizes] + [LINE_SLOT] * (size - graph.real)
    ys = place_columns(
        layered.order, graph.lower, graph.higher, heights, graph.real, geometry.card_gap, LINE_GAP
    )
    low = min(ys[n] - heights[n] / 2 for n in range(size))
    col_w = column_widths(layered, geometry)
    xs = [
        left + LANE_PAD + sum(col_w[:lay]) + geometry.column_gap * lay for lay in range(len(col_w))
    ]
    positions = Positions([(xs[graph.layer_of[n]], ys[n] - low + top) for n in range(size)], col_w)
    cards: dict[str, Card] = {}
    bottom = top
    for n in range(graph.real):
        item_id = layered.ids[n]
        w, h = layered.sizes[n]
        x, y = positions.xy[n]
        cards[item_id] = Card(item_id, x, y - h / 2, w, h, graph.layer_of[n], "orphans")
        bottom = max(bottom, y + h / 2)
    return Placed(cards, bottom, positions)


def grid(
    ids: Iterable[str], left: float, top: float, width: float, region: str, geometry: Geometry
) -> Placed:
    """Cards packed in rows across a band `width` wide from (left, top)."""
    w, h = geometry.card_w, geometry.card_h
    per_row = _per_row(width, geometry)
    cards: dict[str, Card] = {}
    bottom = top
    for k, item_id in enumerate(ids):
        row, col = divmod(k, per_row)
        x = left + LANE_PAD + col * (w + GRID_GAP)
        y = top + row * (h + GRID_GAP)
        cards[item_id] = Card(item_id, x, y, w, h, -1, region)
        bottom = y + h
    return Placed(cards, bottom)


def _per_row(width: float, geometry: Geometry) -> int:
    return max(1, int((width - 2 * LANE_PAD + GRID_GAP) // (geometry.card_w + GRID_GAP)))


def standard_width(layered: Layered, geometry: Geometry) -> float:
    """The width of a lane with all three columns: the orphan band's width too."""
    col_w = column_widths(layered, geometry) if layered.ids else []
    col_w = [*col_w, geometry.goal_w, geometry.card_w, geometry.card_w][:3]
    col_w[0] = max(col_w[0], geometry.goal_w)
    return 2 * LANE_PAD + sum(col_w) + 2 * geometry.column_gap


def orphan_height(chains: Layered | None, isolated: int, width: float, geometry: Geometry) -> float:
    """The orphan band's height: its heading, the chains, the grid, and padding."""
    height = HEADER_H
    if chains is not None:
        height = place_chains(chains, 0.0, height).bottom + GRID_GAP
    rows = -(-isolated // _per_row(width, geometry))
    height += rows * (geometry.card_h + GRID_GAP) - (GRID_GAP if rows else 0)
    return height + LANE_PAD
