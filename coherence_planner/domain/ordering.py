"""Layered drawing of a directed graph: layers, dummy nodes, and crossing minimisation.

The map draws supports links flowing toward the goals, so this is the classic Sugiyama
pipeline, written for speed in plain Python and for determinism (every tie is broken by a
node's index, and indices come from sorted ids, never from input order):

1. `assign_layers`: cycles (legal data) are broken by reversing DFS back edges, then each
   node's layer is its longest path to a sink, but never less than its band's first layer
   (goals 0, strategies from 1, programs and policies after the strategies).
2. `LayeredGraph`: edges longer than one layer are split by dummy nodes, so lines run
   between cards rather than through them and crossings can be counted layer by layer.
3. `minimise_crossings`: alternate sweeps of barycenter and of median ordering, each
   followed by transposition of neighbours while that removes crossings; the best order
   over all passes is kept.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from coherence_planner.domain.crossings import bilayer_crossings


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

    `right[n]`/`left[n]` are the neighbours one layer lower/higher (layer 0 is the goals'
    column, drawn rightmost). `chains[e]` lists the nodes an edge passes through, its source
    first."""

    real: int
    layer_of: list[int]
    layers: list[list[int]]
    right: list[list[int]] = field(default_factory=list)
    left: list[list[int]] = field(default_factory=list)
    chains: list[list[int]] = field(default_factory=list)

    @classmethod
    def build(
        cls, layer_of: Sequence[int], edges: Sequence[tuple[int, int, bool]]
    ) -> LayeredGraph:
        real = len(layer_of)
        layers_of = list(layer_of)
        right: list[list[int]] = [[] for _ in range(real)]
        left: list[list[int]] = [[] for _ in range(real)]
        chains: list[list[int]] = []
        for src, dst, _ in edges:
            chain = [src]
            for lay in range(layers_of[src] - 1, layers_of[dst], -1):
                dummy = len(layers_of)
                layers_of.append(lay)
                right.append([])
                left.append([])
                chain.append(dummy)
            chain.append(dst)
            for a, b in zip(chain, chain[1:], strict=False):
                right[a].append(b)
                left[b].append(a)
            chains.append(chain)
        depth = max(layers_of, default=-1) + 1
        layers: list[list[int]] = [[] for _ in range(depth)]
        for node, lay in enumerate(layers_of):
            layers[lay].append(node)
        return cls(real, layers_of, layers, right, left, chains)

    def crossings(self, layers: list[list[int]]) -> int:
        """Crossings of the layered drawing with dummies (the sweeps' objective)."""
        pos = _positions(layers, len(self.layer_of))
        total = 0
        for lay in range(len(layers) - 1):
            total += bilayer_crossings(
                [(pos[n], pos[m]) for n in layers[lay + 1] for m in self.right[n]]
            )
        return total


def _positions(layers: list[list[int]], size: int) -> list[int]:
    pos = [0] * size
    for nodes in layers:
        for p, n in enumerate(nodes):
            pos[n] = p
    return pos


def _reorder(
    nodes: list[int],
    fixed: list[list[int]],
    free: list[list[int]],
    rel: list[float],
    free_weight: float,
    use_median: bool,
) -> list[int]:
    """Sort one layer by where its neighbours are: the barycenter (or median) of their
    relative positions (0 to 1) in the fixed layer, blended with the other side's when
    `free_weight` > 0. A node with no neighbour keeps its relative place."""
    keys: list[tuple[float, int, int]] = []  # ties keep the current order
    for p, n in enumerate(nodes):
        near = fixed[n]
        other = free[n] if free_weight else ()
        if not near and not other:
            keys.append((rel[n], p, n))
            continue
        if near:
            if use_median:
                ps = sorted(rel[m] for m in near)
                mid = len(ps) // 2
                value = ps[mid] if len(ps) % 2 else (ps[mid - 1] + ps[mid]) / 2
            else:
                value = sum(rel[m] for m in near) / len(near)
            if other:
                far = sum(rel[m] for m in other) / len(other)
                value = (value + free_weight * far) / (1 + free_weight)
        else:
            value = sum(rel[m] for m in other) / len(other)
        keys.append((value, p, n))
    keys.sort()
    return [k[2] for k in keys]


