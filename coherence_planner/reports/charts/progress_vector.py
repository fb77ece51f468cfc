"""A goal's progress chart for the report, drawn straight as vectors: no matplotlib.

The app draws the chart with matplotlib (charts/indicators.py), whose layout of one figure
takes 100-200 ms; a 2,000-program report has a chart per goal, and those layouts were a
quarter of its build. This chart is simple (lines, markers, a grid, a few words), so the
report lays it out here with the fonts' own widths (cached) and hands the steps to
VectorChart in the same form the matplotlib recorder makes (charts/vector.py): the same
picture (the same colours, line styles, marker shapes, end labels and legend), drawn in a
millisecond, with the goal's and the indicators' names wrapped whole instead of cut.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from coherence_planner.domain.model.items import Goal, Indicator
from coherence_planner.domain.progress import indicators as ind_status
from coherence_planner.reports.charts import painter
from coherence_planner.reports.charts.indicators import MARKERS, STATUS_WORDS, value_words
from coherence_planner.reports.charts.painter import BLACK, CLOSE, CURVE, GRID, LINE, MOVE, WHITE
from coherence_planner.reports.charts.vector import Op
from coherence_planner.reports.fonts import register_fonts, text_width
from coherence_planner.reports.palette import STATUS_COLOURS

WIDTH = 460.8  # design points (6.4 in, the matplotlib chart's width); scaled to the column
PLOT_HEIGHT = 180.0
PAD = 4.0
TITLE_PT, TICK_PT, LEGEND_PT = 10.0, 8.0, 7.5
TICK_LEN = 3.5
HANDLE = 20.0  # a legend entry's sample of line and marker
LABEL_GAP = 7.0  # points between a current value and its status words
KEY = "Solid: actual · dashed: planned path · hollow: target"
KAPPA = 0.5523  # a quarter circle's control points, as a fraction of the radius


def _marker(shape: str, x: float, y: float, size: float) -> list[tuple[tuple[float, ...], int]]:
    """matplotlib's marker `shape` (MARKERS) centred on (x, y), `size` points across, as
    matplotlib sizes them: a circle `size` wide, a square `size` a side, a diamond that
    square turned."""
    r = size / 2
    if shape == "o":
        k = r * KAPPA
        return [
            ((x + r, y), MOVE),
            ((x + r, y + k, x + k, y + r, x, y + r), CURVE),
            ((x - k, y + r, x - r, y + k, x - r, y), CURVE),
            ((x - r, y - k, x - k, y - r, x, y - r), CURVE),
            ((x + k, y - r, x + r, y - k, x + r, y), CURVE),
            ((x + r, y), CLOSE),
        ]
    d = r * math.sqrt(2)
    corners = {
        "s": [(-r, -r), (r, -r), (r, r), (-r, r)],
        "^": [(0.0, r), (-r, -r), (r, -r)],
        "v": [(0.0, -r), (r, r), (-r, r)],
        "D": [(0.0, d), (-d, 0.0), (0.0, -d), (d, 0.0)],
    }.get(shape) or _cross(r, 45 if shape == "X" else 0)
    (fx, fy), *rest = corners
    return [
        ((x + fx, y + fy), MOVE),
        *(((x + dx, y + dy), LINE) for dx, dy in rest),
        ((x + fx, y + fy), CLOSE),
    ]


def _cross(r: float, turn: float) -> list[tuple[float, float]]:
    """A filled plus (turned 45°: an X), its arms a third of its size thick."""
    t = r / 3
    arm = [(t, t), (t, r), (-t, r), (-t, t)]
    return _turned([p for q in range(4) for p in _turned(arm, 90 * q)], turn)


def _turned(points: list[tuple[float, float]], degrees: float) -> list[tuple[float, float]]:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return [(x * c - y * s, x * s + y * c) for x, y in points]


@dataclass(frozen=True)
class _Scale:
    """Data values `lo`..`hi` placed at `a`..`b` points."""

    lo: float
    hi: float
    a: float
    b: float

    def __call__(self, value: float) -> float:
        return self.a + (value - self.lo) * (self.b - self.a) / (self.hi - self.lo)


@dataclass(frozen=True)
class _Series:
    """One indicator as the chart shows it."""

    colour: str
    marker: str
    base: tuple[float, float] | None
    target: tuple[float, float] | None
    now: tuple[float, float] | None
    status: str
    label: str


def _point(year: int | None, value: float | int | None) -> tuple[float, float] | None:
    return None if year is None or value is None else (float(year), float(value))


def _series(n: int, indicator: Indicator, school_year: str | int) -> _Series:
    status = ind_status.indicator_status(indicator, school_year)
    shown = value_words(indicator.current, indicator.unit, fit=lambda unit, _: unit)
    return _Series(
        STATUS_COLOURS[status],
        MARKERS[n % len(MARKERS)],
        _point(indicator.baseline_year, indicator.baseline),
        _point(indicator.target_year, indicator.target),
        _point(ind_status.measured_year(indicator, school_year), indicator.current),
        STATUS_WORDS[status],
        f"{indicator.name or f'Indicator {n + 1}'}: {shown} ({STATUS_WORDS[status]})",
    )


def _range(values: list[float], margin: float) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    if lo == hi:
        lo, hi = lo - (abs(lo) * 0.1 or 1.0), hi + (abs(hi) * 0.1 or 1.0)
    return lo - (hi - lo) * margin, hi + (hi - lo) * margin


def progress_ops(goal: Goal, school_year: str | int) -> tuple[list[Op], float, float]:
    """The goal's chart (it has indicators) as drawing steps, and its size in points."""
    register_fonts()
    series = [_series(n, i, school_year) for n, i in enumerate(goal.indicators)]
    legend = [painter.wrapped(s.label, WIDTH - 2 * PAD - HANDLE - 6, LEGEND_PT) for s in series]
    points = [p for s in series for p in (s.base, s.target, s.now) if p is not None]
    if not points:  # nothing measured yet: the axes of this school year, empty
        points = [(float(ind_status.results_year(school_year) or 2025), 0.0)]
    years = [int(x) for x, _ in points]
    y_lo, y_hi = _range([y for _, y in points], 0.12)
    y_ticks, y_step = painter.nice_ticks(y_lo, y_hi)
    y_words = [painter.tick_words(v, y_step) for v in y_ticks]
    units = {i.unit for i in goal.indicators if i.unit}
    unit = units.pop() if len(units) == 1 else ""

    tick_a, tick_d = painter.height(TICK_PT)
    legend_line = LEGEND_PT * 1.4
    legend_h = legend_line * (1 + sum(len(lines) for lines in legend))
    bottom = PAD + legend_h + 8 + (tick_a - tick_d) * 2 + 3 + 3.5 + TICK_LEN
    top = bottom + PLOT_HEIGHT
    left = PAD + max(text_width(w, TICK_PT) for w in y_words) + 3.5 + TICK_LEN
    if unit:
        left += tick_a - tick_d + 4
    title = painter.wrapped(
        goal.label, WIDTH - PAD - left, TITLE_PT
    )  # over the plot, as matplotlib's
    height = top + 8 + TITLE_PT * 1.25 * len(title) + PAD
    x_lo, x_hi = min(years) - 0.4, max(years) + 0.8
    right = WIDTH - PAD
    for _ in range(2):  # the status words after the latest value stay inside the chart
        x = _Scale(x_lo, x_hi, left, right)
        reach = max(
            (x(s.now[0]) + LABEL_GAP + text_width(s.status, TICK_PT) for s in series if s.now),
            default=right,
        )
        right -= max(0.0, reach - (WIDTH - PAD))
    x = _Scale(x_lo, x_hi, left, right)
    y = _Scale(y_lo, y_hi, bottom, top)
    label_w = text_width(str(max(years)), TICK_PT) + 8
    year_room = x(1) - x(0)  # each year's label gets room, or every second, fifth... year
    every = next((k for k in (1, 2, 5, 10, 20) if label_w <= year_room * k), 50)
    x_ticks = [float(v) for v in range(min(years), max(years) + 1) if (v - min(years)) % every == 0]

    ops: list[Op] = []
    grid = painter.stroke(GRID, 0.6)
    ops += [painter.line([(x(v), bottom), (x(v), top)], grid) for v in x_ticks]
    ops += [painter.line([(left, y(v)), (right, y(v))], grid) for v in y_ticks]
    for s in series:
        ops += _indicator(s, x, y)
    ops += _end_labels(series, x, y)
    ops += _axes(x, y, x_ticks, list(zip(y_ticks, y_words, strict=True)), unit)
    for n, line in enumerate(title):
        ops.append(painter.text(left, height - PAD - TITLE_PT * (1.25 * n + 1), line, TITLE_PT))
    ops += _legend(series, legend, PAD + legend_h, legend_line)
    return ops, WIDTH, height


