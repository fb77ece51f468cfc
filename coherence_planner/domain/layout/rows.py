"""Programs packed in rows: a lane with many programs stands them side by side, each
strategy's in rows of their own, as the printed map does.

One column of 200-by-76-point cards made a 300-program district a strip 8,700 points tall,
6% of itself at Fit on a laptop, too small for any text. A lane whose last column holds
more than `PACK_FROM` cards stands them in rows of cards a name's height (`ROW_CARD_H`).
The column's order, chosen to cross least, is kept, read row by row; a new row starts
where the cards' strategy changes (a card linked to two stays with the cards before it),
and a strategy's rows are at least as tall as its card, so each strategy stands level
with its own rows and its straight links cross no other's. How many cards a row holds is
chosen for the whole map: the width whose lanes, flowed as `lanes.flow_lanes` flows them,
fill a view of the map's aspect best (a lane's cards stacked tight, `placement.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from coherence_planner.domain.layout.geometry import (
    FLOW_GAP,
    GRID_GAP,
    LANE_GAP,
    LANE_HEADER,
    LANE_PAD,
    ROW_CARD_H,
    Geometry,
)
from coherence_planner.domain.layout.lanes import flow_lanes
from coherence_planner.domain.layout.layers import Layered

PACK_FROM = 40  # cards in a lane's last column above which they stand in rows (below it,
# one column reads at Fit and crosses fewest links)
ROW_GAP = GRID_GAP / 2  # between two cards of a row
MOST_PER_ROW = 12


@dataclass(frozen=True)
class Rows:
    """Each packed lane's rows of nodes (lane rank -> rows, top to bottom), the column they
    stand in, every packed node's offset from its column's left edge, and the height added
    to a row (by its first node) so that a strategy's rows are as tall as its card."""

    rows: dict[int, list[list[int]]]
    column: dict[int, int]
    offset: dict[int, float]
    pad: dict[int, float]

    def width(self, lane: int, geometry: Geometry) -> float:
        """The extra width a lane's rows take beyond one card."""
        rows = self.rows.get(lane)
        if not rows:
            return 0.0
        per_row = max(len(row) for row in rows)
        return (per_row - 1) * (geometry.card_w + ROW_GAP)


