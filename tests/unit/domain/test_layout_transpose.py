"""Transposition, the inner loop of the map's crossing reduction: it must do less work
without ever choosing another order (the SVG export is pinned byte for byte by
benchmarks/compare_svg.py; here the same on random graphs and the work it skips)."""

from __future__ import annotations

import random
from bisect import bisect_left

import pytest

from coherence_planner.domain.layout.ordering import LayeredGraph, _pair_balance, _transpose


def _reference_cost(a: list[int], b_sorted: list[int]) -> int:
    return sum(bisect_left(b_sorted, x) for x in a)


def _reference_transpose(
    graph: LayeredGraph, layers: list[list[int]], lane: list[int], rounds: int
) -> None:
    """Transposition as first written: every layer scanned every round, both orders
    costed in full."""
    size = len(graph.layer_of)
    pos = [0] * size
    for nodes in layers:
        for p, n in enumerate(nodes):
            pos[n] = p
    for _ in range(rounds):
        improved = False
        for nodes in layers:
            for i in range(len(nodes) - 1):
                u, v = nodes[i], nodes[i + 1]
                if lane[u] != lane[v]:
                    continue
                ul = sorted(pos[m] for m in graph.lower[u])
                vl = sorted(pos[m] for m in graph.lower[v])
                uh = sorted(pos[m] for m in graph.higher[u])
                vh = sorted(pos[m] for m in graph.higher[v])
                keep = _reference_cost(ul, vl) + _reference_cost(uh, vh)
                swap = _reference_cost(vl, ul) + _reference_cost(vh, uh)
                if swap < keep:
                    nodes[i], nodes[i + 1] = v, u
                    pos[u], pos[v] = i + 1, i
                    improved = True
        if not improved:
            return


def _random_graph(rng: random.Random) -> tuple[LayeredGraph, list[list[int]], list[int]]:
    depth = rng.randint(2, 5)
    layer_of = [rng.randrange(depth) for _ in range(rng.randint(4, 30))]
    edges = {
        (src, dst, False)
        for src in range(len(layer_of))
        for dst in rng.sample(range(len(layer_of)), min(3, len(layer_of)))
        if layer_of[dst] < layer_of[src]
    }
    graph = LayeredGraph.build(layer_of, sorted(edges))
    lanes = rng.randint(1, 3)
    lane = [rng.randrange(lanes) for _ in graph.layer_of]
    layers = [rng.sample(nodes, len(nodes)) for nodes in graph.layers]
    return graph, layers, lane


@pytest.mark.parametrize("seed", range(300))
def test_transposition_chooses_the_order_the_full_scan_chooses(seed: int) -> None:
    graph, layers, lane = _random_graph(random.Random(seed))
    expected = [list(nodes) for nodes in layers]
    _reference_transpose(graph, expected, lane, 8)
    _transpose(graph, layers, lane, 8)
    assert layers == expected


def test_pair_balance_is_crossings_kept_minus_crossings_swapped() -> None:
    rng = random.Random(7)
    for _ in range(500):
        a = sorted(rng.randrange(6) for _ in range(rng.randint(1, 4)))
        b = sorted(rng.randrange(6) for _ in range(rng.randint(1, 4)))
        kept = sum(1 for x in a for y in b if x > y)
        swapped = sum(1 for x in a for y in b if x < y)
        assert _pair_balance(a, b) == kept - swapped


class _CountingLanes(list[int]):
    reads = 0

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        _CountingLanes.reads += 1
        return super().__getitem__(index)


def test_a_layer_that_swapped_nothing_is_not_scanned_again_until_a_neighbour_changes() -> None:
    """Two goals drawn in the wrong order over two chains five cards deep: the first
    round swaps the goals; the second need only look at the goals' layer again (its own
    order changed), not at the five layers of chains, which nothing moved."""
    # Goals 0 and 1; chain 2..6 serves goal 0, chain 7..11 goal 1.
    layer_of = [0, 0, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5]
    edges = [(2, 0, False), (7, 1, False)]
    edges += [(n + 1, n, False) for n in (2, 3, 4, 5, 7, 8, 9, 10)]
    graph = LayeredGraph.build(layer_of, edges)
    layers = [[1, 0], *([2 + d, 7 + d] for d in range(5))]
    lane = _CountingLanes([0] * len(graph.layer_of))
    _CountingLanes.reads = 0
    _transpose(graph, layers, lane, 8)
    assert layers == [[0, 1], *([2 + d, 7 + d] for d in range(5))]
    pairs_scanned = _CountingLanes.reads // 2  # each pair reads both lanes
    assert pairs_scanned == 6 + 1  # every layer once, then the goals' layer alone
