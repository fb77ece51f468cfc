"""The coherence rules, rule by rule, on hand-built districts whose answers are worked out
by hand in the comments."""

from __future__ import annotations

import math

from coherence_planner.domain.analysis.coherence import analyse, check_report
from coherence_planner.domain.analysis.rules.keeping import rank_key
from coherence_planner.domain.analysis.rules.orphans import ORPHAN_REASON
from tests.factories import b, con, g, make, p, s, sup

INTERVENTION = {"type": "intervention", "tier": 2, "grades": ["K-3"], "subjects": ["ela"]}


# ---------------------------------------------------------------- rule 1: orphans


def test_items_reaching_a_goal_directly_or_through_others_are_not_orphans() -> None:
    d = make(
        goals=[g("G1")],
        strategies=[s("S1")],
        programs=[p("P1"), p("P2")],
        policies=[b("B1")],
        links=[sup("P1", "S1"), sup("S1", "G1"), sup("P2", "P1"), sup("B1", "G1")],
    )
    a = analyse(d)
    assert a.orphans == []
    assert a.goals_of["P2"] == ("G1",)


def test_item_with_no_links_is_an_orphan_with_the_plain_reason() -> None:
    d = make(goals=[g("G1")], programs=[p("P1", name="Keyboarding")], policies=[b("B1")])
    a = analyse(d)
    assert [(o.id, o.kind, o.name, o.reason) for o in a.orphans] == [
        ("B1", "policy", "Policy B1", ORPHAN_REASON),
        ("P1", "program", "Keyboarding", ORPHAN_REASON),
    ]


def test_orphan_reason_names_the_items_it_points_to() -> None:
    d = make(
        goals=[g("G1")],
        strategies=[s("S9", name="Data chats")],
        programs=[p("P1")],
        links=[sup("P1", "S9")],
    )
    reasons = {o.id: o.reason for o in analyse(d).orphans}
    assert set(reasons) == {"P1", "S9"}
    assert reasons["P1"].startswith(ORPHAN_REASON)
    assert "“Data chats”" in reasons["P1"]
    assert "S9" not in reasons["P1"]  # words, never codes
    assert "not reach a student-learning goal either" in reasons["P1"]
    assert reasons["S9"] == ORPHAN_REASON


def test_paths_never_pass_through_retired_items() -> None:
    # P1 -> S1 (retired) -> G1: P1 reaches nothing, so it is an orphan; S1 is not flagged.
    d = make(
        goals=[g("G1")],
        strategies=[s("S1", status="retired")],
        programs=[p("P1"), p("P2", status="retired")],
        links=[sup("P1", "S1"), sup("S1", "G1")],
    )
    a = analyse(d)
    assert [o.id for o in a.orphans] == ["P1"]
    assert "retired" in a.orphans[0].reason
    assert a.flags_of("P2") == set()
    assert a.flags_of("S1") == set()
    assert "P2" not in a.goals_of


def test_retired_goal_is_not_reached() -> None:
    d = make(goals=[g("G1", status="retired")], programs=[p("P1")], links=[sup("P1", "G1")])
    a = analyse(d)
    assert [o.id for o in a.orphans] == ["P1"]
    assert a.unsupported_goals == []


def test_cycles_terminate_and_propagate_reach() -> None:
    # P1 -> P2 -> P3 -> P1 is a cycle; P3 -> G1 lets all three reach G1.
    # P4 <-> P5 is a cycle that reaches nothing: both orphans.
    d = make(
        goals=[g("G1")],
        programs=[p(f"P{n}") for n in range(1, 6)],
        links=[
            sup("P1", "P2"),
            sup("P2", "P3"),
            sup("P3", "P1"),
            sup("P3", "G1"),
            sup("P4", "P5"),
            sup("P5", "P4"),
        ],
    )
    a = analyse(d)
    assert {i: a.goals_of[i] for i in ("P1", "P2", "P3")} == {
        "P1": ("G1",),
        "P2": ("G1",),
        "P3": ("G1",),
    }
    assert [o.id for o in a.orphans] == ["P4", "P5"]


def test_a_long_chain_does_not_hit_the_recursion_limit() -> None:
    n = 5000
    strategies = [s(f"S{i}") for i in range(n)]
    links = [sup(f"S{i}", f"S{i + 1}") for i in range(n - 1)] + [sup(f"S{n - 1}", "G1")]
    a = analyse(make(goals=[g("G1")], strategies=strategies, links=links))
    assert a.orphans == []
    assert a.goals_of["S0"] == ("G1",)


# ---------------------------------------------------------------- rule 2: unsupported goals


def test_unsupported_goals() -> None:
    d = make(
        goals=[g("G1"), g("G2"), g("G3")],
        programs=[p("P1"), p("P2", status="retired")],
        links=[sup("P1", "G1"), sup("P2", "G3")],
    )
    a = analyse(d)
    # G2 has nothing; G3 only a retired program.
    assert a.unsupported_goals == ["G2", "G3"]
    assert "unsupported" in a.flags_of("G2")


# ---------------------------------------------------------------- rule 3: conflicts