@dataclass(frozen=True)
class _Run:
    """A strategy's cards in a lane's last column (strategy None: linked to none there),
    and the height its rows must reach: its strategy's card and the gap under it."""

    nodes: list[int]
    least: float

    def rows(self, k: int) -> int:
        return -(-len(self.nodes) // k)


def pack_rows(
    layered: Layered, col_w: list[float], aspect: float | None, after: list[tuple[float, float]]
) -> Rows:
    """Rows for every lane whose last column holds more than PACK_FROM cards (`col_w`: the
    columns' widths; `aspect`: the view's width / height, None: one column of lanes;
    `after`: the width and height of the tiles flowed after the lanes, the orphan band)."""
    graph, geometry = layered.graph, layered.geometry
    last: dict[int, int] = {}
    for n in range(graph.real):
        r = layered.lane[n]
        last[r] = max(last.get(r, 0), graph.layer_of[n])
    spot = {n: i for nodes in layered.order for i, n in enumerate(nodes)}
    runs: dict[int, list[_Run]] = {}
    fixed: dict[int, float] = {}
    for r, lay in last.items():
        column = [n for n in layered.order[lay] if layered.lane[n] == r] if lay else []
        if len(column) <= PACK_FROM or any(n >= graph.real for n in column):
            continue
        fixed[r] = 2 * LANE_PAD + sum(col_w[:lay]) + geometry.column_gap * lay
        cut: list[_Run] = []
        parent: int | None = None
        for n in column:
            linked = _strategies(layered, n, r, spot)
            # A card linked to two strategies stays with the cards before it if it can.
            here = parent if parent in linked else (linked[0] if linked else None)
            if not cut or here != parent:
                least = layered.sizes[here][1] + geometry.card_gap if here is not None else 0.0
                cut.append(_Run([], least))
            cut[-1].nodes.append(n)
            parent = here
        runs[r] = cut
    if not runs:
        return Rows({}, {}, {}, {})
    wide = geometry.card_w + ROW_GAP
    high = ROW_CARD_H + geometry.card_gap

    def height(r: int, k: int) -> float:
        return sum(max(run.rows(k) * high, run.least) for run in runs[r])

    def width(r: int, k: int) -> float:
        return fixed[r] + k * wide

    widest = range(1, MOST_PER_ROW + 1)
    choices = [{r: k for r in runs} for k in widest]
    tiles = _tiles(layered, col_w, last) + after

    def score(choice: dict[int, int]) -> float:
        for r, k in choice.items():
            tiles[r] = (width(r, k), LANE_HEADER + 2 * LANE_PAD + height(r, k))
        return _flowed(tiles, aspect)

    per_row = min(choices, key=score)
    rows: dict[int, list[list[int]]] = {}
    offset: dict[int, float] = {}
    pad: dict[int, float] = {}
    for r, cut in runs.items():
        k = per_row[r]
        rows[r] = []
        for run in cut:
            mine = [run.nodes[i : i + k] for i in range(0, len(run.nodes), k)]
            if len(mine) * high < run.least:
                pad[mine[-1][0]] = run.least - len(mine) * high
            rows[r] += mine
        for row in rows[r]:
            for j, n in enumerate(row):
                offset[n] = j * wide
    return Rows(rows, {r: last[r] for r in rows}, offset, pad)


def _strategies(layered: Layered, node: int, lane: int, spot: dict[int, int]) -> list[int]:
    """The cards of its lane that a node's links in the lane run to, through the passing
    lines of the columns they cross, nearest column first, each in its column's order
    (`spot`: every node's place in its column)."""
    graph = layered.graph
    found = []
    for m in graph.lower[node]:
        if layered.lane[m] != lane:
            continue
        while m >= graph.real and graph.lower[m]:
            m = graph.lower[m][0]
        if m < graph.real:
            found.append(m)
    return sorted(set(found), key=lambda m: (-graph.layer_of[m], spot[m]))


def _tiles(layered: Layered, col_w: list[float], last: dict[int, int]) -> list[tuple[float, float]]:
    """Every lane's width and height as it would stand unpacked: its tallest column's
    cards stacked."""
    graph, geometry = layered.graph, layered.geometry
    count = max(layered.lane[: graph.real], default=-1) + 1
    stacked: dict[tuple[int, int], float] = {}
    for lay, nodes in enumerate(layered.order):
        for n in nodes:
            if n < graph.real:
                key = (layered.lane[n], lay)
                stacked[key] = stacked.get(key, 0.0) + layered.sizes[n][1] + geometry.card_gap
    tiles = []
    for r in range(count):
        lay = last.get(r, 0)
        w = 2 * LANE_PAD + sum(col_w[: lay + 1]) + geometry.column_gap * lay
        h = max((v for (q, _), v in stacked.items() if q == r), default=0.0)
        tiles.append((w, LANE_HEADER + 2 * LANE_PAD + h))
    return tiles


def _flowed(tiles: list[tuple[float, float]], aspect: float | None) -> float:
    """The height of a view of `aspect` that holds the lanes flowed as `flow_lanes` flows
    them: the smaller, the larger the map at Fit."""
    flow = flow_lanes([h for _, h in tiles], [w for w, _ in tiles], LANE_GAP, FLOW_GAP, aspect)
    width = height = 0.0
    for k in range(max(flow) + 1):
        mine = [tile for tile, f in zip(tiles, flow, strict=True) if f == k]
        width += max(w for w, _ in mine) + FLOW_GAP
        height = max(height, sum(h + LANE_GAP for _, h in mine))
    return max(width / (aspect or 1.0), height)
