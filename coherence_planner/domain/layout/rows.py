"""Programs packed in rows: a lane with many programs stands them side by side, each
strategy's programs in rows of their own, as the printed map does.

One column of 200-point cards made a 300-program district a strip 8,700 points tall whose
names were a few pixels high at Fit on a laptop. A lane whose last column holds more than
`PACK_FROM` cards stands them in rows as wide as make the lane about as wide as it is tall
(the lanes are then flowed toward the screen's shape). The column's order, chosen to cross
least, is kept, read row by row; a new row starts where the cards' strategy changes, so
each strategy's straight links fan out over its own rows only and cross no other's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from coherence_planner.domain.layout.geometry import GRID_GAP, LANE_PAD, Geometry
from coherence_planner.domain.layout.layers import Layered

PACK_FROM = 40  # cards in a lane's last column above which they stand in rows (below it,
# one column reads at Fit and crosses fewest links)
ROW_GAP = GRID_GAP / 2  # between two cards of a row


@dataclass(frozen=True)
class Rows:
    """Each packed lane's rows of nodes (lane rank -> rows, top to bottom), the column they
    stand in, and every packed node's offset from its column's left edge."""

    rows: dict[int, list[list[int]]]
    column: dict[int, int]
    offset: dict[int, float]

    def width(self, lane: int, geometry: Geometry) -> float:
        """The extra width a lane's rows take beyond one card."""
        rows = self.rows.get(lane)
        if not rows:
            return 0.0
        per_row = max(len(row) for row in rows)
        return (per_row - 1) * (geometry.card_w + ROW_GAP)


def per_row(cards: int, fixed: float, geometry: Geometry) -> int:
    """Cards a row holds so that a lane of `cards` in rows, after `fixed` points of goal and
    strategy columns, is about twice as wide as tall: (fixed + k * w) = 2 * cards * h / k
    (rows cut short where a strategy's programs end make it taller than that)."""
    w = geometry.card_w + ROW_GAP
    h = geometry.card_h + geometry.card_gap
    k = (-fixed + math.sqrt(fixed * fixed + 4 * w * h * cards * 2)) / (2 * w)
    return max(1, round(k))


def pack_rows(layered: Layered, col_w: list[float]) -> Rows:
    """Rows for every lane whose last column holds more than PACK_FROM cards (`col_w`: the
    columns' widths)."""
    graph, geometry = layered.graph, layered.geometry
    last: dict[int, int] = {}
    for n in range(graph.real):
        r = layered.lane[n]
        last[r] = max(last.get(r, 0), graph.layer_of[n])
    rows: dict[int, list[list[int]]] = {}
    offset: dict[int, float] = {}
    for r, lay in last.items():
        if lay < 1:
            continue
        column = [n for n in layered.order[lay] if layered.lane[n] == r]
        if len(column) <= PACK_FROM or any(n >= graph.real for n in column):
            continue
        fixed = 2 * LANE_PAD + sum(col_w[:lay]) + geometry.column_gap * lay
        k = per_row(len(column), fixed, geometry)
        if k < 2:
            continue
        lane_rows: list[list[int]] = []
        parent: int | None = None
        for n in column:
            here = _strategy(layered, n, r)
            if not lane_rows or len(lane_rows[-1]) == k or here != parent:
                lane_rows.append([])
            lane_rows[-1].append(n)
            parent = here
        for row in lane_rows:
            for j, n in enumerate(row):
                offset[n] = j * (geometry.card_w + ROW_GAP)
        rows[r] = lane_rows
    return Rows(rows, {r: last[r] for r in rows}, offset)


def _strategy(layered: Layered, node: int, lane: int) -> int | None:
    """The card of its lane that a node's first link in the lane runs to, through the
    passing lines of the columns it crosses (None: no link in the lane)."""
    graph = layered.graph
    near = [m for m in graph.lower[node] if layered.lane[m] == lane]
    if not near:
        return None
    m = min(near)
    while m >= graph.real and graph.lower[m]:
        m = graph.lower[m][0]
    return m