def test_conflicts_between_live_items_sorted_with_a_before_b() -> None:
    d = make(
        goals=[g("G1")],
        programs=[p("P1"), p("P7"), p("P9", status="retired")],
        policies=[b("B1")],
        links=[
            con("P7", "P1", rationale="same block"),
            con("B1", "P7"),
            con("P9", "P1"),
        ],
    )
    report = check_report(d, analyse(d))
    assert report["conflicts"] == [
        {"a": "B1", "b": "P7", "rationale": ""},
        {"a": "P1", "b": "P7", "rationale": "same block"},
    ]


# ---------------------------------------------------------------- rule 4: competing


def _two(**second: object) -> dict:
    base = dict(INTERVENTION)
    base.update(second)
    return base


def _compete(first: dict, second: dict) -> bool:
    d = make(
        goals=[g("G1"), g("G2")],
        programs=[p("P1", **first), p("P2", **second)],
        links=[sup("P1", "G1"), sup("P2", "G1")],
    )
    return bool(analyse(d).competing)


def test_same_goal_type_tier_and_overlapping_audience_compete() -> None:
    assert _compete(INTERVENTION, _two(grades=["2-5"]))


def test_different_tier_or_type_do_not_compete() -> None:
    assert not _compete(INTERVENTION, _two(tier=3))
    assert not _compete(INTERVENTION, _two(tier=None))
    assert not _compete(INTERVENTION, _two(type="curriculum"))


def test_null_tier_equals_null_tier() -> None:
    assert _compete(_two(tier=None), _two(tier=None))


def test_disjoint_grades_subjects_populations_or_schools_do_not_compete() -> None:
    assert not _compete(INTERVENTION, _two(grades=["4-5"]))
    assert not _compete(INTERVENTION, _two(subjects=["math"]))
    assert not _compete(_two(populations=["ell"]), _two(populations=["swd"]))
    assert not _compete(_two(schools=["Adams"]), _two(schools=["Baker"]))


def test_empty_or_all_means_everything() -> None:
    assert _compete(_two(grades=[]), _two(grades=["11"]))
    assert _compete(_two(subjects=[]), _two(subjects=["math"]))
    assert _compete(_two(subjects=["all"]), _two(subjects=["math"]))
    assert _compete(_two(populations=["all"]), _two(populations=["ell"]))
    assert _compete(_two(schools=[]), _two(schools=["Baker"]))


def test_no_shared_goal_no_competition() -> None:
    d = make(
        goals=[g("G1"), g("G2")],
        programs=[p("P1", **INTERVENTION), p("P2", **INTERVENTION)],
        links=[sup("P1", "G1"), sup("P2", "G2")],
    )
    assert analyse(d).competing == []


def test_explicit_conflict_makes_programs_compete_even_without_goals() -> None:
    d = make(
        goals=[g("G1")],
        programs=[p("P1", type="curriculum"), p("P2", type="assessment")],
        links=[sup("P1", "G1"), con("P1", "P2", rationale="same period")],
    )
    a = analyse(d)
    assert [(grp.members, grp.kept, grp.goals) for grp in a.competing] == [
        (("P1", "P2"), ("P1",), ())
    ]


def test_group_is_a_connected_component_in_rank_order_and_reports_shared_goals() -> None:
    # P1 and P2 compete over K-3; P2 and P3 over grade 4-5... P1 and P3 do not overlap.
    # One group of three; kept: P1 (tier-1 evidence); P2 not kept (competes with P1);
    # P3 competes only with P2, which is not kept, so P3 is kept too.
    d = make(
        goals=[g("G1")],
        programs=[
            p("P1", **_two(grades=["K-2"], evidence_tier=1)),
            p("P2", **_two(grades=["1-5"], evidence_tier=2)),
            p("P3", **_two(grades=["4-5"], evidence_tier=3)),
        ],
        links=[sup(f"P{n}", "G1") for n in (1, 2, 3)],
    )
    a = analyse(d)
    assert len(a.competing) == 1
    group = a.competing[0]
    assert group.members == ("P1", "P2", "P3")
    assert group.kept == ("P1", "P3")
    assert group.goals == ("G1",)
    assert [c.id for c in a.removal_candidates] == ["P2"]


# ---------------------------------------------------------------- rule 5: ranking


def _pair_group(first: dict, second: dict) -> tuple[tuple[str, ...], tuple[str, ...]]:
    d = make(
        goals=[g("G1")],
        programs=[p("P1", **_two(**first)), p("P2", **_two(**second))],
        links=[sup("P1", "G1"), sup("P2", "G1")],
    )
    group = analyse(d).competing[0]
    return group.members, group.kept


