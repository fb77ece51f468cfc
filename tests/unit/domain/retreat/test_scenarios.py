"""Scenarios: evaluated on a retired copy by the real engine; applied as one undo step."""

from __future__ import annotations

import pytest

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model.district import DistrictError
from coherence_planner.domain.retreat.decisions import decision_log
from coherence_planner.domain.retreat.scenarios import (
    Scenario,
    apply_as_decisions,
    chosen_scenarios,
    delete_scenario,
    evaluate,
    save_scenario,
    scenario,
    scenarios,
    summary_rows,
    undecidable,
    with_removal_candidates,
)
from coherence_planner.storage.sample import sample_district
from tests.factories import g, make, p, s, sup

ELA = {"type": "intervention", "tier": 2, "grades": ["K-3"], "subjects": ["ela"]}


def district():  # type: ignore[no-untyped-def]
    # P1/P2 compete for G1 (P2 kept: better evidence). P3 alone serves G2 through S1.
    # P4 is an orphan.
    return make(
        goals=[g("G1"), g("G2")],
        strategies=[s("S1")],
        programs=[
            p("P1", evidence_tier=3, annual_cost=100, fte=1, students_served=40, **ELA),
            p("P2", evidence_tier=1, annual_cost=50, fte=0.5, students_served=60, **ELA),
            p("P3", annual_cost=10, students_served=5),
            p("P4", annual_cost=7, fte=0.25),
        ],
        links=[sup("P1", "G1"), sup("P2", "G1"), sup("P3", "S1"), sup("S1", "G2")],
    )


def test_removing_candidates_frees_money_resolves_groups_and_leaves_district_alone() -> None:
    d = district()
    today = analyse(d)
    sc = with_removal_candidates(Scenario("Lean"), today)
    assert sc.remove == ("P1", "P4")
    r = evaluate(d, sc, today)
    assert (r.freed_cost, r.freed_fte, r.students_no_longer_served) == (107, 1.25, 40)
    assert [grp.members for grp in r.resolved_groups] == [("P2", "P1")]
    assert r.newly_unsupported == [] and not r.warns
    assert (r.before.competing_groups, r.after.competing_groups) == (1, 0)
    assert (r.before.removal_candidates, r.after.removal_candidates) == (2, 0)
    assert d.get("P1").live and analyse(d).removal_candidates == today.removal_candidates


def test_removing_the_only_support_of_a_goal_warns_and_orphans_nothing_else() -> None:
    d = district()
    r = evaluate(d, Scenario("Cut", ("P3",)))
    assert r.newly_unsupported == [] and r.newly_orphaned == []
    r = evaluate(d, Scenario("Cut", ("S1",)))
    assert r.newly_unsupported == ["G2"] and r.warns
    assert r.newly_orphaned == ["P3"]


def test_retired_and_vanished_items_are_ignored() -> None:
    d = district()
    d.get("P4").status = "retired"
    r = evaluate(d, Scenario("Old", ("P4",)))
    assert r.removed == () and r.freed_cost == 0


def test_save_list_delete_and_refusals() -> None:
    d = district()
    save_scenario(d, Scenario("A", ("P1",))).do(d)
    save_scenario(d, Scenario("B", ("P4", "S1"))).do(d)
    assert [x.name for x in scenarios(d)] == ["A", "B"]
    assert scenario(d, "B").remove == ("P4", "S1")
    delete_scenario(d, "A").do(d)
    assert [x.name for x in scenarios(d)] == ["B"]
    with pytest.raises(DistrictError, match="unknown items: P99"):
        save_scenario(d, Scenario("C", ("P99",)))
    with pytest.raises(DistrictError, match="removes goals"):
        save_scenario(d, Scenario("C", ("G1",)))
    with pytest.raises(DistrictError, match="needs a name"):
        save_scenario(d, Scenario("  "))
    with pytest.raises(DistrictError, match="no scenario named"):
        delete_scenario(d, "A")


def test_apply_as_decisions_is_one_undo_step_and_marks_the_chosen_scenario() -> None:
    d = district()
    sc = Scenario("Lean", ("P1", "P4", "S1"))
    save_scenario(d, sc).do(d)
    cmd = apply_as_decisions(d, sc, "Dr. Ruiz", "2026-11-22")
    cmd.do(d)
    assert [(e.item_id, e.decision, e.scenario) for e in decision_log(d)] == [
        ("P1", "remove", "Lean"),
        ("P4", "remove", "Lean"),
    ]
    assert d.get("P1").decision == "remove"  # type: ignore[attr-defined]
    assert [x.name for x in chosen_scenarios(d)] == ["Lean"]
    assert undecidable(d, sc) == ["S1"]
    cmd.undo(d)
    assert d.get("P1").decision == "undecided"  # type: ignore[attr-defined]
    assert decision_log(d) == [] and chosen_scenarios(d) == []
    assert scenario(d, "Lean").remove == ("P1", "P4", "S1")


def test_summary_rows_on_the_sample_district() -> None:
    d = sample_district()
    today = analyse(d)
    sc = with_removal_candidates(Scenario("All candidates"), today)
    rows = {row["Measure"]: row for row in summary_rows(d, sc, today)}
    assert rows["Money freed"]["Scenario"] == today.resources.freed_cost
    assert rows["Removal candidates"]["Today"] == len(today.removal_candidates)
    assert rows["Removal candidates"]["Scenario"] == 0
