"""The built-in sample district loads cleanly and is the size and shape the spec promises.

The sample is what a superintendent sees first, so it must be valid interchange JSON and must
make every coherence rule fire in a believable way (see the analysis tests below).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coherence_planner.domain import codec
from coherence_planner.domain.district import District

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
    assert 9_000_000 <= total <= 12_000_000


def test_sample_exercises_every_status_and_a_cabinet_decision(district: District) -> None:
    statuses = {item.status for item in district.items.values()}
    assert statuses == {"proposed", "active", "sunsetting", "retired"}
    assert any(p.decision == "keep" for p in district.items_of("program"))
    kinds = {link.kind for link in district.links.values()}
    assert kinds == {"supports", "conflicts"}
