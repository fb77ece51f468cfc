"""Lanes: one horizontal band per goal, the way an improvement-science driver diagram reads
(the aim at the left, its primary drivers, then the change ideas).

A district plan is nearly a forest (program -> strategy -> goal), so every item gets one
home lane: the lane most of the items it supports stand in. An item serving several goals
stands once, in its home lane; crossing minimisation then pulls it to the edge of that lane
nearest the other lanes it serves, and its other links are drawn across. Lanes are put in an
order that keeps goals sharing items next to each other, and are flowed, whole, into side by
side columns of lanes when that brings the map nearer a screen's or a page's shape.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from coherence_planner.domain.layout.ordering import LayeredGraph


def home_lanes(
    graph: LayeredGraph,
    edges: Sequence[tuple[int, int, bool]],
    side: Sequence[tuple[int, int]],
    goals: Sequence[int],
    fallback: Sequence[Sequence[int]],
) -> list[int]:
    """The home goal (a node index from `goals`) of every node, dummies included.

    A goal is its own home; any other node takes the home most of what it supports shares
    (a goal it supports counts twice: a link to another lane's goal crosses that whole lane,
    one to a strategy or a program only part of it) (its lower neighbours across `edges`, else the cards it supports in its own column,
    `side`), ties going to the goal listed first; a node with neither takes the first of
    `fallback[n]` (the goals it reaches), and a dummy takes the home of its link's source."""
    real = graph.real
    home = [-1] * len(graph.layer_of)
    rank = {g: r for r, g in enumerate(goals)}
    for g in goals:
        home[g] = g
    targets: list[list[int]] = [[] for _ in range(real)]
    for src, dst, _ in edges:
        targets[src].append(dst)
    beside: list[list[int]] = [[] for _ in range(real)]
    for src, dst in side:
        beside[src].append(dst)
        beside[dst].append(src)

    def vote(n: int, among: list[int]) -> bool:
        votes: dict[int, int] = {}
        for m in among:
            if home[m] != -1:
                votes[home[m]] = votes.get(home[m], 0) + (2 if m == home[m] else 1)
        if votes:
            home[n] = min(votes, key=lambda g: (-votes[g], rank[g]))
        return bool(votes)

    by_layer: dict[int, list[int]] = {}
    for n in range(real):
        by_layer.setdefault(graph.layer_of[n], []).append(n)
    for lay in sorted(by_layer):
        waiting = [n for n in by_layer[lay] if home[n] == -1 and not vote(n, targets[n])]
        while waiting:  # same-column links: settle what can be settled, then again
            still = [n for n in waiting if not vote(n, beside[n])]
            if len(still) == len(waiting):
                break
            waiting = still
        for n in waiting:
            reach = [g for g in fallback[n] if g in rank]
            home[n] = min(reach, key=rank.__getitem__) if reach else goals[0]
    for (src, _, _), chain in zip(edges, graph.chains, strict=True):
        for dummy in chain[1:-1]:
            home[dummy] = home[src]
    return home


def lane_order(
    goals: Sequence[int], home: Sequence[int], edges: Sequence[tuple[int, int, bool]]
) -> list[int]:
    """The goals in the order their lanes stand: starting from the given order, neighbouring
    lanes swap while that shortens the links between lanes (summed over links, in lanes
    apart), so goals that share items stand side by side."""
    order = list(goals)
    weight: dict[tuple[int, int], int] = {}
    for src, dst, _ in edges:
        a, b = home[src], home[dst]
        if a != b:
            key = (min(a, b), max(a, b))
            weight[key] = weight.get(key, 0) + 1
    if not weight:
        return order
    partners: dict[int, list[tuple[int, int]]] = {g: [] for g in goals}
    for (a, b), w in weight.items():
        partners[a].append((b, w))
        partners[b].append((a, w))

    def delta(i: int, a: int, b: int, rank: dict[int, int]) -> int:
        # Swapping moves a down one and b up one; their link to each other keeps length.
        change = 0
        for other, w in partners[a]:
            if other != b:
                r = rank[other]
                change += w * (abs(r - (i + 1)) - abs(r - i))
        for other, w in partners[b]:
            if other != a:
                r = rank[other]
                change += w * (abs(r - i) - abs(r - (i + 1)))
        return change

    return swap_neighbours(order, delta)


