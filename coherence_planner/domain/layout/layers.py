"""Layering and ordering: which column every card stands in, its lane, and the order of
the cards within each column.

Columns are by kind, as a driver diagram's are: goals (the aim), strategies (primary
drivers), strategies that serve a strategy (secondary drivers; a longer chain of them folds
into that column, its links drawn within it), then programs and policies (change ideas). Every card gets a home lane (`lanes.home_lanes`), lanes are put in order
(`lanes.lane_order`), and the order within each column comes from the Sugiyama sweeps of
`ordering.py`, started from a depth-first order from the goals and kept in blocks
(`lanes.block_keys`); competing programs are then gathered where that adds no crossing.
Nothing here knows a coordinate: that is `coordinates.py`'s work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout.geometry import Geometry, LayoutOptions, card_size
from coherence_planner.domain.layout.lanes import (
    block_keys,
    home_lanes,
    lane_order,
)
from coherence_planner.domain.layout.ordering import (
    LayeredGraph,
    depth_first_order,
    minimise_crossings,
)
from coherence_planner.domain.model.items import Item


def _bands(
    ids: Sequence[str], items: dict[str, Item], links: Sequence[tuple[str, str]]
) -> list[int]:
    """Every item's column: goals 0, strategies 1, a strategy serving a strategy 2, and
    programs and policies in the column after the strategies' last."""
    kinds = {i: items[i].kind for i in ids}
    secondary = {
        src for src, dst in links if kinds.get(src) == "strategy" and kinds.get(dst) == "strategy"
    }
    last = 3 if secondary else 2
    return [{"goal": 0, "strategy": 2 if i in secondary else 1}.get(kinds[i], last) for i in ids]


@dataclass(frozen=True, kw_only=True)
class Layered:
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
    geometry: Geometry


def layer(
    ids: list[str],
    items: dict[str, Item],
    links: Sequence[tuple[str, str]],
    analysis: Analysis,
    options: LayoutOptions,
) -> Layered:
    index = {item_id: n for n, item_id in enumerate(ids)}
    bands = _bands(ids, items, links)
    edges, side = _column_edges(index, bands, links)
    lowest = min(bands, default=0)
    graph = LayeredGraph.build([band - lowest for band in bands], edges)
    goals = [n for n, i in enumerate(ids) if items[i].kind == "goal"]
    if goals:
        reach = [[index[g] for g in analysis.goals_of.get(i, ()) if g in index] for i in ids]
        home = home_lanes(graph, edges, side, goals, reach)
        shallow = _shallow_bands(bands, home)
        if shallow != bands:
            # Lanes with no secondary driver keep their programs in the third column.
            bands = shallow
            edges, side = _column_edges(index, bands, links)
            graph = LayeredGraph.build(bands, edges)
            home = home_lanes(graph, edges, side, goals, reach)
        goals = lane_order(goals, home, edges)
        rank = {g: r for r, g in enumerate(goals)}
        lane = [rank[h] for h in home]
        roots = goals
    else:
        lane = [0] * len(graph.layer_of)
        roots = graph.layers[0] if graph.layers else []
    initial = depth_first_order(graph, roots, lane)
    key = block_keys(graph, lane, initial, side) if goals else lane
    initial = [sorted(nodes, key=key.__getitem__) for nodes in initial]
    order = minimise_crossings(graph, initial, key, options.passes)
    group_of = {index[i]: grp for i, grp in analysis.group_of.items() if i in index}
    _gather_competing(graph, order, key, group_of)
    # A card serving another card of its column stands beside it, where that adds no
    # crossing: the link between them is then a short step, not a line down the column.
    pairs: dict[int, int] = {}
    for a, b in side:
        if a not in pairs and b not in pairs and key[a] == key[b]:
            pairs[a] = pairs[b] = len(pairs)
    _gather_competing(graph, order, key, pairs)
    sizes = [card_size(items[i], options.geometry) for i in ids]
    return Layered(
        ids=ids,
        graph=graph,
        edges=edges,
        side=side,
        order=order,
        lane=lane,
        goals=goals,
        sizes=sizes,
        geometry=options.geometry,
    )


def _shallow_bands(bands: list[int], home: Sequence[int]) -> list[int]:
    """The bands with the programs and policies of lanes that hold no secondary driver
    (band 2) moved up into the third column, where they stand when no lane has one."""
    if 3 not in bands:
        return bands
    deep = {home[n] for n, band in enumerate(bands) if band == 2}
    return [2 if band == 3 and home[n] not in deep else band for n, band in enumerate(bands)]


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
