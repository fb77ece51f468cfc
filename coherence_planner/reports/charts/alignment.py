"""Chart: program money that serves the goals against money tied to no goal, with what the
removal candidates would free (drawn straight as vectors, charts/bars.py)."""

from __future__ import annotations

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout import style as palette
from coherence_planner.domain.model.wording import money_short
from coherence_planner.reports.charts import alt_text
from coherence_planner.reports.charts.bars import Bar, bar_chart
from coherence_planner.reports.charts.vector import VectorChart

ROW = 36.0  # points of the plot per bar (the chart as tall as the matplotlib one was)
BAR = ROW * 0.6


def alignment_chart(analysis: Analysis, width: float) -> VectorChart:
    res = analysis.resources
    rows = (
        ("Serving the goals", res.aligned_cost, palette.BLUE),
        ("Not tied to any goal", res.orphan_cost, palette.ORANGE),
        ("Freed by removal candidates", res.freed_cost, palette.VERMILLION),
    )
    total = res.total_cost
    bars = []
    for name, value, colour in rows:
        share = f" ({value / total:.0%})" if total else ""
        bars.append(Bar((name,), value, colour, money_short(value) + share, ROW, BAR))
    top = max(max(value for _, value, _ in rows), 1.0) * 1.3
    words = alt_text.amounts(
        f"Program spending, {money_short(total)} in all",
        [(name, value) for name, value, _ in rows],
        total,
    )
    return bar_chart(f"Program spending: {money_short(total)} in all", bars, top, width, words)