def _indicator(s: _Series, x: _Scale, y: _Scale) -> Iterator[Op]:
    """The planned path (dashed), the target (hollow), the actual line (solid, marked)."""
    if s.base and s.target:
        planned = painter.stroke(
            painter.rgba(s.colour, 0.55), 1.5, (5.55, 2.4)
        )  # matplotlib's "--"
        yield painter.line(
            [(x(s.base[0]), y(s.base[1])), (x(s.target[0]), y(s.target[1]))], planned
        )
    if s.target:
        outline = _marker(s.marker, x(s.target[0]), y(s.target[1]), 9)
        yield (
            "path",
            outline,
            painter.stroke(painter.rgba(s.colour), 1.8),
            (1.0, 1.0, 1.0, 1.0),
            None,
        )
    actual = [(x(p[0]), y(p[1])) for p in (s.base, s.now) if p is not None]
    if len(actual) > 1:
        yield painter.line(actual, painter.stroke(painter.rgba(s.colour), 2.4))
    for px, py in actual:
        yield (
            "path",
            _marker(s.marker, px, py, 7),
            painter.stroke(painter.rgba(s.colour), 1.0),
            painter.rgba(s.colour),
            None,
        )


def _end_labels(series: list[_Series], x: _Scale, y: _Scale) -> list[Op]:
    """The status words beside each current value, on white; where two would overlap (two indicators
    off track in the same year), the upper one moves up until it clears the lower."""
    ascent, descent = painter.height(TICK_PT)
    boxes = []
    for s in series:
        if s.now:
            x0, middle = x(s.now[0]) + LABEL_GAP, y(s.now[1])
            boxes.append((middle - (ascent - descent) / 2, x0, s))
    placed: list[tuple[float, float, float, float]] = []
    ops: list[Op] = []
    for y0, x0, s in sorted(boxes, key=lambda box: box[0]):
        x1 = x0 + text_width(s.status, TICK_PT)
        for ox0, oy0, ox1, oy1 in placed:
            if x1 > ox0 and x0 < ox1 and y0 < oy1 + 2 and y0 + ascent - descent > oy0:
                y0 = oy1 + 2
        placed.append((x0, y0, x1, y0 + ascent - descent))
        # on white, so that a planned path or the grid running past does not strike it out
        ops.append(painter.rect(x0 - 1, y0 - 0.5, x1 + 1, y0 + ascent - descent + 0.5, WHITE))
        ops.append(painter.text(x0, y0 - descent, s.status, TICK_PT, painter.rgba(s.colour)))
    return ops


