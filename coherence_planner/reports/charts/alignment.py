"""Chart: program money that serves the goals against money tied to no goal, with what the
removal candidates would free."""

from __future__ import annotations

from reportlab.platypus import Image

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout import style as palette
from coherence_planner.domain.model.wording import money_short
from coherence_planner.reports.charts.figures import fit_layout
from coherence_planner.reports.charts.image import figure_image, new_figure, style_axes


def alignment_chart(analysis: Analysis, width: float) -> Image:
    res = analysis.resources
    height = 150.0
    figure = new_figure(width, height)
    axes = figure.add_subplot()
    rows = [
        ("Serving the goals", res.aligned_cost, palette.BLUE),
        ("Not tied to any goal", res.orphan_cost, palette.ORANGE),
        ("Freed by removal candidates", res.freed_cost, palette.VERMILLION),
    ]
    positions = list(range(len(rows)))
    values = [value for _, value, _ in rows]
    axes.barh(positions, values, color=[c for *_, c in rows], height=0.6)
    axes.set_yticks(positions, [name for name, *_ in rows])
    axes.invert_yaxis()
    top = max(max(values), 1.0)
    for y, value in zip(positions, values, strict=True):
        share = f" ({value / res.total_cost:.0%})" if res.total_cost else ""
        text = (money_short(value) + share).replace("$", r"\$")
        axes.text(value + top * 0.01, y, text, va="center", fontsize=7)
    axes.set_xlim(0, top * 1.3)
    axes.xaxis.set_major_formatter(lambda v, _pos: money_short(v).replace("$", r"\$"))
    axes.set_title(
        f"Program spending: {money_short(res.total_cost)} in all".replace("$", r"\$"),
        fontsize=9,
        loc="left",
    )
    style_axes(axes)
    fit_layout(figure)
    return figure_image(figure, width, height)
