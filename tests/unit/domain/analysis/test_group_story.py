"""Competing groups explained: one line when every member shares one type, tier, goal and
audience; pair by pair otherwise. Worked by hand in the comments."""

from __future__ import annotations

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.analysis.group_story import explain_groups
from tests.factories import con, g, make, p, sup

READING = {"type": "intervention", "tier": 2, "subjects": ["ela"]}


def _story(programs: list[dict], links: list[dict]) -> list[tuple[str, ...]]:
    d = make(
        goals=[g("G1", name="Early literacy"), g("G2", name="Math")], programs=programs, links=links
    )
    return explain_groups(d, analyse(d))


def test_a_group_sharing_everything_is_one_line() -> None:
    # Three K-3 reading interventions at every school, all for G1: one line.
    programs = [p(f"P{n}", name=f"Reading {n}", grades=["K-3"], **READING) for n in (1, 2, 3)]
    (lines,) = _story(programs, [sup(f"P{n}", "G1") for n in (1, 2, 3)])
    assert lines == (
        "All are Tier 2 intervention programs serving “Early literacy”, for grades K-3, in "
        "ela, for all students, district-wide.",
    )


def test_two_members_are_both() -> None:
    programs = [p(f"P{n}", grades=["K-3"], **READING) for n in (1, 2)]
    ((line,),) = _story(programs, [sup("P1", "G1"), sup("P2", "G1")])
    assert line.startswith("Both are Tier 2 intervention programs")


def test_a_chain_with_no_grade_common_to_all_is_explained_pair_by_pair() -> None:
    # P1 K-2 and P2 1-5 share 1-2; P2 and P3 4-5 share 4-5; P1 and P3 nothing. Ranked by
    # evidence P1, P2, P3: lines in that order.
    programs = [
        p("P1", name="Phonics", grades=["K-2"], evidence_tier=1, **READING),
        p("P2", name="Lab", grades=["1-5"], evidence_tier=2, **READING),
        p("P3", name="Tutors", grades=["4-5"], evidence_tier=3, **READING),
    ]
    (lines,) = _story(programs, [sup(f"P{n}", "G1") for n in (1, 2, 3)])
    assert lines == (
        "“Phonics” and “Lab”: both are Tier 2 intervention programs serving “Early "
        "literacy”, for grades 1-2, in ela, for all students, district-wide.",
        "“Lab” and “Tutors”: both are Tier 2 intervention programs serving “Early "
        "literacy”, for grades 4-5, in ela, for all students, district-wide.",
    )


def test_members_with_no_single_goal_are_explained_pair_by_pair() -> None:
    # P2 serves G1 and G2; P1 only G1, P3 only G2: no goal common to all three.
    programs = [p(f"P{n}", **READING) for n in (1, 2, 3)]
    links = [sup("P1", "G1"), sup("P2", "G1"), sup("P2", "G2"), sup("P3", "G2")]
    (lines,) = _story(programs, links)
    assert len(lines) == 2
    assert "serving “Early literacy”" in lines[0] and "serving “Math”" in lines[1]


def test_an_explicit_conflict_is_named_with_its_rationale() -> None:
    programs = [p("P1", name="Core block", type="curriculum"), p("P2", name="Pull-out")]
    (lines,) = _story(programs, [sup("P1", "G1"), con("P1", "P2", rationale="same hour")])
    assert lines == ("“Core block” and “Pull-out”: marked as conflicting (same hour).",)


def test_a_big_group_explains_the_first_pairs_and_counts_the_rest() -> None:
    # Eight programs in a chain of grades K, K-1, 1-2, ... : 7 pairs, no grade common to all.
    grades = [["K"], ["K-1"], ["1-2"], ["2-3"], ["3-4"], ["4-5"], ["5-6"], ["6-7"]]
    programs = [p(f"P{n}", grades=grades[n], evidence_tier=1 + n % 4, **READING) for n in range(8)]
    (lines,) = _story(programs, [sup(f"P{n}", "G1") for n in range(8)])
    assert len(lines) == 7
    assert lines[-1] == "And 1 more pair of these programs."