def _axes(
    x: _Scale, y: _Scale, x_ticks: list[float], y_ticks: list[tuple[float, str]], unit: str
) -> Iterator[Op]:
    """The left and bottom spines, their ticks and words, and the axes' titles."""
    spine = painter.stroke(BLACK, 0.8)
    yield painter.line([(x.a, y.b), (x.a, y.a), (x.b, y.a)], spine)
    ascent, descent = painter.height(TICK_PT)
    below = y.a - TICK_LEN - 3.5 - ascent
    for v in x_ticks:
        yield painter.line([(x(v), y.a), (x(v), y.a - TICK_LEN)], spine)
        words = str(int(v))
        yield painter.text(x(v) - text_width(words, TICK_PT) / 2, below, words, TICK_PT)
    for v, words in y_ticks:
        yield painter.line([(x.a, y(v)), (x.a - TICK_LEN, y(v))], spine)
        at = x.a - TICK_LEN - 3.5 - text_width(words, TICK_PT)
        yield painter.text(at, y(v) - (ascent + descent) / 2, words, TICK_PT)
    words = "Year of results"
    yield painter.text(
        (x.a + x.b) / 2 - text_width(words, TICK_PT) / 2,
        below + descent - 3 - ascent,
        words,
        TICK_PT,
    )
    if unit:
        shown = painter.fit(unit, y.b - y.a, TICK_PT)
        column = PAD + ascent
        yield painter.text(
            column, (y.a + y.b) / 2 - text_width(shown, TICK_PT) / 2, shown, TICK_PT, angle=90
        )


def _legend(
    series: list[_Series], legend: list[list[str]], top: float, line: float
) -> Iterator[Op]:
    """The key under the chart, centred: what solid, dashed and hollow mean, then a line per
    indicator with its line and marker, its name, current value and status."""
    ascent, descent = painter.height(LEGEND_PT)
    widest = max(text_width(words, LEGEND_PT) for lines in legend for words in lines)
    block = HANDLE + 6 + widest
    x0 = (WIDTH - block) / 2
    baseline = top - ascent
    yield painter.text(WIDTH / 2 - text_width(KEY, LEGEND_PT) / 2, baseline, KEY, LEGEND_PT)
    for s, lines in zip(series, legend, strict=True):
        baseline -= line
        middle = baseline + (ascent + descent) / 2
        colour = painter.rgba(s.colour)
        yield painter.line([(x0, middle), (x0 + HANDLE, middle)], painter.stroke(colour, 2.4))
        yield (
            "path",
            _marker(s.marker, x0 + HANDLE / 2, middle, 7),
            painter.stroke(colour, 1.0),
            colour,
            None,
        )
        for n, words in enumerate(lines):
            if n:
                baseline -= line
            yield painter.text(x0 + HANDLE + 6, baseline, words, LEGEND_PT)
