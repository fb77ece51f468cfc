"""Chart: program money that serves the goals against money tied to no goal, with what the
removal candidates would free."""

from __future__ import annotations

from matplotlib.figure import Figure

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout import style as palette
from coherence_planner.domain.model.wording import money_short
from coherence_planner.reports.charts import alt_text
from coherence_planner.reports.charts.figures import fit_layout
from coherence_planner.reports.charts.image import DESIGN_WIDTH, chart, new_figure, style_axes
from coherence_planner.reports.charts.vector import VectorChart

HEIGHT = 150.0


def alignment_chart(analysis: Analysis, width: float) -> VectorChart:
    res = analysis.resources
    rows = (
        ("Serving the goals", res.aligned_cost, palette.BLUE),
        ("Not tied to any goal", res.orphan_cost, palette.ORANGE),
        ("Freed by removal candidates", res.freed_cost, palette.VERMILLION),
    )
    total = res.total_cost
    words = alt_text.amounts(
        f"Program spending, {money_short(total)} in all",
        [(name, value) for name, value, _ in rows],
        total,
    )
    return chart(
        ("alignment", rows, total),
        lambda: _figure(rows, total),
        width,
        (DESIGN_WIDTH, HEIGHT),
        alt=words,
    )


def _figure(rows: tuple[tuple[str, float, str], ...], total: float) -> Figure:
    figure = new_figure(DESIGN_WIDTH, HEIGHT)
    axes = figure.add_subplot()
    positions = list(range(len(rows)))
    values = [value for _, value, _ in rows]
    axes.barh(positions, values, color=[c for *_, c in rows], height=0.6)
    axes.set_yticks(positions, [name for name, *_ in rows])
    axes.invert_yaxis()
    top = max(max(values), 1.0)
    for y, value in zip(positions, values, strict=True):
        share = f" ({value / total:.0%})" if total else ""
        text = (money_short(value) + share).replace("$", r"\$")
        axes.text(value + top * 0.01, y, text, va="center", fontsize=7)
    axes.set_xlim(0, top * 1.3)
    axes.xaxis.set_major_formatter(lambda v, _pos: money_short(v).replace("$", r"\$"))
    axes.set_title(
        f"Program spending: {money_short(total)} in all".replace("$", r"\$"),
        fontsize=9,
        loc="left",
    )
    style_axes(axes)
    fit_layout(figure)
    return figure
