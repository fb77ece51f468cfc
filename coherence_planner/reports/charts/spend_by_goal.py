"""Chart: the program money attributed to each goal (a program serving several goals is
split evenly between them, as in the analysis). Each goal's name is printed in full,
wrapped over as many lines as it needs, and its bar is as tall as its name."""

from __future__ import annotations

from matplotlib.figure import Figure

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout import style as palette
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.wording import money_short
from coherence_planner.reports.charts import alt_text
from coherence_planner.reports.charts.figures import fit_layout
from coherence_planner.reports.charts.image import (
    DESIGN_WIDTH,
    chart,
    label,
    new_figure,
    style_axes,
)
from coherence_planner.reports.charts.vector import VectorChart

NAME_CHARS = 38  # a goal's name wraps at this width beside its bar
LINE_PT = 9.0  # one line of a wrapped name at the chart's 7 pt


def spend_by_goal_chart(district: District, analysis: Analysis, width: float) -> VectorChart:
    goals = list(analysis.resources.by_goal.items())
    names = tuple(label(district.items[gid].label, NAME_CHARS, lines=20) for gid, _ in goals)
    values = tuple(amount for _, amount in goals)
    colours = tuple(
        palette.VERMILLION if gid in analysis.unsupported_goals else palette.BLUE
        for gid, _ in goals
    )
    rows = [max(24.0, LINE_PT * (name.count("\n") + 1) + 8) for name in names]
    height = 70.0 + sum(rows)

    def build() -> Figure:
        figure = new_figure(DESIGN_WIDTH, height)
        axes = figure.add_subplot()
        # Each bar's centre sits in the middle of the room its wrapped name needs.
        positions, top_of = [], 0.0
        for room in rows:
            positions.append(top_of + room / 2)
            top_of += room
        bar = min(rows) * 0.6
        axes.barh(positions, values, color=colours, height=bar)
        axes.set_yticks(positions, names)
        axes.set_ylim(top_of, 0)
        top = max(values, default=0.0) or 1.0
        for y, value in zip(positions, values, strict=True):
            axes.text(
                value + top * 0.01,
                y,
                money_short(value).replace("$", r"\$"),
                va="center",
                fontsize=7,
            )
        axes.set_xlim(0, top * 1.15)
        axes.xaxis.set_major_formatter(lambda v, _pos: money_short(v).replace("$", r"\$"))
        axes.set_title("Program spending attributed to each goal", fontsize=9, loc="left")
        style_axes(axes)
        fit_layout(figure)
        return figure

    key = ("spend by goal", names, values, colours)
    named = [(district.items[gid].label, amount) for gid, amount in goals]
    words = alt_text.amounts("Program spending attributed to each goal", named)
    return chart(key, build, width, (DESIGN_WIDTH, height), alt=words)
