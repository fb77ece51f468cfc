"""The data-gaps finding on hand-worked districts: which facts are missing, what an unknown
type may hide ("might compete with X if both were interventions"), and the completeness
figures per program and for the plan."""

from __future__ import annotations

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.analysis.gaps import FACTS, gap_sentence, percent, plan_gaps
from coherence_planner.domain.analysis.rules.competing import MIGHT_COMPETE_LIMIT
from coherence_planner.domain.model.naming import Names
from tests.factories import g, make, p, sup

FULL = {
    "type": "intervention",
    "tier": 2,
    "grades": ["K-3"],
    "subjects": ["ela"],
    "populations": ["below-benchmark"],
    "annual_cost": 1000,
    "fte": 1,
    "students_served": 10,
    "evidence_tier": 2,
}


def _gaps(*programs: dict, linked: bool = True):  # type: ignore[no-untyped-def]
    d = make(
        goals=[g("G1")],
        programs=list(programs),
        links=[sup(x["id"], "G1") for x in programs] if linked else [],
    )
    a = analyse(d)
    return d, plan_gaps(d, a.goals_of, a.might_compete)


def test_a_fully_described_linked_program_has_no_gap() -> None:
    _d, gaps = _gaps(p("P1", **FULL))
    assert gaps.programs == [] and gaps.completeness == 1.0 and percent(1.0) == "100%"


def test_every_missing_fact_is_listed_in_order_with_its_completeness() -> None:
    # A bare program: all ten facts missing (its type is unknown, so its tier is asked).
    d, gaps = _gaps(p("P1", name="Book giveaway"), linked=False)
    (only,) = gaps.programs
    assert only.missing == tuple(f.field for f in FACTS)
    assert only.completeness == 0.0 and gaps.completeness == 0.0
    text = gap_sentence(d, only, Names(d))
    assert text.startswith("No type; no MTSS tier; no grades (counted as every grade);")
    assert text.endswith("no link to a student-learning goal (0% complete).")


def test_untiered_kinds_of_work_are_not_asked_for_a_tier() -> None:
    # Coaching is rightly untiered: 9 facts asked, all known -> no gap.
    coaching = dict(FULL, type="professional-learning", tier=None)
    _d, gaps = _gaps(p("P1", **coaching))
    assert gaps.programs == []
    # An intervention with no tier is asked: 9 of 10 known.
    _d, gaps = _gaps(p("P1", **dict(FULL, tier=None)))
    (only,) = gaps.programs
    assert only.missing == ("tier",) and only.completeness == 0.9


def test_plan_completeness_counts_facts_over_all_live_programs() -> None:
    # P1 complete (10 of 10), P2 missing cost and fte (8 of 10), P3 retired: not counted.
    _d, gaps = _gaps(
        p("P1", **FULL),
        p("P2", **dict(FULL, annual_cost=None, fte=None, grades=["4-5"])),
        p("P3", status="retired"),
    )
    assert [x.id for x in gaps.programs] == ["P2"]
    assert (gaps.known, gaps.asked) == (18, 20)
    assert percent(gaps.completeness) == "90%"


def test_unknown_type_names_what_it_might_compete_with() -> None:
    # P2 has no type; with P1's type it would compete with P1 (same goal, tier, audience).
    # P3 has no type either and overlaps both. P4 is a different tier: nothing.
    unknown = dict(FULL, type="other")
    d, gaps = _gaps(
        p("P1", name="Phonics groups", **FULL),
        p("P2", name="Reading lab", **unknown),
        p("P3", name="Tutoring", **unknown),
        p("P4", name="Pull-out", **dict(unknown, tier=3)),
    )
    by_id = {x.id: x for x in gaps.programs}
    assert by_id["P2"].might_compete == ("P1", "P3")
    assert by_id["P3"].might_compete == ("P1", "P2")
    assert by_id["P4"].might_compete == ()
    assert "P1" not in by_id  # a known type has no gap; its partners are listed under them
    text = gap_sentence(d, by_id["P2"], Names(d))
    assert text == (
        "No type (90% complete). Might compete with “Phonics groups” if both were "
        "intervention programs. Might compete with “Tutoring” if both had the same type."
    )


def test_might_compete_needs_the_audience_to_overlap() -> None:
    _d, gaps = _gaps(
        p("P1", **FULL),
        p("P2", **dict(FULL, type="other", grades=["9-12"])),
    )
    assert gaps.programs[0].might_compete == ()


def test_might_compete_is_capped_per_program() -> None:
    programs = [p(f"P{n:02d}", **dict(FULL, type="other")) for n in range(12)]
    _d, gaps = _gaps(*programs)
    assert all(len(x.might_compete) == MIGHT_COMPETE_LIMIT for x in gaps.programs)


def test_percent_never_rounds_an_incomplete_plan_up_to_100() -> None:
    assert percent(0.996) == "99%"
    assert percent(0.5) == "50%"


def test_a_guessed_type_reads_as_one_sentence_without_stacked_brackets() -> None:
    # Read aloud: "…until then) (90% complete)" stumbled over two brackets in a row.
    guessed = dict(FULL, guessed=["type"])
    d, gaps = _gaps(p("P1", name="Read Naturally", **guessed))
    (only,) = gaps.programs
    text = gap_sentence(d, only, Names(d))
    assert text.startswith("A type the import guessed, which competes with nothing until")
    assert ") (" not in text
