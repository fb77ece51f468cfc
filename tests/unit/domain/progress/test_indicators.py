"""Indicator status: a straight path from baseline to target, judged in the current year."""

from __future__ import annotations

import pytest

from coherence_planner.domain.model.items import Goal, Indicator
from coherence_planner.domain.progress.indicators import (
    MET,
    NO_DATA,
    NO_INDICATORS,
    OFF_TRACK,
    ON_TRACK,
    expected_value,
    goal_progress,
    goals_needing_attention,
    indicator_status,
    results_year,
)
from tests.factories import g, make


def ind(**kw) -> Indicator:
    values = dict(name="Reading", baseline=40, current=45, target=60, baseline_year=2024)
    values.update(target_year=2028)
    values.update(kw)
    return Indicator(**values)


def test_results_year_reads_school_years() -> None:
    assert results_year("2026-27") == 2026
    assert results_year("2026–2027") == 2026
    assert results_year(2030) == 2030
    assert results_year("next year") is None
    assert results_year("") is None


def test_expected_value_is_on_the_line_and_held_at_its_ends() -> None:
    i = ind()
    assert expected_value(i, 2024) == 40
    assert expected_value(i, 2026) == 50
    assert expected_value(i, 2030) == 60
    assert expected_value(i, 2020) == 40
    assert expected_value(ind(baseline_year=None), 2026) is None


@pytest.mark.parametrize(
    ("current", "status"),
    [(50, ON_TRACK), (52, ON_TRACK), (49.9, OFF_TRACK), (60, MET), (61, MET), (30, OFF_TRACK)],
)
def test_status_rising_target(current: float, status: str) -> None:
    assert indicator_status(ind(current=current), "2026-27") == status


@pytest.mark.parametrize(
    ("current", "status"), [(18, ON_TRACK), (17, ON_TRACK), (18.5, OFF_TRACK), (12, MET), (11, MET)]
)
def test_status_falling_target(current: float, status: str) -> None:
    # Chronic absence from 24% (2024) down to 12% (2028): 18% is expected in 2026.
    absence = ind(baseline=24, target=12, current=current)
    assert indicator_status(absence, 2026) == status


def test_own_current_year_beats_the_plan_year() -> None:
    assert indicator_status(ind(current=45, current_year=2025), "2026-27") == ON_TRACK
    assert indicator_status(ind(current=45), "2026-27") == OFF_TRACK


@pytest.mark.parametrize(
    "missing",
    [
        {"baseline": None},
        {"current": None},
        {"target": None},
        {"baseline_year": None},
        {"target_year": None},
    ],
)
def test_no_data_when_the_path_cannot_be_drawn(missing: dict) -> None:
    assert indicator_status(ind(**missing), "2026-27") == NO_DATA


def test_met_needs_no_years() -> None:
    assert indicator_status(ind(current=70, baseline_year=None, target_year=None), "") == MET


def test_no_data_when_the_plan_year_is_unknown_and_the_indicator_has_none() -> None:
    assert indicator_status(ind(), "") == NO_DATA


def test_goal_progress_words() -> None:
    def goal(*inds: Indicator) -> Goal:
        return Goal(id="G1", name="Readers", indicators=list(inds))

    assert goal_progress(goal(), "2026-27").status == NO_INDICATORS
    assert goal_progress(goal(ind(current=60), ind(current=70)), 2026).status == MET
    assert goal_progress(goal(ind(current=60), ind(current=50)), 2026).status == ON_TRACK
    assert goal_progress(goal(ind(current=50), ind(target=None)), 2026).status == NO_DATA
    off = goal_progress(
        goal(ind(current=41, name="Grade 3 ELA"), ind(target=None, name="K-2")), 2026
    )
    assert off.status == OFF_TRACK
    assert off.needs_attention
    assert "off track on “Grade 3 ELA”" in off.reason
    assert "“K-2” has no target" in off.reason
    assert [p.status for p in off.indicators] == [OFF_TRACK, NO_DATA]
    assert off.indicators[0].expected == 50


def test_goals_needing_attention_skips_retired_and_healthy_goals() -> None:
    good = {"name": "x", "baseline": 1, "current": 9, "target": 9}
    bad = {
        "name": "y",
        "baseline": 1,
        "current": 1,
        "target": 9,
        "baseline_year": 2024,
        "target_year": 2028,
    }
    d = make(
        goals=[
            g("G1", indicators=[good]),
            g("G2", indicators=[bad]),
            g("G3"),
            g("G4", status="retired"),
        ]
    )
    found = goals_needing_attention(d)
    assert [(p.goal_id, p.status) for p in found] == [("G2", OFF_TRACK), ("G3", NO_INDICATORS)]
    assert "has no indicators" in found[1].reason


def test_missing_years_are_named() -> None:
    progress = goal_progress(Goal(id="G1", name="x", indicators=[ind(baseline_year=None)]), 2026)
    assert progress.indicators[0].missing == ("baseline year",)
    assert "has no baseline year" in progress.reason


def test_sample_district_has_goals_on_and_off_track() -> None:
    from coherence_planner.domain.progress.indicators import district_progress
    from coherence_planner.storage.sample import sample_district

    words = {p.goal_id: p.status for p in district_progress(sample_district())}
    assert words["G4"] == ON_TRACK
    assert words["G1"] == OFF_TRACK


def test_indicator_rows_for_the_report() -> None:
    goal = Goal(id="G1", name="x", indicators=[ind(unit="%"), ind(name="Blank", current=None)])
    assert goal_progress(goal, 2026).status == OFF_TRACK
    from coherence_planner.domain.progress.indicators import indicator_rows

    assert indicator_rows(goal, "2026-27") == [
        ("Reading (%)", "40 (2024)", "45 (2026)", "60 (2028)", OFF_TRACK),
        ("Blank", "40 (2024)", "—", "60 (2028)", NO_DATA),
    ]