def _relative(layers: list[list[int]], size: int) -> list[float]:
    rel = [0.0] * size
    for nodes in layers:
        _set_relative(nodes, rel)
    return rel


def _set_relative(nodes: list[int], rel: list[float]) -> None:
    count = len(nodes)
    for p, n in enumerate(nodes):
        rel[n] = (p + 0.5) / count


def _pair_cost(a: list[int], b_sorted: list[int]) -> int:
    """Crossings between edges of u (neighbour positions a) and v (sorted b) when u is
    placed before v: pairs with a_i > b_j."""
    return sum(bisect_left(b_sorted, x) for x in a)


def _transpose(
    graph: LayeredGraph, layers: list[list[int]], pos: list[int], max_rounds: int = 8
) -> None:
    """Swap neighbours in each layer while a swap removes crossings with both fixed layers."""
    for _ in range(max_rounds):
        improved = False
        for nodes in layers:
            if len(nodes) < 2:
                continue
            right_ps = [sorted(pos[m] for m in graph.right[n]) for n in nodes]
            left_ps = [sorted(pos[m] for m in graph.left[n]) for n in nodes]
            for i in range(len(nodes) - 1):
                ur, vr = right_ps[i], right_ps[i + 1]
                ul, vl = left_ps[i], left_ps[i + 1]
                if not (ur and vr) and not (ul and vl):
                    continue
                keep = _pair_cost(ur, vr) + _pair_cost(ul, vl)
                swap = _pair_cost(vr, ur) + _pair_cost(vl, ul)
                if swap < keep:
                    u, v = nodes[i], nodes[i + 1]
                    nodes[i], nodes[i + 1] = v, u
                    right_ps[i], right_ps[i + 1] = vr, ur
                    left_ps[i], left_ps[i + 1] = vl, ul
                    pos[u], pos[v] = i + 1, i
                    improved = True
        if not improved:
            return


def _sweep(
    graph: LayeredGraph,
    layers: list[list[int]],
    outward: bool,
    free_weight: float,
    use_median: bool,
) -> None:
    """One sweep: outward (away from the goals, each layer ordered by the one nearer the
    goals) or inward; then transposition."""
    rel = _relative(layers, len(graph.layer_of))
    if outward:
        lays, fixed, free = range(1, len(layers)), graph.right, graph.left
    else:
        lays, fixed, free = range(len(layers) - 2, -1, -1), graph.left, graph.right
    for lay in lays:
        layers[lay] = _reorder(layers[lay], fixed, free, rel, free_weight, use_median)
        _set_relative(layers[lay], rel)
    _transpose(graph, layers, _positions(layers, len(graph.layer_of)))


# (median?, weight of the free side) for each run of sweeps; the best result is kept.
HEURISTICS = ((False, 0.0), (True, 0.0), (False, 0.5))
STALE = 4


def minimise_crossings(
    graph: LayeredGraph, initial: list[list[int]], passes: int = 12, keep: int = 1
) -> list[list[list[int]]]:
    """The `keep` best distinct layer orders (fewest crossings first) found by alternating
    outward/inward sweeps under each of the `HEURISTICS`, each sweep followed by
    transposition; a run stops after `passes` sweeps or four without improvement, and each
    run starts from the best order found so far."""
    best = [list(nodes) for nodes in initial]
    best_count = graph.crossings(best)
    found: dict[tuple[tuple[int, ...], ...], int] = {_frozen(best): best_count}
    for use_median, free_weight in HEURISTICS:
        layers = [list(nodes) for nodes in best]
        stale = 0
        for sweep in range(passes):
            _sweep(graph, layers, sweep % 2 == 0, free_weight, use_median)
            count = graph.crossings(layers)
            found.setdefault(_frozen(layers), count)
            if count < best_count:
                best, best_count, stale = [list(nodes) for nodes in layers], count, 0
            else:
                stale += 1
                if stale >= STALE:
                    break
            if best_count == 0:
                break
    ranked = sorted(found.items(), key=lambda kv: (kv[1], kv[0]))[:keep]
    return [[list(nodes) for nodes in order] for order, _ in ranked]


def _frozen(layers: list[list[int]]) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(nodes) for nodes in layers)
