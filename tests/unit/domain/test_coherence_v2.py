"""Version 2 of the coherence rules, rule by rule, on hand-worked districts: unknown program
types, required items (orphaned, and inside competing groups), and `check --json`'s
`data_gaps` list. The expected answers are worked out in the comments."""

from __future__ import annotations

from coherence_planner.domain.analysis.coherence import analyse, check_report
from coherence_planner.domain.analysis.rules.orphans import ORPHAN_REASON, REQUIRED_ORPHAN_REASON
from tests.factories import con, g, make, p, s, sup

READING = {"tier": 2, "grades": ["K-3"], "subjects": ["ela"]}


# ---------------------------------------------------------------- unknown types (rule 4)


def _groups(*programs: dict, links: list[dict] | None = None) -> list[tuple[str, ...]]:
    d = make(
        goals=[g("G1")],
        programs=list(programs),
        links=[sup(x["id"], "G1") for x in programs] + (links or []),
    )
    return [grp.members for grp in analyse(d).competing]


def test_two_programs_of_unknown_type_do_not_compete() -> None:
    # Same goal, tier, grades, subjects, everything: in version 1 these were "duplicates";
    # with no type on record they compete with nothing.
    assert _groups(p("P1", **READING), p("P2", **READING)) == []
    assert _groups(p("P1", type="other", **READING), p("P2", type="other", **READING)) == []


def test_a_null_type_reads_as_unknown_and_competes_with_nothing() -> None:
    assert _groups(p("P1", type=None, **READING), p("P2", type=None, **READING)) == []


def test_unknown_type_does_not_compete_with_a_known_type() -> None:
    assert _groups(p("P1", type="intervention", **READING), p("P2", **READING)) == []


def test_same_known_type_still_competes() -> None:
    both = {"type": "intervention", **READING}
    assert _groups(p("P1", **both), p("P2", **both)) == [("P1", "P2")]


def test_unknown_type_still_competes_through_an_explicit_conflict() -> None:
    # Clause 1 does not look at the type: a conflicts link makes any two programs compete.
    members = _groups(p("P1", **READING), p("P2", **READING), links=[con("P1", "P2")])
    assert members == [("P1", "P2")]


def test_an_imported_inventory_without_types_makes_no_group() -> None:
    # The field report behind version 2: 22 programs with no type serving the same goal
    # made one "competing group" of 22. Now: no group and no removal candidate.
    programs = [p(f"P{n:02d}", annual_cost=1000 * n) for n in range(1, 23)]
    d = make(goals=[g("G1")], programs=programs, links=[sup(x["id"], "G1") for x in programs])
    a = analyse(d)
    assert a.competing == [] and a.removal_candidates == []
    assert a.resources.freed_cost == 0


# ---------------------------------------------------------------- required items (rule 5)


def test_a_required_orphan_is_an_orphan_but_never_a_removal_candidate() -> None:
    # P1 (required, $50,000) and P2 ($20,000) are both orphans; only P2 may be removed.
    d = make(
        goals=[g("G1")],
        programs=[
            p("P1", name="McKinney-Vento liaison", required=True, annual_cost=50_000, fte=1),
            p("P2", name="Typing lab", annual_cost=20_000, fte=0.5),
        ],
    )
    a = analyse(d)
    orphans = {o.id: o.reason for o in a.orphans}
    assert orphans == {"P1": REQUIRED_ORPHAN_REASON, "P2": ORPHAN_REASON}
    assert REQUIRED_ORPHAN_REASON == (
        "required by law, but not linked to any student-learning goal: "
        "link it to the goal it serves"
    )
    assert [c.id for c in a.removal_candidates] == ["P2"]
    assert a.flags_of("P1") == {"orphan"}
    assert a.flags_of("P2") == {"orphan", "removal"}
    # Money outside the goals still counts it; money freed does not.
    assert a.resources.orphan_cost == 70_000
    assert a.resources.freed_cost == 20_000 and a.resources.freed_fte == 0.5


def test_required_strategies_and_policies_are_never_removal_candidates_either() -> None:
    d = make(
        strategies=[s("S1", required=True), s("S2")],
        policies=[{"id": "B1", "name": "Board policy on homeless students", "required": True}],
    )
    a = analyse(d)
    assert [o.id for o in a.orphans] == ["B1", "S1", "S2"]
    assert [c.id for c in a.removal_candidates] == ["S2"]


def test_a_required_orphans_reason_names_what_it_points_to() -> None:
    # P1 supports S1, which reaches no goal: the reason says required, link it, and why the
    # link it has does not count.
    d = make(
        goals=[g("G1")],
        strategies=[s("S1", name="Family outreach")],
        programs=[p("P1", required=True)],
        links=[sup("P1", "S1")],
    )
    reason = analyse(d).orphan("P1").reason  # type: ignore[union-attr]
    assert reason.startswith(REQUIRED_ORPHAN_REASON)
    assert "“Family outreach”" in reason and "either" in reason


