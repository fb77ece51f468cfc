"""Where the money goes: the paths follow the resource rule; the diagram fits its rows."""

from __future__ import annotations

import pytest

from coherence_planner.domain.analysis.coherence import Analysis, analyse
from coherence_planner.domain.analysis.money_flow import (
    DIRECT,
    GOAL,
    MIDDLE,
    NO_GOAL,
    POLICIES,
    SOURCE,
    UNLINKED,
    MoneyPath,
    flow_summary,
    group_flow,
    money_paths,
)
from coherence_planner.domain.model.district import District
from coherence_planner.storage.sample import sample_district
from tests.factories import b, g, make, p, s, sup


def _district() -> District:
    return make(
        goals=[g("G1"), g("G2"), g("G3")],
        strategies=[s("S1"), s("S2"), s("S3")],
        programs=[
            p("P1", annual_cost=900),  # -> S1 -> G1 and -> S2 -> G1: split between them
            p("P2", annual_cost=600),  # -> S1 (G1) and -> G2 directly: half each
            p("P3", annual_cost=100),  # linked to nothing: no goal
            p("P4"),  # no cost recorded
            p("P5", annual_cost=300),  # -> P6 -> S3 -> G2: through another program
            p("P6", annual_cost=0),
        ],
        policies=[b("B1")],
        links=[
            sup("S1", "G1"),
            sup("S2", "G1"),
            sup("S3", "G2"),
            sup("P1", "S1"),
            sup("P1", "S2"),
            sup("P2", "S1"),
            sup("P2", "G2"),
            sup("P4", "S1"),
            sup("P5", "P6"),
            sup("P6", "S3"),
            sup("B1", "S2"),
        ],
    )


def _paths_adding_up(district: District) -> tuple[Analysis, list[MoneyPath]]:
    """The paths, checked to bring each goal exactly its `by_goal` dollars."""
    analysis = analyse(district)
    paths = money_paths(district, analysis)
    totals: dict[str, float] = {}
    for path in paths:
        totals[path.goal] = totals.get(path.goal, 0.0) + path.amount
    for goal, amount in analysis.resources.by_goal.items():
        assert totals.get(goal, 0.0) == pytest.approx(amount)
    assert totals.get(NO_GOAL, 0.0) == pytest.approx(analysis.resources.orphan_cost)
    return analysis, paths


def test_paths_split_money_as_the_resource_rule_does() -> None:
    district = _district()
    analysis, paths = _paths_adding_up(district)
    assert analysis.resources.orphan_cost == 100
    p1 = sorted((x.middle, x.amount) for x in paths if x.source == "P1")
    assert p1 == [("S1", 450), ("S2", 450)]
    p2 = sorted((x.middle, x.goal, x.amount) for x in paths if x.source == "P2")
    assert p2 == [("S1", "G1", 300), (DIRECT + "G2", "G2", 300)]
    assert [(x.middle, x.goal) for x in paths if x.source == "P5"] == [("S3", "G2")]
    assert [(x.middle, x.goal, x.removal) for x in paths if x.source == "P3"] == [
        (UNLINKED, NO_GOAL, True)
    ]
    assert [(x.middle, x.amount) for x in paths if x.source == "B1"] == [("S2", 0.0)]


def test_the_sample_district_adds_up_to_its_resources() -> None:
    district = sample_district()
    analysis, paths = _paths_adding_up(district)
    assert sum(x.amount for x in paths) == pytest.approx(analysis.resources.total_cost)
    flow = group_flow(district, analysis, paths, (12, 10, 8))
    # Every column carries the same dollars: nothing is lost to grouping.
    for column in flow.columns:
        assert sum(n.amount for n in column) == pytest.approx(analysis.resources.total_cost)
    freed = sum(n.removal_amount for n in flow.columns[SOURCE])
    programs_freed = sum(
        c.annual_cost or 0 for c in analysis.removal_candidates if c.kind == "program"
    )
    assert freed == pytest.approx(programs_freed)


@pytest.mark.parametrize("rows", [(3, 3, 2), (6, 5, 4), (12, 10, 8), (40, 40, 40)])
def test_columns_never_hold_more_boxes_than_rows(rows: tuple[int, int, int]) -> None:
    district = sample_district()
    analysis = analyse(district)
    flow = group_flow(district, analysis, money_paths(district, analysis), rows)
    for c, column in enumerate(flow.columns):
        boxes = [n for n in column if not n.through]
        assert len(boxes) <= max(rows[c], 2 if c == GOAL else 1)
        for node in column:
            if node.kind == "group":
                assert len(node.members) > 1  # a group of one is shown by its name
    keys = {n.key for n in flow.columns[GOAL]}
    assert NO_GOAL in keys
    # The goal nothing supports is shown by name even when other goals are gathered.
    if rows[GOAL] >= 3:
        for goal in analysis.unsupported_goals:
            assert goal in keys
    members = [m for n in flow.columns[SOURCE] for m in n.members]
    assert len(members) == len(set(members))  # each program in exactly one box


def test_policies_are_one_box_with_no_money() -> None:
    district = _district()
    analysis = analyse(district)
    flow = group_flow(district, analysis, money_paths(district, analysis), (10, 10, 10))
    policies = flow.node(POLICIES)
    assert policies.members == ["B1"] and policies.amount == 0
    links = [link for link in flow.links if link.src == POLICIES]
    assert [(link.dst, link.amount) for link in links] == [("S2", 0.0)]
    # A $0 link beside money is left out: P6 costs nothing but its box carries no money
    # only when it has no costed member.
    assert all(link.amount > 0 or flow.node(link.src).amount == 0 for link in flow.links)
    assert flow.node(DIRECT + "G2").column == MIDDLE


def test_summary_reads_the_resources() -> None:
    district = _district()
    text = flow_summary(district, analyse(district))
    assert text.startswith("$1.9K a year across 6 programs: $1.8K (95%) reaches the goals")
    assert "$100 goes to programs linked to no goal" in text
    assert "1 program has no annual cost recorded." in text
    empty = make(goals=[g("G1")])
    assert flow_summary(empty, analyse(empty)) == (
        "No program in the plan has an annual cost recorded yet."
    )
