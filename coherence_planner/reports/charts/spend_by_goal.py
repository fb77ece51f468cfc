"""Chart: the program money attributed to each goal (a program serving several goals is
split evenly between them, as in the analysis). Each goal's name is printed in full,
wrapped over as many lines as it needs, and its bar's row is as tall as its name (drawn
straight as vectors, charts/bars.py)."""

from __future__ import annotations

import textwrap

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout import style as palette
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.wording import money_short
from coherence_planner.reports.charts import alt_text
from coherence_planner.reports.charts.bars import Bar, bar_chart
from coherence_planner.reports.charts.vector import VectorChart
from coherence_planner.reports.markup import clean

NAME_CHARS = 38  # a goal's name wraps at this width beside its bar
LINE_PT = 9.0  # one line of a wrapped name at the chart's 7 pt


def spend_by_goal_chart(district: District, analysis: Analysis, width: float) -> VectorChart:
    goals = list(analysis.resources.by_goal.items())
    names = [
        tuple(textwrap.wrap(clean(district.items[gid].label), NAME_CHARS)) or ("",)
        for gid, _ in goals
    ]
    rows = [max(24.0, LINE_PT * len(name) + 8) for name in names]
    bar = min(rows, default=24.0) * 0.6
    bars = [
        Bar(
            name,
            amount,
            palette.VERMILLION if gid in analysis.unsupported_goals else palette.BLUE,
            money_short(amount),
            room,
            bar,
        )
        for name, room, (gid, amount) in zip(names, rows, goals, strict=True)
    ]
    top = (max((amount for _, amount in goals), default=0.0) or 1.0) * 1.15
    named = [(district.items[gid].label, amount) for gid, amount in goals]
    words = alt_text.amounts("Program spending attributed to each goal", named)
    return bar_chart("Program spending attributed to each goal", bars, top, width, words)
