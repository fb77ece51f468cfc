"""The report's cost-per-student scatter, drawn as vectors without matplotlib (issue 29): a
dot per program, a cross per removal candidate, money on a log axis, a key, nothing
overlapping."""

from __future__ import annotations

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.reports.charts.cost_evidence import compared_programs, cost_evidence_chart
from coherence_planner.reports.charts.scatter_vector import scatter_ops
from coherence_planner.storage.sample import sample_district
from tests.unit.reports.charts.test_bars import _apart_and_inside


def test_a_mark_per_program_and_money_on_a_log_axis() -> None:
    district = sample_district()
    analysis = analyse(district)
    chart = cost_evidence_chart(district, analysis, 500)
    marks = [op for op in chart.ops if op[0] == "path" and len(op[1]) in (4, 6)]
    crosses = [op for op in marks if op[3] is None]
    assert len(marks) - 2 == compared_programs(district)  # less the key's dot and cross
    assert 0 < len(crosses) - 1 <= len(analysis.removal_candidates)
    words = [str(op[3]) for op in chart.ops if op[0] == "text"]
    assert {"$10", "$100", "$1.0K", "Tier 1 (strong)", "No evidence"} <= set(words)
    assert {"Other programs", "Removal candidates", "Cost per student served"} <= set(words)
    _apart_and_inside(chart.ops, chart.design_w, chart.design_h)


def test_one_decade_gets_ticks_between() -> None:
    ops, width, height = scatter_ops({False: ([1.0, 2.0], [120.0, 480.0]), True: ([], [])}, 0, 260)
    words = [str(op[3]) for op in ops if op[0] == "text"]
    assert "$200" in words and "$500" in words
    _apart_and_inside(ops, width, height)