def _group(*programs: dict) -> tuple[tuple[str, ...], tuple[str, ...], list[str]]:
    d = make(
        goals=[g("G1")],
        programs=list(programs),
        links=[sup(x["id"], "G1") for x in programs],
    )
    a = analyse(d)
    (group,) = a.competing
    return group.members, group.kept, [c.id for c in a.removal_candidates]


SCREENER = {"type": "assessment", "tier": None, "grades": ["K-3"], "subjects": ["ela"]}


def test_a_required_program_ranks_with_keep_and_wins_over_better_evidence() -> None:
    # P1 has strong evidence; P2 is the state-mandated screener with a rationale only.
    # Key of P2 starts with 0 (required), P1 with 1: P2 first and kept, P1 not kept.
    members, kept, removal = _group(
        p("P1", evidence_tier=1, **SCREENER),
        p("P2", name="State dyslexia screener", required=True, evidence_tier=4, **SCREENER),
    )
    assert (members, kept, removal) == (("P2", "P1"), ("P2",), ["P1"])


def test_the_not_kept_reason_says_the_kept_program_is_required() -> None:
    d = make(
        goals=[g("G1")],
        programs=[
            p("P1", name="Reading screener", evidence_tier=1, **SCREENER),
            p("P2", name="State dyslexia screener", required=True, **SCREENER),
        ],
        links=[sup("P1", "G1"), sup("P2", "G1")],
    )
    (reason,) = analyse(d).not_kept_reasons["P1"]
    assert reason.startswith("competes with “State dyslexia screener”, which is kept.")
    assert reason.endswith(
        "“State dyslexia screener” ranks first because it is required by law, regulation, "
        "court order or contract."
    )


def test_required_and_keep_rank_equal_then_evidence_decides() -> None:
    # Both keys start with 0; P1's evidence tier 2 beats P2's tier 3, so P1 ranks first.
    # Version 2.1: the required P2 is kept beside it (version 2 said "not kept").
    members, kept, _ = _group(
        p("P2", required=True, evidence_tier=3, **SCREENER),
        p("P1", decision="keep", evidence_tier=2, **SCREENER),
    )
    assert (members, kept) == (("P1", "P2"), ("P1", "P2"))


def test_two_required_programs_are_both_kept_and_never_removal_candidates() -> None:
    # Two required screeners compete; version 2.1 keeps both (version 2 kept P1 only). A
    # third, P3, unrequired, loses to them and is the only removal candidate.
    members, kept, removal = _group(
        p("P1", required=True, evidence_tier=1, **SCREENER),
        p("P2", required=True, evidence_tier=2, **SCREENER),
        p("P3", evidence_tier=1, **SCREENER),
    )
    assert members == ("P1", "P2", "P3")
    assert kept == ("P1", "P2")
    assert removal == ["P3"]


def test_a_required_program_is_flagged_kept_and_frees_nothing() -> None:
    d = make(
        goals=[g("G1")],
        programs=[
            p("P1", required=True, evidence_tier=1, annual_cost=10, **SCREENER),
            p("P2", required=True, evidence_tier=2, annual_cost=99, **SCREENER),
        ],
        links=[sup("P1", "G1"), sup("P2", "G1")],
    )
    a = analyse(d)
    assert a.flags_of("P2") == {"competing", "kept"}
    assert a.resources.freed_cost == 0


# ---------------------------------------------------------------- check --json: data_gaps


def test_check_report_lists_data_gaps_after_the_specs_keys() -> None:
    # P1: type other, no cost, no fte, no reach, no goal -> all five, in the spec's order.
    # P2: fully described and linked -> no gap. P3: retired -> never listed.
    # P4: known type and numbers, but 0 students is a value, not a gap; orphan -> goal.
    # Empty grades, null tier and null evidence are meaningful values, never gaps.
    d = make(
        goals=[g("G1")],
        programs=[
            p("P1", name="Mystery line item"),
            p(
                "P2",
                type="curriculum",
                annual_cost=0,
                fte=0,
                students_served=10,
                tier=None,
                evidence_tier=None,
            ),
            p("P3", status="retired"),
            p("P4", type="enrichment", annual_cost=5, fte=1, students_served=0),
            p("P5", type="other", annual_cost=5, fte=1, students_served=3),
        ],
        strategies=[s("S1")],
        links=[sup("P2", "G1"), sup("P5", "S1"), sup("S1", "G1")],
    )
    report = check_report(d, analyse(d))
    assert list(report)[-2:] == ["resources", "data_gaps"]
    assert report["data_gaps"] == [
        {
            "id": "P1",
            "name": "Mystery line item",
            "missing": ["type", "annual_cost", "fte", "students_served", "goal"],
        },
        {"id": "P4", "name": "Program P4", "missing": ["goal"]},
        {"id": "P5", "name": "Program P5", "missing": ["type"]},
    ]


def test_required_round_trips_and_defaults_to_false() -> None:
    d = make(programs=[p("P1", required=True), p("P2"), p("P3", required=None)])
    assert [d.items[i].required for i in ("P1", "P2", "P3")] == [True, False, False]
