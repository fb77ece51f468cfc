"""The built-in sample district loads cleanly and is the size and shape the spec promises.

The sample is what a superintendent sees first, so it must be valid interchange JSON and must
make every coherence rule fire in a believable way (see the analysis tests below).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coherence_planner.domain.analysis.coherence import Analysis, analyse, check_report
from coherence_planner.domain.model import codec
from coherence_planner.domain.model.district import District

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "riverside.json"


@pytest.fixture()
def raw() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


@pytest.fixture()
def district(raw: dict) -> District:
    return codec.district_from_dict(raw)


def test_sample_is_valid_and_round_trips(raw: dict, district: District) -> None:
    assert district.name == "Riverside Unified School District"
    assert district.school_year == "2026-27"
    again = codec.district_to_dict(district)
    assert codec.district_to_dict(codec.district_from_dict(again)) == again
    assert len(again["links"]) == len(raw["links"])


def test_sample_has_the_sizes_the_spec_asks(district: District) -> None:
    assert 5 <= len(district.items_of("goal")) <= 7
    assert 12 <= len(district.items_of("strategy")) <= 20
    assert 40 <= len(district.items_of("program")) <= 80
    assert 10 <= len(district.items_of("policy")) <= 20


def test_every_goal_has_measurable_indicators(district: District) -> None:
    for goal in district.items_of("goal"):
        assert 1 <= len(goal.indicators) <= 3, goal.id
        for ind in goal.indicators:
            assert ind.unit and ind.target_year is not None, (goal.id, ind.name)
            assert None not in (ind.baseline, ind.current, ind.target), (goal.id, ind.name)


def test_every_strategy_has_one_to_three_themes(district: District) -> None:
    for strategy in district.items_of("strategy"):
        assert 1 <= len(strategy.themes) <= 3, strategy.id


def test_programs_are_fully_described(district: District) -> None:
    for program in district.items_of("program"):
        assert program.description and program.owner and program.funding_source, program.id
        assert program.annual_cost is not None and 8_000 <= program.annual_cost <= 1_200_000
        assert program.students_served is not None and program.start_year is not None


def test_live_program_budget_is_believable(district: District) -> None:
    total = sum(p.annual_cost or 0 for p in district.items_of("program") if p.live)
    assert 9_000_000 <= total <= 13_000_000


def test_sample_exercises_every_status_and_a_cabinet_decision(district: District) -> None:
    statuses = {item.status for item in district.items.values()}
    assert statuses == {"proposed", "active", "sunsetting", "retired"}
    assert any(p.decision == "keep" for p in district.items_of("program"))
    kinds = {link.kind for link in district.links.values()}
    assert kinds == {"supports", "conflicts"}


# ----------------------------------------------------------------------------- the analysis
# The sample is designed so that every coherence rule fires once in a believable way.


@pytest.fixture()
def analysis(district: District) -> Analysis:
    return analyse(district)


def test_orphans_include_legacy_items_and_one_that_points_at_another_orphan(
    analysis: Analysis,
) -> None:
    orphans = {o.id: o for o in analysis.orphans}
    # The digital-learning strategy, the device refresh and typing lab that point at it, the
    # pandemic-era STEM Saturdays, the robotics club, the repealed-in-all-but-name IB policy,
    # and the McKinney-Vento liaison the law requires but nobody linked to a goal.
    assert set(orphans) == {"S14", "P54", "P55", "P56", "P57", "B12", "P61"}
    assert {o.kind for o in orphans.values()} == {"strategy", "program", "policy"}
    # Names the orphan it supports, by its name.
    assert "“Digital learning" in orphans["P55"].reason and "S14" not in orphans["P55"].reason
    assert "goal" in orphans["P56"].reason


def test_the_new_belonging_goal_is_unsupported(analysis: Analysis) -> None:
    # A retired advisory pilot still points at G6; retired items lend no support.
    assert analysis.unsupported_goals == ["G6"]


def test_explicit_conflicts_between_programs_and_between_a_policy_and_a_program(
    analysis: Analysis,
) -> None:
    pairs = {frozenset((c.a, c.b)) for c in analysis.conflicts}
    assert pairs == {frozenset(("P1", "P4")), frozenset(("B11", "P38"))}


def test_competing_groups(analysis: Analysis) -> None:
    groups = {frozenset(g.members): g for g in analysis.competing}
    phonics = groups[frozenset(("P2", "P3"))]
    math_apps = groups[frozenset(("P13", "P14"))]
    benchmarks = groups[frozenset(("P5", "P6", "P7", "P63"))]
    assert phonics.kept == ("P2",) and "G1" in phonics.goals
    assert math_apps.kept == ("P13",) and "G2" in math_apps.goals
    # The cabinet chose the K-8 suite, though its evidence is weakest: it is kept, first.
    # Rules 2.1: the state's required dyslexia screener is kept beside it.
    assert benchmarks.members[0] == "P7" and benchmarks.kept == ("P7", "P63")
    assert groups[frozenset(("P1", "P4"))].kept == ("P1",)  # the core block wins the clash
    assert len(analysis.competing) >= 3


def test_the_cabinets_keep_decision_changes_who_is_kept(district: District) -> None:
    district.items["P7"].decision = "undecided"  # type: ignore[attr-defined]
    groups = {frozenset(g.members): g for g in analyse(district).competing}
    benchmarks = groups[frozenset(("P5", "P6", "P7", "P63"))]
    # Without the cabinet's word the state's required screener ranks first; the math interims
    # (grades 3-8) do not overlap it, so they are kept too.
    assert benchmarks.members[0] == "P63"
    assert set(benchmarks.kept) == {"P63", "P6"}


def test_removal_candidates_and_freed_money(analysis: Analysis) -> None:
    candidates = {c.id: c for c in analysis.removal_candidates}
    assert {"P3", "P14", "P4", "P5", "P6", "P22", "S14", "B12", "P56"} <= set(candidates)
    assert all(c.reasons for c in candidates.values())
    resources = analysis.resources
    assert resources.freed_cost > 0 and resources.freed_fte > 0
    assert (
        resources.orphan_cost
        == sum(candidates[i].annual_cost or 0 for i in ("P54", "P55", "P56", "P57")) + 95_000
    )  # the required liaison: an orphan, but never a candidate
    assert resources.by_goal["G6"] == 0
    assert resources.total_cost == resources.aligned_cost + resources.orphan_cost
    assert sum(resources.by_goal.values()) == pytest.approx(resources.aligned_cost)


def test_retired_items_are_never_flagged(district: District, analysis: Analysis) -> None:
    retired = {i for i, item in district.items.items() if not item.live}
    assert retired == {"S16", "P58", "P59", "P60", "B14"}
    flagged = {o.id for o in analysis.orphans}
    flagged |= {c.id for c in analysis.removal_candidates}
    flagged |= {m for g in analysis.competing for m in g.members}
    flagged |= {end for c in analysis.conflicts for end in (c.a, c.b)}
    flagged |= set(analysis.unsupported_goals)
    assert not flagged & retired


def test_required_programs_and_policies_show_every_version_2_1_rule(
    district: District, analysis: Analysis
) -> None:
    required = {i for i, item in district.items.items() if item.required}
    # A McKinney-Vento liaison, IDEA services, the state's dyslexia screener; two policies.
    assert required == {"P61", "P62", "P63", "B5", "B8"}
    assert not required & {c.id for c in analysis.removal_candidates}
    # The liaison is a required orphan, and its reason asks for the link.
    liaison = analysis.orphan("P61")
    assert liaison is not None and liaison.reason.startswith("required by law, but not linked")
    # The state screener sits in a competing group behind the cabinet's kept suite; rules
    # 2.1 keep it there anyway (version 2 said "not kept"), and never propose it for removal.
    assert "kept" in analysis.flags_of("P63") and "not-kept" not in analysis.flags_of("P63")
    assert "P63" in analysis.kept_by_law
    assert "removal" not in analysis.flags_of("P63")
    # IDEA services serve goals and compete with nothing.
    assert analysis.goals_of["P62"] and not analysis.flags_of("P62")


def test_an_unknown_type_is_a_data_gap_in_the_sample(
    district: District, analysis: Analysis
) -> None:
    gaps = {gap["id"]: gap["missing"] for gap in check_report(district, analysis)["data_gaps"]}
    assert gaps["P28"] == ["type"]  # the AP exam fee support has no type on record
    assert gaps["P61"] == ["goal"]
