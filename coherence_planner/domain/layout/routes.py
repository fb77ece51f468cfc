"""Routes: every link of the map as a polyline, and the brackets beside competing programs.

Inside a lane a supports link runs from the supporter's left side through the slots its
dummies hold in the columns it passes; between lanes, and between regions, it runs straight
from side to side. Conflicts are not layered: a bracket beside a shared column, else a
straight line.
"""

from __future__ import annotations

from coherence_planner.domain.layout.coordinates import Positions
from coherence_planner.domain.layout.geometry import (
    BRACKET_GAP,
    SIDE_LINK,
    Bracket,
    Card,
    EdgeGeom,
    Geometry,
    Point,
)
from coherence_planner.domain.layout.layers import Layered


def route(
    layered: Layered,
    positions: Positions,
    cards: dict[str, Card],
    strengths: dict[tuple[str, str], str],
) -> list[EdgeGeom]:
    """Every link of a layered drawing: inside a lane, from the supporter's left side through
    the slots of the columns it passes to the supported card's right side; between lanes,
    straight from side to side."""
    graph = layered.graph
    edges: list[EdgeGeom] = []
    for (src, dst, flipped), chain in zip(layered.edges, graph.chains, strict=True):
        a, b = layered.ids[src], layered.ids[dst]
        if flipped:
            a, b = b, a
        if layered.lane[src] != layered.lane[dst]:
            edges.append(EdgeGeom(a, b, "supports", strengths[(a, b)], side_to_side(cards, a, b)))
            continue
        pts: list[Point] = []
        last = len(chain) - 1
        for k, node in enumerate(chain):
            x, y = positions.xy[node]
            w = (
                layered.sizes[node][0]
                if node < graph.real
                else positions.col_w[graph.layer_of[node]]
            )
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
            pts_side = side_to_side(cards, a, b)
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
    return edges


def brackets(
    layered: Layered,
    cards: dict[str, Card],
    group_of: dict[str, int],
    packed: frozenset[str] = frozenset(),
) -> list[Bracket]:
    """A bracket beside every run of two or more competing programs of one group standing
    one under the other in a lane's column (passing lines between them do not break a run).
    Cards `packed` in rows stand side by side: their badges alone say their group."""
    graph = layered.graph
    found: list[Bracket] = []
    for nodes in layered.order:
        run: list[str] = []
        key: tuple[int, int] | None = None
        for n in [*nodes, -1]:
            if 0 <= n < graph.real or n == -1:
                item_id = layered.ids[n] if n >= 0 else ""
                group = group_of.get(item_id) if item_id not in packed else None
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


def side_to_side(cards: dict[str, Card], a: str, b: str) -> tuple[Point, ...]:
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


def conflict_route(cards: dict[str, Card], a: str, b: str, geometry: Geometry) -> tuple[Point, ...]:
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
    return side_to_side(cards, a, b)
