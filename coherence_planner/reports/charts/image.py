"""A matplotlib figure as a chart in the report, drawn as vectors (charts/vector.py).

Figures are built with matplotlib.figure.Figure and the Agg canvas directly, never pyplot,
so no global figure state leaks between exports or into the app. Each is laid out at a
design size (Letter's column) and scaled to the report's column, so its type grows with the
paper as the report's does.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Hashable

from matplotlib.figure import Figure

from coherence_planner.reports.charts.vector import VectorChart, recorded
from coherence_planner.reports.markup import clean

DESIGN_WIDTH = 512.0  # points: Letter portrait's column, where the chart's type is 7-9 pt


def label(text: str, width: int = 30, lines: int = 2) -> str:
    """User text for a chart: wrapped, shortened past `lines` lines, and with "$" escaped so
    that matplotlib does not read a name like "$5 a day $" as mathematics."""
    wrapped = textwrap.wrap(clean(text), width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1] + "…"
    return "\n".join(wrapped).replace("$", r"\$")


def chart(
    key: Hashable,
    build: Callable[[], Figure],
    width: float,
    design: tuple[float, float],
    *,
    alt: str,
) -> VectorChart:
    """The chart `key` names, `width` points wide; `build` draws its figure at the `design`
    size (points) the first time this key is asked for (vector.recorded keeps it). `alt`
    says in words what it shows (charts/alt_text.py), for the tagged PDF's readers."""
    return VectorChart(recorded(key, build, design), width, alt)
