"""A recorded chart's paths: read from matplotlib's arrays at once, the same segments as
matplotlib's own iterator gives, and written to the PDF once."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

from coherence_planner.reports.charts.vector_paths import hatch_lines, placed, segments, written

MOVE = Affine2D().scale(3.5).translate(100.25, 40.5)


@pytest.mark.parametrize(
    "path",
    [
        Path.unit_circle(),  # a marker: cubic curves
        Path([[0, 0], [1, 1], [2, 0], [3, 3]]),  # a line, no codes
        Path([[0, 0], [1, 2], [2, 0], [0, 0]], [1, 3, 3, 79]),  # a quadratic curve, closed
        Path(np.array([[0, 0], [1, np.nan], [2, 2], [3, 1]])),  # a gap
        Path.unit_rectangle(),
    ],
)
def test_segments_are_matplotlibs_own(path: Path) -> None:
    expected = [
        (tuple(float(v) for v in vertices), int(code))
        for vertices, code in path.iter_segments(MOVE, remove_nans=True, simplify=False)
    ]
    got = segments(path, MOVE)
    assert len(got) == len(expected)
    for (v1, c1), (v2, c2) in zip(got, expected, strict=True):
        assert c1 == c2
        if c1 != Path.CLOSEPOLY:  # a close's point is never read
            assert all(math.isclose(a, b) for a, b in zip(v1, v2, strict=True))


def test_a_path_is_written_once_and_kept() -> None:
    circle = segments(Path.unit_circle(), MOVE)
    code = written(circle).getCode()
    assert code.startswith("100.25 37.00 m") and code.count(" c") == 8 and code.endswith("h")
    assert circle.code is code  # the next build writes the same text without formatting it


def test_hatching_covers_the_shape_with_lines() -> None:
    box = segments(Path.unit_rectangle(), Affine2D().scale(100, 30).translate(50, 10))
    lines = hatch_lines("//", box)
    xs = [v for vertices, _ in lines for v in vertices[0::2]]
    assert {code for _, code in lines} == {1, 2}
    assert min(xs) <= 50 and max(xs) >= 150  # tiles an inch apart, over the whole box
    assert hatch_lines("", box) == []


def test_markers_are_placed_where_matplotlib_places_them() -> None:
    marker = Path.unit_regular_star(5)
    where = Path(np.array([[0.0, 0.0], [1.0, 2.0], [np.nan, 1.0], [3.0, -1.0]]))
    got = placed(segments(marker, MOVE), where, Affine2D().scale(10))
    expected = [
        segments(marker, MOVE + Affine2D().translate(x * 10, y * 10))
        for x, y in ((0.0, 0.0), (1.0, 2.0), (3.0, -1.0))  # a point with a gap is skipped
    ]
    assert len(got) == len(expected)
    for one, other in zip(got, expected, strict=True):
        assert [c for _, c in one] == [c for _, c in other]
        flat = [v for vertices, _ in one for v in vertices]
        assert np.allclose(flat, [v for vertices, _ in other for v in vertices])