def test_rank_by_evidence_then_cost_per_student_then_reach_then_id() -> None:
    assert _pair_group({"evidence_tier": 3}, {"evidence_tier": 1}) == (("P2", "P1"), ("P2",))
    assert _pair_group({"evidence_tier": None}, {"evidence_tier": 4})[1] == ("P2",)
    # Same evidence: $500/student beats $1,000/student.
    cheap = {"annual_cost": 50_000, "students_served": 100}
    dear = {"annual_cost": 100_000, "students_served": 100}
    assert _pair_group(dear, cheap)[1] == ("P2",)
    # Unknown cost per student counts as infinity.
    assert _pair_group({"annual_cost": 10}, cheap)[1] == ("P2",)
    # Same cost per student: more students wins.
    assert _pair_group(
        {"annual_cost": 100, "students_served": 10}, {"annual_cost": 200, "students_served": 20}
    )[1] == ("P2",)
    # All equal: id order.
    assert _pair_group({}, {}) == (("P1", "P2"), ("P1",))


def test_the_cabinets_keep_beats_any_formula() -> None:
    _members, kept = _pair_group({"evidence_tier": 1}, {"evidence_tier": 4, "decision": "keep"})
    assert kept == ("P2",)
    _members, kept = _pair_group({"evidence_tier": 1}, {"decision": "expand"})
    assert kept == ("P2",)


def test_not_kept_reason_names_the_kept_program_and_what_they_share() -> None:
    d = make(
        goals=[g("G1", name="Read by grade 3")],
        programs=[
            p(
                "P1",
                name="Phonics block",
                evidence_tier=1,
                populations=["below-benchmark"],
                **INTERVENTION,
            ),
            p("P2", name="Reading lab", evidence_tier=3, **INTERVENTION),
        ],
        links=[sup("P1", "G1"), sup("P2", "G1")],
    )
    a = analyse(d)
    (candidate,) = a.removal_candidates
    (reason,) = candidate.reasons
    assert candidate.id == "P2"
    assert reason.startswith("competes with “Phonics block”, which is kept.")
    assert "P1" not in reason and "P2" not in reason
    assert "“Read by grade 3”" in reason
    assert "Tier 2 intervention" in reason
    assert "K-3" in reason and "ela" in reason and "below-benchmark" in reason
    assert "stronger evidence: strong (ESSA tier 1)" in reason


def test_removal_candidates_carry_every_reason_and_free_money() -> None:
    # P3 is an orphan AND conflicts with P1 (kept), so it has two reasons.
    d = make(
        goals=[g("G1")],
        programs=[
            p("P1", annual_cost=100, fte=1, evidence_tier=1),
            p("P3", annual_cost=40, fte=0.5),
            p("P4", annual_cost=None, fte=None),
        ],
        strategies=[s("S1")],
        links=[sup("P1", "G1"), con("P1", "P3", rationale="same room")],
    )
    a = analyse(d)
    by_id = {c.id: c for c in a.removal_candidates}
    assert sorted(by_id) == ["P3", "P4", "S1"]
    assert len(by_id["P3"].reasons) == 2
    assert "same room" in by_id["P3"].reasons[1]
    assert a.resources.freed_cost == 40
    assert a.resources.freed_fte == 0.5


# ---------------------------------------------------------------- rule 6: resources


def test_resources_worked_by_hand() -> None:
    # P1 ($300) serves G1 and G2 through S1 -> $150 each; P2 ($100) serves G1 directly;
    # P3 ($50) is an orphan; P4 (null cost) serves G2; P5 ($1,000) is retired: ignored.
    # G3 nothing -> 0.
    d = make(
        goals=[g("G1"), g("G2"), g("G3")],
        strategies=[s("S1")],
        programs=[
            p("P1", annual_cost=300, fte=2),
            p("P2", annual_cost=100, type="curriculum"),
            p("P3", annual_cost=50, fte=1.5),
            p("P4"),
            p("P5", annual_cost=1000, status="retired"),
        ],
        links=[
            sup("P1", "S1"),
            sup("S1", "G1"),
            sup("S1", "G2"),
            sup("P2", "G1"),
            sup("P4", "G2"),
            sup("P5", "G3"),
        ],
    )
    r = check_report(d, analyse(d))["resources"]
    assert r == {
        "total_cost": 450,
        "aligned_cost": 400,
        "orphan_cost": 50,
        "freed_cost": 50,
        "freed_fte": 1.5,
        "by_goal": {"G1": 250, "G2": 150, "G3": 0},
    }


def test_check_report_counts_include_retired_items() -> None:
    d = make(
        goals=[g("G1")],
        programs=[p("P1", status="retired"), p("P2")],
        links=[sup("P2", "G1"), sup("P1", "G1")],
    )
    assert check_report(d, analyse(d))["counts"] == {
        "goals": 1,
        "strategies": 0,
        "programs": 2,
        "policies": 0,
        "links": 2,
    }


def test_rank_key_infinity_for_unknown_cost() -> None:
    d = make(programs=[p("P1", annual_cost=10, students_served=0)])
    assert rank_key(d.items["P1"])[2] == math.inf  # type: ignore[arg-type]


def test_unicode_names_flow_through_reasons() -> None:
    d = make(
        goals=[g("G1", name="Lectura temprana — niños")],
        strategies=[s("S1", name="Stratégie ✓ 読書")],
        programs=[p("P1", name="Programa «ñ»")],
        links=[sup("P1", "S1")],
    )
    reasons = {o.id: o.reason for o in analyse(d).orphans}
    assert "“Stratégie ✓ 読書”" in reasons["P1"]
