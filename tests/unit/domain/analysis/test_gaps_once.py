"""The plan's missing facts are worked out once per analysis and revision of the district
(issue 29: the Items list, the Overview and the Findings each worked them out on the
window's thread), and never answered stale after an edit."""

from __future__ import annotations

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.analysis.gaps import plan_gaps
from coherence_planner.domain.analysis.gaps_once import current_gaps, work_out_gaps_ahead
from coherence_planner.domain.model.commands import SetItemFields
from tests.factories import g, make, p, sup


def _district():  # type: ignore[no-untyped-def]
    return make(
        goals=[g("G1")],
        programs=[p("P1"), p("P2", annual_cost=1000), p("P3")],
        links=[sup("P1", "G1")],
    )


def test_the_gaps_are_worked_out_once_per_revision() -> None:
    district = _district()
    analysis = analyse(district)
    first = current_gaps(district, analysis)
    assert first == plan_gaps(district, analysis.goals_of, analysis.might_compete)
    assert current_gaps(district, analysis) is first  # remembered, not worked out again


def test_an_edit_since_works_them_out_again_for_the_district_as_it_is() -> None:
    district = _district()
    analysis = analyse(district)
    before = current_gaps(district, analysis)
    with district.editing():
        SetItemFields(district, "P2", {"annual_cost": None}).do(district)
    after = current_gaps(district, analysis)
    assert after is not before
    assert after == plan_gaps(district, analysis.goals_of, analysis.might_compete)
    assert "annual_cost" in next(x for x in after.programs if x.id == "P2").missing


def test_gaps_worked_out_ahead_on_a_copy_hold_for_the_district_at_that_revision() -> None:
    district = _district()
    copy = district.snapshot()
    analysis = analyse(copy)
    work_out_gaps_ahead(analysis, district, district.revision, copy)
    ahead = current_gaps(district, analysis)
    assert ahead is analysis.gaps_memo[2]  # type: ignore[index]
    assert ahead == plan_gaps(district, analysis.goals_of, analysis.might_compete)
    # Another district (even an equal copy) is not answered from the memo.
    assert current_gaps(copy, analysis) is not ahead


def test_gaps_worked_out_ahead_for_an_older_revision_are_not_used() -> None:
    district = _district()
    copy = district.snapshot()
    analysis = analyse(copy)
    revision = district.revision
    with district.editing():
        SetItemFields(district, "P2", {"annual_cost": None}).do(district)
    work_out_gaps_ahead(analysis, district, revision, copy)
    gaps = current_gaps(district, analysis)
    assert "annual_cost" in next(x for x in gaps.programs if x.id == "P2").missing
