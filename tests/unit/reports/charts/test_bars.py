"""The summary's spending charts, drawn as vectors without matplotlib (issue 29): every name
whole, bars in proportion, values after them, nothing overlapping or outside the chart."""

from __future__ import annotations

import itertools
import math

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.reports.charts.alignment import alignment_chart
from coherence_planner.reports.charts.bars import Bar, bar_ops
from coherence_planner.reports.charts.spend_by_goal import spend_by_goal_chart
from coherence_planner.storage.sample import sample_district
from tests.unit.reports.charts.test_progress_vector import _box

LONG = "Every student feels they belong and is safe at school, in class and on the way there"


def _words(ops: list[tuple[object, ...]]) -> list[str]:
    return [str(op[3]) for op in ops if op[0] == "text"]


def _apart_and_inside(ops: list[tuple[object, ...]], width: float, height: float) -> None:
    boxes = [_box(op) for op in ops if op[0] == "text"]
    for x0, y0, x1, y1 in boxes:
        assert x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height
    for a, b in itertools.combinations(boxes, 2):
        assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_bars_in_proportion_with_names_values_and_round_ticks() -> None:
    bars = [
        Bar(("Serving the goals",), 12_000_000, "#0072B2", "$12.0M (94%)", 30, 18),
        Bar(("Costs $5 a day", "for each $ spent"), 3_000_000, "#D55E00", "$3.0M", 30, 18),
        Bar(("Nothing",), 0, "#E69F00", "$0", 30, 18),
    ]
    ops, width, height = bar_ops("Program spending: $15.0M in all", bars, 15_600_000)
    words = _words(ops)
    for expected in ("Costs $5 a day", "for each $ spent", "$12.0M (94%)", "$0", "$14.0M"):
        assert expected in words
    boxes = [op for op in ops if op[0] == "path" and op[3] is not None]
    lengths = [b[1][1][0][0] - b[1][0][0][0] for b in boxes]  # right edge minus left edge
    assert math.isclose(lengths[0], 4 * lengths[1]) and lengths[2] == 0
    _apart_and_inside(ops, width, height)


def test_the_summary_charts_print_every_goal_name_whole() -> None:
    district = sample_district()
    next(iter(district.items_of("goal"))).name = LONG
    analysis = analyse(district)
    spend = spend_by_goal_chart(district, analysis, 500)
    assert " ".join(LONG.split()) in " ".join(_words(spend.ops))
    _apart_and_inside(spend.ops, spend.design_w, spend.design_h)
    money = alignment_chart(analysis, 500)
    assert {"Serving the goals", "Not tied to any goal"} <= set(_words(money.ops))
    _apart_and_inside(money.ops, money.design_w, money.design_h)
