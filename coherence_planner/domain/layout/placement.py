"""Vertical positions within the map's columns, once the order in each column is fixed.

Each node wants to sit level with the average of its neighbours in the next column, so links
run as flat as they can; nodes must keep their order and their spacing. That is an isotonic
regression: after subtracting each node's minimum offset from the top of its column, the
positions must be non-decreasing, and the least-squares answer is found by pooling adjacent
violators in linear time. A few sweeps toward and away from the goals settle the columns.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence


def isotonic_with_gaps(targets: Sequence[float], gaps: Sequence[float]) -> list[float]:
    """Positions y, in order, with y[i+1] - y[i] >= gaps[i], closest to `targets` in the
    least-squares sense."""
    if not targets:
        return []
    offsets = [0.0]
    for gap in gaps:
        offsets.append(offsets[-1] + gap)
    values: list[float] = []  # block means
    sizes: list[int] = []
    for target, offset in zip(targets, offsets, strict=True):
        values.append(target - offset)
        sizes.append(1)
        while len(values) > 1 and values[-2] > values[-1]:
            size = sizes[-2] + sizes[-1]
            values[-2] = (values[-2] * sizes[-2] + values[-1] * sizes[-1]) / size
            sizes[-2] = size
            values.pop()
            sizes.pop()
    result: list[float] = []
    for value, size in zip(values, sizes, strict=True):
        result.extend([value] * size)
    return [z + offset for z, offset in zip(result, offsets, strict=True)]


def place_columns(
    order: Sequence[Sequence[int]],
    right: Sequence[Sequence[int]],
    left: Sequence[Sequence[int]],
    heights: Sequence[float],
    real: int,
    card_gap: float,
    line_gap: float,
    sweeps: int = 4,
    tight: int | None = None,
) -> list[float]:
    """The centre y of every node (cards are nodes below `real`, passing lines above it).
    Column `tight` (its cards in rows) is then stacked without gaps, and the columns
    before it are placed toward it once more: rows spread after their strategies left a
    packed lane half empty."""
    ys = [0.0] * len(heights)
    gaps_of: list[list[float]] = []
    for nodes in order:
        gaps = [
            (heights[a] + heights[b]) / 2 + (card_gap if a < real and b < real else line_gap)
            for a, b in itertools.pairwise(nodes)
        ]
        gaps_of.append(gaps)
        placed = isotonic_with_gaps([0.0] * len(nodes), gaps)
        for n, y in zip(nodes, placed, strict=True):
            ys[n] = y
    for sweep in range(sweeps):
        toward_goals = sweep % 2 == 1
        lays = range(len(order) - 2, -1, -1) if toward_goals else range(1, len(order))
        neighbours = left if toward_goals else right
        for lay in lays:
            nodes = order[lay]
            targets = []
            for n in nodes:
                near = neighbours[n]
                targets.append(sum(ys[m] for m in near) / len(near) if near else ys[n])
            for n, y in zip(nodes, isotonic_with_gaps(targets, gaps_of[lay]), strict=True):
                ys[n] = y
    if tight is not None and order[tight]:
        nodes = order[tight]
        stacked = isotonic_with_gaps([0.0] * len(nodes), gaps_of[tight])
        shift = sum(ys[n] for n in nodes) / len(nodes) - sum(stacked) / len(stacked)
        for n, y in zip(nodes, stacked, strict=True):
            ys[n] = y + shift
        for lay in range(tight - 1, -1, -1):
            nodes = order[lay]
            targets = [
                sum(ys[m] for m in left[n]) / len(left[n]) if left[n] else ys[n] for n in nodes
            ]
            for n, y in zip(nodes, isotonic_with_gaps(targets, gaps_of[lay]), strict=True):
                ys[n] = y
    return ys
