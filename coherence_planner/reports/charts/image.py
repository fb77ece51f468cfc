"""A matplotlib figure as an image in the report.

Figures are built with matplotlib.figure.Figure and the Agg canvas directly, never pyplot,
so no global figure state leaks between exports or into the app. They are rendered at
200 dpi: reportlab cannot place a vector matplotlib drawing without an extra dependency, and
200 dpi prints crisply at the sizes used here.
"""

from __future__ import annotations

import io
import textwrap

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from reportlab.platypus import Image

from coherence_planner.domain.layout import style as palette
from coherence_planner.reports.charts.figures import quiet_glyphs
from coherence_planner.reports.markup import clean

DPI = 200


def new_figure(width_pt: float, height_pt: float) -> Figure:
    figure = Figure(figsize=(width_pt / 72, height_pt / 72), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def label(text: str, width: int = 30, lines: int = 2) -> str:
    """User text for a chart: wrapped, shortened, and with "$" escaped so that matplotlib
    does not read a name like "$5 a day $" as mathematics."""
    wrapped = textwrap.wrap(clean(text), width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1] + "…"
    return "\n".join(wrapped).replace("$", r"\$")


def style_axes(axes: object) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)  # type: ignore[attr-defined]
    axes.tick_params(labelsize=7, colors=palette.TEXT)  # type: ignore[attr-defined]


def figure_image(figure: Figure, width_pt: float, height_pt: float) -> Image:
    """Render to PNG in memory and wrap it as a flowable of the given size in points."""
    buffer = io.BytesIO()
    with quiet_glyphs():
        figure.savefig(buffer, format="png", dpi=DPI)
    buffer.seek(0)
    return Image(buffer, width=width_pt, height=height_pt)
