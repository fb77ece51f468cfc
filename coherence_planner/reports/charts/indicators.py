"""A goal's progress chart: each indicator from baseline to now, against its planned path.

One chart serves the app (drawn onto the Figure of a FigureCanvasQTAgg) and the PDF report
(PNG bytes at print resolution), so both show the same picture. Status colours are from the
Okabe–Ito palette, which colour-blind readers can tell apart, and every line also carries
its status in words and a marker shape of its own: colour is never the only cue.

For each indicator: a dashed line is the planned straight path (baseline year, baseline) to
(target year, target); a solid line goes from the baseline to the current value; a hollow
marker is the target; the label says the name, the current value and the status.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Final

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from coherence_planner.domain.model.items import Goal, Indicator
from coherence_planner.domain.progress import indicators as ind_status
from coherence_planner.reports.charts.figures import fit_layout, quiet_glyphs
from coherence_planner.reports.palette import STATUS_COLOURS  # Okabe & Ito (2008)

MARKERS: Final = ("o", "s", "^", "D", "v", "P", "X")
END_LABEL: Final = "end-label"  # the gid of the status words beside each current value
STATUS_WORDS: Final = {
    ind_status.MET: "met",
    ind_status.ON_TRACK: "on track",
    ind_status.OFF_TRACK: "off track",
    ind_status.NO_DATA: "no data",
}


def value_words(
    value: float | int | None, unit: str, fit: Callable[[str, int], str] | None = None
) -> str:
    """A value with its unit, as the legend says it; `fit` shortens the unit (by default
    for matplotlib, its "$" escaped; the report's vector chart wraps it whole instead)."""
    if value is None:
        return "—"
    text = f"{value:g}"
    shown = (fit or _wrap)(unit, 30)
    return f"{text}{unit}" if unit in ("%", "pp") else f"{text} {shown}".rstrip()


def _wrap(text: str, width: int = 60) -> str:
    """User text for the chart: shortened, with "$" escaped so that matplotlib does not
    read a name like "$5 a day $" as mathematics (a stray "$\\x" there fails the draw)."""
    text = text if len(text) <= width else text[: width - 1] + "…"
    return text.replace("$", r"\$")


def _point(year: int | None, value: float | int | None) -> tuple[int, float] | None:
    return None if year is None or value is None else (year, float(value))


def _draw_indicator(
    ax: Axes, n: int, indicator: Indicator, school_year: str | int
) -> tuple[str, list[int]]:
    """Draw one indicator; returns its status and the years it shows."""
    status = ind_status.indicator_status(indicator, school_year)
    colour = STATUS_COLOURS[status]
    marker = MARKERS[n % len(MARKERS)]
    base = _point(indicator.baseline_year, indicator.baseline)
    target = _point(indicator.target_year, indicator.target)
    now = _point(ind_status.measured_year(indicator, school_year), indicator.current)
    if base and target:
        ax.plot(
            [base[0], target[0]], [base[1], target[1]], linestyle="--", color=colour, alpha=0.55
        )
    if target:
        ax.plot(
            [target[0]],
            [target[1]],
            marker=marker,
            markersize=9,
            markerfacecolor="white",
            markeredgecolor=colour,
            markeredgewidth=1.8,
            linestyle="none",
        )
    actual = [pt for pt in (base, now) if pt is not None]
    label = (
        f"{_wrap(indicator.name or f'Indicator {n + 1}')}: "
        f"{value_words(indicator.current, indicator.unit)} ({STATUS_WORDS[status]})"
    )
    ax.plot(
        [x for x, _ in actual],
        [y for _, y in actual],
        marker=marker,
        markersize=7,
        linewidth=2.4,
        color=colour,
        label=label,
    )
    if now:
        ax.annotate(
            STATUS_WORDS[status],
            xy=now,
            xytext=(7, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color=colour,
            gid=END_LABEL,
        )
    return status, [pt[0] for pt in (base, target, now) if pt is not None]


def draw_goal_progress(fig: Figure, goal: Goal, school_year: str | int) -> None:
    """Draw the goal's chart onto `fig`, replacing what it showed."""
    fig.clear()
    # Constrained layout places the title, axis labels and the legend below the axes
    # without overlap at any size (tight_layout ignored the legend and the axis title ran
    # over it in the app's pane).
    fig.set_layout_engine("constrained")
    ax = fig.add_subplot(1, 1, 1)
    ax.set_title(_wrap(goal.label, 80), fontsize=10, loc="left")
    if not goal.indicators:
        ax.text(
            0.5,
            0.5,
            "No indicators yet: add one to see whether this goal is moving.",
            ha="center",
            va="center",
            transform=ax.transAxes,
            fontsize=9,
        )
        ax.set_axis_off()
        return
    all_years: list[int] = []
    for n, indicator in enumerate(goal.indicators):
        _, years = _draw_indicator(ax, n, indicator, school_year)
        all_years += years
    if all_years:
        lo, hi = min(all_years), max(all_years)
        ax.set_xlim(lo - 0.4, hi + 0.8)
        ax.set_xticks(range(lo, hi + 1))
    ax.set_xlabel("Year of results", fontsize=8)
    units = {i.unit for i in goal.indicators if i.unit}
    if len(units) == 1:
        ax.set_ylabel(_wrap(units.pop(), 40), fontsize=8)
    ax.tick_params(labelsize=8)
    ax.margins(y=0.12)  # a target marker at the top or bottom is drawn whole
    ax.grid(True, color="#DDDDDD", linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    fig.legend(
        *ax.get_legend_handles_labels(),
        loc="outside lower center",
        fontsize=7.5,
        frameon=False,
        ncol=1,
        title="Solid: actual · dashed: planned path · hollow: target",
        title_fontsize=7.5,
    )
    fit_layout(fig)
    separate_end_labels(fig)


def separate_end_labels(fig: Figure) -> None:
    """Move apart the status words beside the current values where they would overlap
    (two indicators off track in the same year put both words on one spot): each one that
    meets the one below moves up until it clears it. Run again after the figure's size
    changes, since the points' distance on screen changes with it."""
    labels = [t for ax in fig.axes for t in ax.texts if t.get_gid() == END_LABEL]
    if len(labels) < 2:
        return
    for label in labels:
        label.set_position((7, 0))
    with quiet_glyphs():
        fig.draw_without_rendering()
    points_per_pixel = 72 / fig.dpi
    placed: list[Bbox] = []
    for label in sorted(labels, key=lambda t: t.get_window_extent().y0):
        box = label.get_window_extent()
        shift = 0.0
        for other in placed:
            moved = box.translated(0, shift)
            if moved.x1 > other.x0 and moved.x0 < other.x1 and moved.y0 < other.y1 + 2:
                shift += other.y1 + 2 - moved.y0
        if shift:
            label.set_position((7, shift * points_per_pixel))
        placed.append(box.translated(0, shift))


def goal_progress_figure(
    goal: Goal, school_year: str | int, *, width: float = 6.4, height: float = 4.2
) -> Figure:
    """A new Figure (no pyplot, no global state) with the goal's chart."""
    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    draw_goal_progress(fig, goal, school_year)
    return fig


def goal_progress_png(
    goal: Goal,
    school_year: str | int,
    *,
    dpi: int = 150,
    width: float = 6.4,
    height: float = 4.2,
) -> bytes:
    """The chart as PNG bytes, for the PDF report and for export."""
    fig = goal_progress_figure(goal, school_year, width=width, height=height)
    out = io.BytesIO()
    with quiet_glyphs():
        fig.savefig(out, format="png", dpi=dpi)
    return out.getvalue()
