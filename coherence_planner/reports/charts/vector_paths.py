"""Paths of a recorded chart (charts/vector.py): read from matplotlib in one step, written to
the PDF once, and hatching drawn as the lines it is.

A heat map at 2,000 programs is thousands of cells and a scatter thousands of markers; each
is a path, and matplotlib's segment iterator and reportlab's number formatting (pure
Python here) took a second per chart between them. So a path's points are read from its
arrays at once, and its PDF operators are formatted the first time it is drawn and kept
with it: the next build (another paper, the print preview's next page) writes the same
text again.

PDF pattern fills would draw hatching too, but reportlab has no API for them; a hatched
shape (the heat map's schools that do not teach a grade band) instead gets matplotlib's own
hatch lines, tiled an inch apart as matplotlib's PDF backend tiles them, clipped to it.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Affine2D

HATCH_TILE = 72.0  # points: matplotlib's hatch pattern repeats every inch
MOVETO, LINETO = int(MplPath.MOVETO), int(MplPath.LINETO)
Segments = list[tuple[tuple[float, ...], int]]


class RecordedPath(list):  # type: ignore[type-arg]
    """A path's segments, with its PDF operators once they have been written."""

    __slots__ = ("code",)

    def __init__(self, segments: Segments) -> None:
        super().__init__(segments)
        self.code: str | None = None


class WrittenPath:
    """What reportlab's Canvas.drawPath and clipPath ask of a path: its operators."""

    __slots__ = ("_code",)

    def __init__(self, code: str) -> None:
        self._code = code

    def getCode(self) -> str:  # reportlab's name
        return self._code


def segments(path: MplPath, transform: Any) -> RecordedPath:
    """The path's segments in points, as matplotlib's iter_segments gives them (a curve's
    control points with its end point), read from its arrays at once."""
    moved = transform.transform_path(path)
    points = moved.vertices
    if not np.isfinite(points).all():  # gaps: matplotlib's own reading skips them
        return RecordedPath(
            [
                (tuple(float(v) for v in vertices), int(code))
                for vertices, code in path.iter_segments(
                    transform, remove_nans=True, simplify=False
                )
            ]
        )
    xy = points.tolist()
    if moved.codes is None:
        return RecordedPath([(tuple(xy[0]), MOVETO), *((tuple(p), LINETO) for p in xy[1:])])
    codes = moved.codes.tolist()
    out: Segments = []
    n = 0
    while n < len(xy):
        code = codes[n]
        if code == MplPath.STOP:
            break
        taken = 3 if code == MplPath.CURVE4 else 2 if code == MplPath.CURVE3 else 1
        out.append((tuple(v for p in xy[n : n + taken] for v in p), code))
        n += taken
    return RecordedPath(out)


def placed(marker: Segments, path: MplPath, transform: Any) -> list[RecordedPath]:
    """The `marker` shape (in points, about its centre) moved to each point of `path`, as
    matplotlib's draw_markers places it, in one array operation."""
    points = transform.transform(path.vertices)
    codes = path.codes
    keep = np.isfinite(points).all(axis=1)
    if codes is not None:
        keep &= (codes != MplPath.CLOSEPOLY) & (codes != MplPath.STOP)
    flat = np.array([v for vertices, _ in marker for v in vertices], dtype=float)
    across = np.tile([1.0, 0.0], len(flat) // 2)
    rows = (
        flat[None, :]
        + points[keep, 0:1] * across[None, :]
        + points[keep, 1:2] * (1 - across)[None, :]
    ).tolist()
    cuts = [0]
    for vertices, _ in marker:
        cuts.append(cuts[-1] + len(vertices))
    codes_of = [code for _, code in marker]
    return [
        RecordedPath(
            [(tuple(row[a:b]), code) for a, b, code in zip(cuts, cuts[1:], codes_of, strict=False)]
        )
        for row in rows
    ]


def written(path: Segments) -> WrittenPath:
    """The path as PDF operators, formatted once per recorded path."""
    code = getattr(path, "code", None)
    if code is None:
        code = _operators(path)
        if isinstance(path, RecordedPath):
            path.code = code
    return WrittenPath(code)


def _operators(path: Segments) -> str:
    words: list[str] = []
    x = y = 0.0
    for vertices, code in path:
        if code == MplPath.MOVETO:
            x, y = vertices
            words.append(f"{x:.2f} {y:.2f} m")
        elif code == MplPath.LINETO:
            x, y = vertices
            words.append(f"{x:.2f} {y:.2f} l")
        elif code == MplPath.CURVE3:  # a quadratic curve, as the cubic PDF draws
            qx, qy, ex, ey = vertices
            c = (
                x + 2 / 3 * (qx - x),
                y + 2 / 3 * (qy - y),
                ex + 2 / 3 * (qx - ex),
                ey + 2 / 3 * (qy - ey),
                ex,
                ey,
            )
            words.append(" ".join(f"{v:.2f}" for v in c) + " c")
            x, y = ex, ey
        elif code == MplPath.CURVE4:
            words.append(" ".join(f"{v:.2f}" for v in vertices) + " c")
            x, y = vertices[4], vertices[5]
        elif code == MplPath.CLOSEPOLY:
            words.append("h")
    return " ".join(words)


def hatch_lines(hatch: str, shape: Segments) -> RecordedPath:
    """matplotlib's `hatch` pattern ("//", "x", "..") as lines over the box of `shape`,
    tiled from the page's origin so that neighbouring shapes' lines meet."""
    if not hatch:
        return RecordedPath([])
    xs = [v for vertices, _ in shape for v in vertices[0::2]]
    ys = [v for vertices, _ in shape for v in vertices[1::2]]
    tile = MplPath.hatch(hatch, 6.0)  # the density matplotlib's renderers ask for
    if not xs:
        return RecordedPath([])
    lines: Segments = []
    for tx in range(math.floor(min(xs) / HATCH_TILE), math.ceil(max(xs) / HATCH_TILE)):
        for ty in range(math.floor(min(ys) / HATCH_TILE), math.ceil(max(ys) / HATCH_TILE)):
            place = Affine2D().scale(HATCH_TILE).translate(tx * HATCH_TILE, ty * HATCH_TILE)
            lines += segments(tile, place)
    return RecordedPath(lines)