def swap_neighbours(
    items: Sequence[int], delta: Callable[[int, int, int, dict[int, int]], int]
) -> list[int]:
    """Local search over an order: neighbours a (at i) and b swap while `delta(i, a, b,
    position)`, the cost change the swap would make, is negative."""
    order = list(items)
    pos = {x: i for i, x in enumerate(order)}
    for _ in range(2 * len(order)):
        improved = False
        for i in range(len(order) - 1):
            a, b = order[i], order[i + 1]
            if delta(i, a, b, pos) < 0:
                order[i], order[i + 1] = b, a
                pos[a], pos[b] = i + 1, i
                improved = True
        if not improved:
            break
    return order


def flow_lanes(
    heights: Sequence[float],
    widths: Sequence[float],
    gap: float,
    flow_gap: float,
    aspect: float | None,
) -> list[int]:
    """The column of lanes (0 = leftmost) each lane, in order, stands in.

    Lanes stay whole and in order, filling columns top to bottom; of every count of columns
    the one whose balanced split brings the whole nearest `aspect` (width / height) wins.
    None keeps one column."""
    count = len(heights)
    if aspect is None or count <= 1:
        return [0] * count
    best: tuple[float, list[int]] = (float("inf"), [0] * count)
    for columns in range(1, count + 1):
        split = _balanced_split(heights, gap, columns)
        tall = max(_column_heights(heights, gap, split))
        wide = sum(
            max(w for w, c in zip(widths, split, strict=True) if c == k)
            for k in range(max(split) + 1)
        ) + flow_gap * max(split)
        score = abs(math.log(wide / max(tall, 1.0) / aspect))
        if score < best[0] - 1e-9:
            best = (score, split)
    return best[1]


def _column_heights(heights: Sequence[float], gap: float, split: Sequence[int]) -> list[float]:
    totals = [0.0] * (max(split, default=0) + 1)
    counts = [0] * len(totals)
    for h, c in zip(heights, split, strict=True):
        totals[c] += h
        counts[c] += 1
    return [t + gap * max(n - 1, 0) for t, n in zip(totals, counts, strict=True)]


def _balanced_split(heights: Sequence[float], gap: float, columns: int) -> list[int]:
    """Lanes, in order, cut into at most `columns` runs whose tallest is as short as it can
    be (binary search on that height: greedy filling decides whether it fits)."""
    low = max(heights)
    high = sum(heights) + gap * len(heights)
    for _ in range(40):
        mid = (low + high) / 2
        split = _greedy(heights, gap, mid)
        if split is not None and split[-1] < columns:
            high = mid
        else:
            low = mid
    return _greedy(heights, gap, high) or [0] * len(heights)


def _greedy(heights: Sequence[float], gap: float, limit: float) -> list[int] | None:
    split: list[int] = []
    column, used = 0, 0.0
    for h in heights:
        need = h if used == 0 else used + gap + h
        if need > limit + 1e-6 and used > 0:
            column += 1
            need = h
        if need > limit + 1e-6:
            return None
        used = need
        split.append(column)
    return split


