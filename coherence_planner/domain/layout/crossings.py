"""Counting edge crossings: the one measure the map layout and its benchmark agree on.

A drawing's crossings are counted on straight segments between the centres of the two
items each edge joins, whoever produced the coordinates (our layout or Graphviz), so the
numbers compare like with like. A *proper* crossing is a single point interior to both
segments: segments that share an end, touch at an end, or overlap along a line do not count.

The count sweeps the plane in vertical slabs between consecutive distinct x coordinates of
the endpoints. Inside a slab every spanning segment is a straight line, so two of them cross
inside the slab exactly when their vertical order at its left edge and at its right edge is
inverted: an inversion count, O(n log n) per slab. Layered drawings have a handful of
distinct x coordinates, so 10,000 segments take milliseconds. Arithmetic is exact
(`Fraction` where a segment is cut by a slab edge), so ties are never guessed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from fractions import Fraction

Point = tuple[float, float]
Segment = tuple[Point, Point]
_Num: TypeAlias = "float | Fraction"


def count_crossings(segments: Iterable[Segment]) -> int:
    """The number of pairs of segments that cross at one point interior to both."""
    slanted: list[tuple[float, float, float, float]] = []  # x1 < x2
    vertical: list[tuple[float, float, float]] = []  # x, y_low, y_high
    for (ax, ay), (bx, by) in segments:
        if ax == bx:
            if ay != by:
                vertical.append((ax, min(ay, by), max(ay, by)))
        elif ax < bx:
            slanted.append((ax, ay, bx, by))
        else:
            slanted.append((bx, by, ax, ay))
    xs = sorted({s[0] for s in slanted} | {s[2] for s in slanted} | {v[0] for v in vertical})
    total = 0
    # Segments alive at each x, found by sweeping starts and ends in x order.
    starts: dict[float, list[int]] = defaultdict(list)
    for n, seg in enumerate(slanted):
        starts[seg[0]].append(n)
    alive: set[int] = set()
    previous_x: float | None = None
    previous_y: dict[int, _Num] = {}
    verticals_at: dict[float, list[tuple[float, float, float]]] = defaultdict(list)
    for v in vertical:
        verticals_at[v[0]].append(v)
    for x in xs:
        # Segments that span the slab (previous_x, x): alive before x, still alive at x.
        if previous_x is not None:
            spanning = sorted(alive)
            left = [previous_y[n] for n in spanning]
            right = [_y_at(slanted[n], x) for n in spanning]
            total += _inversions(left, right)
        alive = {n for n in alive if slanted[n][2] > x}
        alive.update(starts.get(x, ()))
        # Crossings exactly on the line x: among segments passing through (not ending) here.
        here = {n: _y_at(slanted[n], x) for n in alive}
        passing = [n for n in alive if slanted[n][0] < x]
        through = sorted(here[n] for n in passing)
        total += _ties_through([(here[n], _slope(slanted[n])) for n in passing])
        for _, low, high in verticals_at.get(x, ()):
            total += bisect_left(through, high) - bisect_right(through, low)
        previous_x = x
        previous_y = here
    return total


def _y_at(seg: tuple[float, float, float, float], x: float) -> _Num:
    # Imported here: the map's layout uses only `bilayer_crossings`, and the SVG export's
    # whole process time counts every module it imports.
    from fractions import Fraction

    x1, y1, x2, y2 = seg
    if x == x1:
        return y1
    if x == x2:
        return y2
    return Fraction(y1) + (Fraction(y2) - Fraction(y1)) * (Fraction(x) - Fraction(x1)) / (
        Fraction(x2) - Fraction(x1)
    )


def _slope(seg: tuple[float, float, float, float]) -> Fraction:
    from fractions import Fraction

    x1, y1, x2, y2 = seg
    return (Fraction(y2) - Fraction(y1)) / (Fraction(x2) - Fraction(x1))


def _ties_through(points: list[tuple[_Num, Fraction]]) -> int:
    """Pairs of segments passing mid-segment through the same point of a slab edge.

    Such a pair crosses there unless the two are collinear (same slope), which is overlap,
    not a crossing."""
    if len(points) < 2:
        return 0
    by_y: dict[_Num, dict[Fraction, int]] = defaultdict(lambda: defaultdict(int))
    for y, slope in points:
        by_y[y][slope] += 1
    pairs = 0
    for slopes in by_y.values():
        count = sum(slopes.values())
        pairs += count * (count - 1) // 2
        pairs -= sum(c * (c - 1) // 2 for c in slopes.values())
    return pairs


def _inversions(left: Sequence[_Num], right: Sequence[_Num]) -> int:
    """Pairs with left_i < left_j and right_i > right_j strictly (a crossing inside the slab)."""
    order = sorted(range(len(left)), key=lambda n: (left[n], right[n]))
    ranks = {v: r for r, v in enumerate(sorted(set(right)), start=1)}
    tree = [0] * (len(ranks) + 1)
    inversions = 0
    for seen, n in enumerate(order):
        rank = ranks[right[n]]
        # Count earlier elements with right value <= this one; the rest are strictly greater.
        i, not_greater = rank, 0
        while i > 0:
            not_greater += tree[i]
            i -= i & -i
        inversions += seen - not_greater
        i = rank
        while i < len(tree):
            tree[i] += 1
            i += i & -i
    return inversions


def bilayer_crossings(edges: Sequence[tuple[int, int]]) -> int:
    """Crossings between two ordered layers: `edges` holds (position left, position right).

    Barth, Jünger and Mutzel's accumulator-tree count, the inner loop of the layout's
    crossing minimisation."""
    if len(edges) < 2:
        return 0
    ordered = sorted(edges)
    size = max(e[1] for e in ordered) + 1
    tree = [0] * (size + 1)
    crossings = 0
    for seen, (_, pos) in enumerate(ordered):
        i, not_greater = pos + 1, 0
        while i > 0:
            not_greater += tree[i]
            i -= i & -i
        crossings += seen - not_greater
        i = pos + 1
        while i <= size:
            tree[i] += 1
            i += i & -i
    return crossings
