"""The implementation-by-impact quadrant chart: where the cabinet places each program.

Mean implementation across the x axis and mean impact up the y axis (both 1 to 4), the
thresholds of `ratings.py` as dividing lines, and one standard deviation of the cabinet's
scores as whiskers, so a program the room disagrees on is visibly stretched across
quadrants. Colour, marker shape and the corner labels all carry the quadrant.
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from coherence_planner.domain.retreat import ratings as R
from coherence_planner.reports import palette
from coherence_planner.reports.charts.figures import fit_layout, png_bytes

QUADRANT_COLOURS = {
    "lead": palette.BLUISH_GREEN,
    "invest": palette.BLUE,
    "evaluate": palette.ORANGE,
    "weed": palette.VERMILLION,
}
QUADRANT_MARKERS = {"lead": "o", "invest": "s", "evaluate": "D", "weed": "X"}
# Where each quadrant's name sits: (x, y, horizontal alignment, vertical alignment).
_CORNERS = {
    "invest": (1.05, 3.95, "left", "top"),
    "lead": (3.95, 3.95, "right", "top"),
    "evaluate": (1.05, 1.05, "left", "bottom"),
    "weed": (3.95, 1.05, "right", "bottom"),
}


LABEL_CHARS = 26  # a program's name on the chart wraps at this width
POINT_NAMES = 3  # names written at one point; the rest are counted


def wrapped_name(name: str) -> str:
    """A program's name in full, wrapped narrow enough to sit beside its point without
    covering the others: the room reads the chart aloud, so a name is never cut."""
    return textwrap.fill(" ".join(name.split()), LABEL_CHARS, break_on_hyphens=False)


def point_label(names: list[str]) -> str:
    """The names of the programs at one point: a few in full, then how many more."""
    shown = [wrapped_name(n) for n in names[:POINT_NAMES]]
    if len(names) > POINT_NAMES:
        shown.append(f"and {len(names) - POINT_NAMES} more")
    return "\n".join(shown)


def draw_quadrant(
    figure: Figure, rated: list[R.ProgramRatings], *, font_size: float = 10.0
) -> None:
    """Draw the chart onto `figure` (cleared first), for the app's canvas or a PNG."""
    figure.clear()
    ax = figure.add_subplot(1, 1, 1)
    ax.set_xlim(0.9, 4.1)
    ax.set_ylim(0.9, 4.1)
    ax.axvline(R.IMPLEMENTATION_HIGH, color=palette.GREY, linewidth=1.2)
    ax.axhline(R.IMPACT_HIGH, color=palette.GREY, linewidth=1.2)
    for name, (x, y, ha, va) in _CORNERS.items():
        ax.text(
            x,
            y,
            R.QUADRANT_LABELS[name],
            ha=ha,
            va=va,
            fontsize=font_size * 1.4,
            fontweight="bold",
            color=QUADRANT_COLOURS[name],
        )
    # Programs at the same point share one marker and one label, a name per line.
    points: dict[tuple[float, float, str], list[R.ProgramRatings]] = {}
    for r in rated:
        impl, impact = r.spreads["implementation"].mean, r.spreads["impact"].mean
        if r.quadrant == "unrated" or impl is None or impact is None:
            continue
        points.setdefault((round(impl, 3), round(impact, 3), r.quadrant), []).append(r)
    placed = len(points)
    for (x, y, where), group in points.items():
        colour = QUADRANT_COLOURS[where]
        xdev = max(g.spreads["implementation"].stdev or 0.0 for g in group)
        ydev = max(g.spreads["impact"].stdev or 0.0 for g in group)
        ax.errorbar(
            x,
            y,
            xerr=xdev,
            yerr=ydev,
            fmt=QUADRANT_MARKERS[where],
            color=colour,
            ecolor=colour,
            elinewidth=1,
            alpha=0.9,
            markersize=font_size * 0.9,
            capsize=3,
        )
        # Right of the point, or left of it on the right-hand side so names stay in view.
        right_half = x > 3.0
        ax.annotate(
            point_label([g.name for g in group]),
            (x, y),
            xytext=(-6 if right_half else 6, 6),
            textcoords="offset points",
            ha="right" if right_half else "left",
            fontsize=font_size,
        )
    if placed == 0:
        ax.text(
            2.5,
            2.5,
            "No program has both implementation and impact ratings yet",
            ha="center",
            va="center",
            fontsize=font_size,
            color=palette.BLACK,
            bbox={"facecolor": "white", "edgecolor": palette.GREY},
        )
    ax.set_xlabel("Implementation (cabinet mean, 1–4)", fontsize=font_size)
    ax.set_ylabel("Impact (cabinet mean, 1–4)", fontsize=font_size)
    ax.set_xticks([1, 2, 3, 4])
    ax.set_yticks([1, 2, 3, 4])
    ax.tick_params(labelsize=font_size)
    ax.set_title("Implementation by impact", fontsize=font_size * 1.2)
    fit_layout(figure)


def quadrant_figure(rated: list[R.ProgramRatings], size: tuple[float, float] = (7, 6)) -> Figure:
    figure = Figure(figsize=size)
    draw_quadrant(figure, rated)
    return figure


def quadrant_png(rated: list[R.ProgramRatings], dpi: int = 150) -> bytes:
    """The chart as PNG bytes, for the PDF report."""
    return png_bytes(quadrant_figure(rated), dpi)
