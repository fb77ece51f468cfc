"""Chart: the program money attributed to each goal (a program serving several goals is
split evenly between them, as in the analysis)."""

from __future__ import annotations

from reportlab.platypus import Image

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout import style as palette
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.wording import money_short
from coherence_planner.reports.charts.figures import fit_layout
from coherence_planner.reports.charts.image import figure_image, label, new_figure, style_axes


def spend_by_goal_chart(district: District, analysis: Analysis, width: float) -> Image:
    goals = list(analysis.resources.by_goal.items())
    height = min(560.0, 70.0 + 30.0 * max(1, len(goals)))
    figure = new_figure(width, height)
    axes = figure.add_subplot()
    names = [label(district.items[gid].label, 34) for gid, _ in goals]
    values = [amount for _, amount in goals]
    positions = list(range(len(goals)))
    colours = [
        palette.VERMILLION if gid in analysis.unsupported_goals else palette.BLUE
        for gid, _ in goals
    ]
    axes.barh(positions, values, color=colours, height=0.6)
    axes.set_yticks(positions, names)
    axes.invert_yaxis()
    top = max(values, default=0.0) or 1.0
    for y, value in zip(positions, values, strict=True):
        axes.text(
            value + top * 0.01, y, money_short(value).replace("$", r"\$"), va="center", fontsize=7
        )
    axes.set_xlim(0, top * 1.15)
    axes.xaxis.set_major_formatter(lambda v, _pos: money_short(v).replace("$", r"\$"))
    axes.set_title("Program spending attributed to each goal", fontsize=9, loc="left")
    style_axes(axes)
    fit_layout(figure)
    return figure_image(figure, width, height)
