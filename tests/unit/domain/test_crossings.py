"""count_crossings agrees with a brute-force orientation test on every kind of input."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from coherence_planner.domain.layout.crossings import Segment, bilayer_crossings, count_crossings


def _orient(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> int:
    """Exact orientation (Fractions), so the reference never rounds a crossing away."""
    ax, ay, bx, by, cx, cy = (Fraction(v) for v in (*a, *b, *c))
    value = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    return (value > 0) - (value < 0)


def _brute(segments: list[Segment]) -> int:
    total = 0
    for (a, b), (c, d) in combinations(segments, 2):
        if _orient(a, b, c) * _orient(a, b, d) < 0 and _orient(c, d, a) * _orient(c, d, b) < 0:
            total += 1
    return total


coord = st.integers(min_value=0, max_value=4)
point = st.tuples(coord, coord)
segment = st.tuples(point, point)


@settings(max_examples=300, deadline=None)
@given(st.lists(segment, max_size=9))
def test_matches_brute_force_on_small_grids(segments: list[Segment]) -> None:
    assert count_crossings(segments) == _brute(segments)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.tuples(st.sampled_from([0.0, 1.5, 3.0]), st.floats(-50, 50)),
            st.tuples(st.sampled_from([0.0, 1.5, 3.0, 4.5]), st.floats(-50, 50)),
        ),
        max_size=25,
    )
)
def test_matches_brute_force_on_layered_drawings(segments: list[Segment]) -> None:
    assert count_crossings(segments) == _brute(segments)


def test_known_cases() -> None:
    x = [((0, 0), (2, 2)), ((0, 2), (2, 0))]
    assert count_crossings(x) == 1
    assert count_crossings([((0, 0), (2, 2)), ((2, 2), (4, 0))]) == 0  # shared end
    assert count_crossings([((0, 0), (4, 0)), ((2, 0), (2, 3))]) == 0  # T-junction
    assert count_crossings([((0, 0), (4, 0)), ((1, 0), (3, 0))]) == 0  # overlap
    assert count_crossings([((0, 0), (4, 4)), ((2, 0), (2, 4))]) == 1  # vertical
    # Three lines through one point: three pairs cross there.
    assert count_crossings([((0, 0), (2, 2)), ((0, 2), (2, 0)), ((0, 1), (2, 1))]) == 3


def test_ten_thousand_layered_segments_are_counted_quickly() -> None:
    import random
    import time

    rng = random.Random(1)
    segments: list[Segment] = [
        ((0.0, rng.uniform(0, 1000)), (1.0, rng.uniform(0, 1000))) for _ in range(10_000)
    ]
    start = time.perf_counter()
    count = count_crossings(segments)
    assert time.perf_counter() - start < 5
    assert count == bilayer_crossings(_ranks(segments))


def _ranks(segments: list[Segment]) -> list[tuple[int, int]]:
    left = {y: r for r, y in enumerate(sorted({s[0][1] for s in segments}))}
    right = {y: r for r, y in enumerate(sorted({s[1][1] for s in segments}))}
    return [(left[s[0][1]], right[s[1][1]]) for s in segments]
