"""Layered drawing of a directed graph: layers, dummy nodes, and crossing minimisation.

The map draws supports links flowing toward the goals, so this is the classic Sugiyama
pipeline, written for speed in plain Python and for determinism (every tie is broken by a
node's index, and indices come from sorted ids, never from input order):

1. `assign_layers`: cycles (legal data) are broken by reversing DFS back edges, then each
   node's layer is its longest path to a sink, but never less than its band's floor
   (goals 0, strategies 1, programs and policies 2).
2. `LayeredGraph`: edges longer than one layer are split by dummy nodes, so lines run
   between cards rather than through them and crossings can be counted layer by layer.
3. `minimise_crossings`: every node belongs to a lane (its goal's band on the map), and a
   layer's order keeps lanes in their order; within a lane, alternate sweeps of barycentre
   and of median ordering, each followed by transposition of neighbours while that removes
   crossings. The sweeps start from a depth-first order from the goals, which draws a
   forest without a crossing; the best order over all sweeps is kept.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from coherence_planner.domain.layout.crossings import bilayer_crossings


def break_cycles(count: int, succ: Sequence[Sequence[int]]) -> list[tuple[int, int, bool]]:
    """Every edge as (src, dst, reversed): DFS back edges are reversed, so the result is
    acyclic. Nodes and successors are visited in index order, which makes it deterministic."""
    state = [0] * count  # 0 new, 1 on the DFS stack, 2 done
    edges: list[tuple[int, int, bool]] = []
    for root in range(count):
        if state[root]:
            continue
        state[root] = 1
        work = [(root, 0)]
        while work:
            node, pos = work[-1]
            out = succ[node]
            if pos < len(out):
                work[-1] = (node, pos + 1)
                nxt = out[pos]
                if nxt == node:
                    continue
                if state[nxt] == 1:
                    edges.append((nxt, node, True))
                else:
                    edges.append((node, nxt, False))
                    if state[nxt] == 0:
                        state[nxt] = 1
                        work.append((nxt, 0))
            else:
                state[node] = 2
                work.pop()
    return edges


def assign_layers(
    count: int, edges: Sequence[tuple[int, int, bool]], floor: Callable[[int], int]
) -> list[int]:
    """Longest-path layers of an acyclic edge list: layer(x) = max(floor(x), 1 + layer of
    every successor). Sinks sit at their floor; an edge always runs to a lower layer."""
    succ: list[list[int]] = [[] for _ in range(count)]
    indegree = [0] * count
    for src, dst, _ in edges:
        succ[src].append(dst)
        indegree[dst] += 1
    # Kahn's order from sources, then fill layers from the sinks backwards.
    order = [n for n in range(count) if indegree[n] == 0]
    for node in order:
        for nxt in succ[node]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                order.append(nxt)
    layer = [0] * count
    for node in reversed(order):
        best = floor(node)
        for nxt in succ[node]:
            best = max(best, layer[nxt] + 1)
        layer[node] = best
    return layer


@dataclass
class LayeredGraph:
    """Real nodes 0..real-1 and dummies after them; `layers[l]` lists nodes in order.

    `lower[n]`/`higher[n]` are the neighbours one layer lower/higher (layer 0 holds the
    goals). `chains[e]` lists the nodes edge e passes through, its source first."""

    real: int
    layer_of: list[int]
    layers: list[list[int]]
    lower: list[list[int]] = field(default_factory=list)
    higher: list[list[int]] = field(default_factory=list)
    chains: list[list[int]] = field(default_factory=list)

    @classmethod
    def build(cls, layer_of: Sequence[int], edges: Sequence[tuple[int, int, bool]]) -> LayeredGraph:
        real = len(layer_of)
        layers_of = list(layer_of)
        lower: list[list[int]] = [[] for _ in range(real)]
        higher: list[list[int]] = [[] for _ in range(real)]
        chains: list[list[int]] = []
        for src, dst, _ in edges:
            chain = [src]
            for lay in range(layers_of[src] - 1, layers_of[dst], -1):
                dummy = len(layers_of)
                layers_of.append(lay)
                lower.append([])
                higher.append([])
                chain.append(dummy)
            chain.append(dst)
            for a, b in itertools.pairwise(chain):
                lower[a].append(b)
                higher[b].append(a)
            chains.append(chain)
        depth = max(layers_of, default=-1) + 1
        layers: list[list[int]] = [[] for _ in range(depth)]
        for node, lay in enumerate(layers_of):
            layers[lay].append(node)
        return cls(real, layers_of, layers, lower, higher, chains)

    def crossings(self, layers: list[list[int]]) -> int:
        """Crossings of the layered drawing with dummies (the sweeps' objective)."""
        pos = _positions(layers, len(self.layer_of))
        total = 0
        for lay in range(len(layers) - 1):
            total += bilayer_crossings(
                [(pos[n], pos[m]) for n in layers[lay + 1] for m in self.lower[n]]
            )
        return total


def _positions(layers: list[list[int]], size: int) -> list[int]:
    pos = [0] * size
    for nodes in layers:
        for p, n in enumerate(nodes):
            pos[n] = p
    return pos


def depth_first_order(
    graph: LayeredGraph, roots: Sequence[int], lane: Sequence[int]
) -> list[list[int]]:
    """Each layer ordered by lane, then by when a depth-first walk from `roots` (the goals,
    in lane order) along higher neighbours first meets a node: a forest drawn this way has
    no crossing. Nodes the walk never meets keep their index order, after the others."""
    size = len(graph.layer_of)
    seen = [size + n for n in range(size)]  # unmet nodes sort after the met ones
    visited = [False] * size
    count = 0
    for root in roots:
        if visited[root]:
            continue
        visited[root] = True
        stack = [root]
        while stack:
            node = stack.pop()
            seen[node] = count
            count += 1
            for nxt in reversed(graph.higher[node]):
                if not visited[nxt]:
                    visited[nxt] = True
                    stack.append(nxt)
    return [sorted(nodes, key=lambda n: (lane[n], seen[n])) for nodes in graph.layers]


def _reorder(
    nodes: list[int], fixed: list[list[int]], rel: list[float], lane: Sequence[int], median: bool
) -> list[int]:
    """Sort one layer by where its neighbours in the fixed layer are (the barycentre or the
    median of their relative positions, 0 to 1), lanes kept in their order. A node with no
    neighbour there keeps its relative place; ties keep the current order."""
    keys: list[tuple[int, float, int, int]] = []
    for p, n in enumerate(nodes):
        near = fixed[n]
        if not near:
            value = rel[n]
        elif len(near) == 1:
            value = rel[near[0]]
        elif median:
            ps = sorted([rel[m] for m in near])
            mid = len(ps) // 2
            value = ps[mid] if len(ps) % 2 else (ps[mid - 1] + ps[mid]) / 2
        else:
            value = sum([rel[m] for m in near]) / len(near)
        keys.append((lane[n], value, p, n))
    keys.sort()
    return [k[3] for k in keys]


def _set_relative(nodes: list[int], rel: list[float]) -> None:
    count = len(nodes)
    for p, n in enumerate(nodes):
        rel[n] = (p + 0.5) / count


def _pair_balance(a: list[int], b: list[int]) -> int:
    """With u's neighbour positions `a` and v's sorted `b`, the crossings between their
    edges when u is placed before v minus those when v is placed before u: pairs with
    a_i > b_j minus pairs with a_i < b_j (equal positions cross in neither order)."""
    if len(b) == 1:
        first = b[0]
        if len(a) == 1:
            return (a[0] > first) - (a[0] < first)
        return sum([(x > first) - (x < first) for x in a])
    count = len(b)
    return sum([bisect_left(b, x) + bisect_right(b, x) - count for x in a])


def _neighbour_positions(
    nodes: list[int], near: list[list[int]], pos: list[int], out: list[list[int]]
) -> None:
    """Each node's neighbour positions in `near`, sorted (one neighbour, the usual case
    for a card of a tree and for every dummy, needs no sort)."""
    for n in nodes:
        ms = near[n]
        out[n] = [pos[ms[0]]] if len(ms) == 1 else sorted([pos[m] for m in ms])


def _transpose(
    graph: LayeredGraph,
    layers: list[list[int]],
    lane: Sequence[int],
    max_rounds: int = 8,
) -> None:
    """Swap neighbours of one lane while a swap removes crossings with both adjacent layers.

    A node's sorted neighbour positions on one side are computed again only when the
    adjacent layer they lie in has changed since, not on every round; and a layer whose last scan swapped
    nothing is not scanned again until an adjacent layer changes, since the same scan
    would find the same costs and swap nothing again."""
    size = len(graph.layer_of)
    pos = _positions(layers, size)
    depth = len(layers)
    low_ps: list[list[int]] = [[] for _ in range(size)]
    high_ps: list[list[int]] = [[] for _ in range(size)]
    version = [0] * (depth + 2)  # layer l's swap count at version[l + 1]
    low_at = [-1] * depth  # the lower layer's version low_ps was computed at
    high_at = [-1] * depth
    settled: list[tuple[int, int] | None] = [None] * depth  # stamp of a scan without a swap
    lower, higher = graph.lower, graph.higher
    for _ in range(max_rounds):
        improved = False
        for lay, nodes in enumerate(layers):
            if len(nodes) < 2:
                continue
            stamp = (version[lay], version[lay + 2])
            if settled[lay] == stamp:
                continue
            if low_at[lay] != stamp[0]:
                _neighbour_positions(nodes, lower, pos, low_ps)
                low_at[lay] = stamp[0]
            if high_at[lay] != stamp[1]:
                _neighbour_positions(nodes, higher, pos, high_ps)
                high_at[lay] = stamp[1]
            swapped = False
            for i in range(len(nodes) - 1):
                u, v = nodes[i], nodes[i + 1]
                if lane[u] != lane[v]:
                    continue
                # Most nodes (dummies, a tree's cards) have one neighbour each side: that
                # case is compared inline, without a call.
                balance = 0
                a, b = low_ps[u], low_ps[v]
                if a and b:
                    if len(a) == 1 == len(b):
                        balance = (a[0] > b[0]) - (a[0] < b[0])
                    else:
                        balance = _pair_balance(a, b)
                a, b = high_ps[u], high_ps[v]
                if a and b:
                    if len(a) == 1 == len(b):
                        balance += (a[0] > b[0]) - (a[0] < b[0])
                    else:
                        balance += _pair_balance(a, b)
                if balance > 0:
                    nodes[i], nodes[i + 1] = v, u
                    pos[u], pos[v] = i + 1, i
                    swapped = True
            if swapped:
                version[lay + 1] += 1
                improved = True
            else:
                settled[lay] = stamp
        if not improved:
            return


def _sweep(
    graph: LayeredGraph,
    layers: list[list[int]],
    lane: Sequence[int],
    outward: bool,
    median: bool,
    rounds: int = 8,
) -> None:
    """One sweep: outward (away from the goals, each layer ordered by the one nearer the
    goals) or inward; then transposition."""
    rel = [0.0] * len(graph.layer_of)
    for nodes in layers:
        _set_relative(nodes, rel)
    if outward:
        lays: Sequence[int] = range(1, len(layers))
        fixed = graph.lower
    else:
        lays, fixed = range(len(layers) - 2, -1, -1), graph.higher
    for lay in lays:
        layers[lay] = _reorder(layers[lay], fixed, rel, lane, median)
        _set_relative(layers[lay], rel)
    _transpose(graph, layers, lane, rounds)


STALE = 1  # sweeps without improvement before a heuristic gives up
# Link ends (edges, dummies counted) above which a plan gets fewer, cheaper sweeps: at
# 10,000 programs the full schedule takes tens of seconds and removes a few per cent more.
# A column of secondary drivers gives every program's link to a primary a dummy: at 2,000
# programs (4,500 ends) the full schedule tripled the layout's time to remove 1% more.
LARGE = 4_000


def minimise_crossings(
    graph: LayeredGraph,
    initial: list[list[int]],
    lane: Sequence[int],
    passes: int = 12,
) -> list[list[int]]:
    """The layer order with the fewest crossings found by alternating outward and inward
    sweeps, barycentre then median, each sweep followed by transposition; a run stops after
    `passes` sweeps or `STALE` without improvement, the second starting from the first's
    best. `lane[n]` is node n's lane key: no order ever mixes two lanes. Large graphs get
    one outward and one inward barycentre sweep, each with one round of transposition
    (deterministic: the schedule depends on the graph's size, never on a clock)."""
    best = [list(nodes) for nodes in initial]
    best_count = graph.crossings(best)
    large = sum(len(out) for out in graph.lower) > LARGE
    if large:
        passes = min(passes, 2)
    for median in (False,) if large else (False, True):
        if best_count == 0:
            break
        layers = [list(nodes) for nodes in best]
        stale = 0
        for sweep in range(passes):
            _sweep(graph, layers, lane, sweep % 2 == 0, median, 1 if large else 8)
            count = graph.crossings(layers)
            if count < best_count:
                best, best_count, stale = [list(nodes) for nodes in layers], count, 0
                if count == 0:
                    break
            else:
                stale += 1
                if stale >= STALE:
                    break
    return best