def block_keys(
    graph: LayeredGraph,
    lane: Sequence[int],
    initial: Sequence[Sequence[int]],
    side: Sequence[tuple[int, int]] = (),
) -> list[int]:
    """An ordering key per node that keeps lanes apart and, inside a lane, keeps each
    strategy's programs together in a block beside it: lane first, then block.

    The nodes of layer 1 (strategies, under the goals) are the blocks; a node of layer 2
    belongs to the block it links to most, and a passing line in layer 1 stands just after
    the block of the card it comes from. Blocks are put in the order (`arrange_blocks`) that
    keeps cards shared by two blocks close to both and pulls a block serving another lane
    toward that lane's side, so barycentre sweeps then only sort cards within a block: the
    forest is drawn without crossings, and every exception costs as little as it can."""
    size = len(graph.layer_of)
    if len(graph.layers) < 3:
        return list(lane)
    heads = [n for n in graph.layers[1] if n < graph.real]
    head_set = set(heads)
    # Every node further from the goals belongs to the block most of its lower neighbours
    # in its lane belong to: a secondary driver to its primary's, a program to its
    # strategy's (through the secondary it serves, or the passing line to a primary).
    home = [-1] * size
    for s in heads:
        home[s] = s
    further = [n for lay in graph.layers[2:] for n in lay]
    partners: dict[int, list[int]] = {}  # cards linked within one column (a folded chain)
    for a, b in side:
        if lane[a] == lane[b]:
            partners.setdefault(a, []).append(b)
            partners.setdefault(b, []).append(a)
    for nodes in graph.layers[2:]:
        for n in nodes:
            votes: dict[int, int] = {}
            for m in graph.lower[n]:
                if home[m] != -1 and lane[m] == lane[n]:
                    votes[home[m]] = votes.get(home[m], 0) + 1
            if votes:
                home[n] = min(votes, key=lambda m: (-votes[m], m))
        # A card linked only within its column joins the block of the card it serves.
        waiting = [n for n in nodes if home[n] == -1 and n in partners]
        while waiting:
            for n in waiting:
                home[n] = next((home[m] for m in partners[n] if home[m] != -1), -1)
            still = [n for n in waiting if home[n] == -1]
            if len(still) == len(waiting):
                break
            waiting = still
    by_lane: dict[int, list[int]] = {}
    for n in initial[1]:  # in their depth-first order
        if n < graph.real:
            by_lane.setdefault(lane[n], []).append(n)
    members: dict[int, int] = dict.fromkeys(heads, 1)
    shared: dict[int, dict[int, int]] = {s: {} for s in heads}
    pull: dict[int, int] = dict.fromkeys(heads, 0)  # > 0: toward the lanes below
    for n in further:
        h = home[n]
        if h == -1:
            continue
        members[h] += 1
        for m in graph.lower[n]:
            if home[m] == h:
                continue
            if lane[m] != lane[h]:
                pull[h] += 1 if lane[m] > lane[h] else -1
            elif home[m] in head_set:
                other = home[m]
                shared[h][other] = shared[h].get(other, 0) + 1
                shared[other][h] = shared[other].get(h, 0) + 1
    for s in heads:
        for m in graph.lower[s]:
            if lane[m] != lane[s]:
                pull[s] += 1 if lane[m] > lane[s] else -1
    rank: dict[int, int] = {}
    for row in by_lane.values():
        for r, s in enumerate(arrange_blocks(row, members, shared, pull)):
            rank[s] = r
    # Keys count in halves: a block's secondary drivers and the programs serving them come
    # first (its upper half), its other programs and passing lines after. Straight links
    # from the lower half to the primary then pass below the secondaries, never through
    # their fans.
    width = 2 * max((len(row) for row in by_lane.values()), default=0) + 4
    key = [lane[n] * width * 2 for n in range(size)]
    last = width - 1
    lead = [False] * size
    for n in further:
        if graph.layer_of[n] == 2:
            lead[n] = n < graph.real and any(lane[m] == lane[n] for m in graph.higher[n])
        else:
            lead[n] = any(lead[m] and home[m] == home[n] for m in graph.lower[n])
    for s in heads:
        key[s] += 2 * (2 * rank[s] + 1)
    for n in further:
        block = 2 * rank[home[n]] + 1 if home[n] != -1 else last
        key[n] += 2 * block + (0 if lead[n] else 1)
    blocks_in = {r: len(row) for r, row in by_lane.items()}
    ends: dict[int, int] = {}
    for chain in graph.chains:
        if len(chain) > 2 and graph.layer_of[chain[-1]] == 0:
            # A passing line in layer 1 stands beside its card's block, on the side toward
            # the lane's middle, where the goal stands; so its card stands at that end of
            # its block, and the line runs out of the block without crossing it.
            # In the middle block, level with the goal, such cards alternate between its
            # two ends: two cards linked to both the block and the goal then cross nothing.
            src = chain[0]
            slot = last
            if home[src] != -1:
                r = rank[home[src]]
                middle = (blocks_in[lane[src]] - 1) / 2
                if r == middle:
                    ends[home[src]] = ends.get(home[src], 0) + 1
                    slot = 2 * r + 2 * (ends[home[src]] % 2)
                else:
                    slot = 2 * r + 2 if r < middle else 2 * r
            for dummy in chain[1:-1]:
                key[dummy] = (lane[dummy] * width + slot) * 2
    return key


def arrange_blocks(
    blocks: list[int],
    members: dict[int, int],
    shared: dict[int, dict[int, int]],
    pull: dict[int, int],
) -> list[int]:
    """The blocks of one lane in an order that keeps shared cards' links short.

    A card shared by blocks a and b crosses about every card standing between them, and a
    link to another lane crosses every card between its block and that lane's side; so
    neighbouring blocks swap while that lowers those counts (weighted by block sizes)."""

    def delta(i: int, a: int, b: int, pos: dict[int, int]) -> int:
        # Swapping moves a past b's cards and b past a's.
        change = 0
        for other, w in shared[a].items():
            if other != b:
                change += w * members[b] * (1 if pos[other] < i else -1)
        for other, w in shared[b].items():
            if other != a:
                change += w * members[a] * (1 if pos[other] > i + 1 else -1)
        # a's pull toward the lanes below (> 0) or above (< 0) now has b's cards behind it
        # rather than in front, and b's the other way round.
        return change + members[a] * pull[b] - members[b] * pull[a]

    return swap_neighbours(blocks, delta)
