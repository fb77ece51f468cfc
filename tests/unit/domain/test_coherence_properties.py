"""Property tests: the fast engine agrees with a naive, literal reading of the rules
(version 2.1: unknown and guessed types, required items always kept) on random districts
(cycles, retired items, conflicts and all), and does not depend on the order of the input."""

from __future__ import annotations

import math
import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.naive_rules import naive
from coherence_planner.domain.analysis.coherence import analyse, check_report
from coherence_planner.domain.model.codec import district_from_dict
from tests.factories import district_dict

GRADE_CHOICES = [[], ["K-3"], ["2-5"], ["6-8"], ["9-12"], ["K"], ["PK-12"]]
SLUG_CHOICES = [[], ["all"], ["ela"], ["math"], ["ela", "math"]]
POP_CHOICES = [[], ["all"], ["ell"], ["swd"], ["ell", "swd"]]
SCHOOL_CHOICES = [[], ["Adams"], ["Baker"], ["Adams", "Baker"]]


@st.composite
def districts(draw: Any) -> dict[str, Any]:
    n_goals = draw(st.integers(1, 3))
    n_strat = draw(st.integers(0, 3))
    n_prog = draw(st.integers(0, 8))
    status = st.sampled_from(["active", "active", "active", "proposed", "retired"])
    goals = [{"id": f"G{i}", "name": f"g{i}", "status": draw(status)} for i in range(n_goals)]
    strategies = [
        {"id": f"S{i}", "name": f"s{i}", "status": draw(status), "required": draw(st.booleans())}
        for i in range(n_strat)
    ]
    programs = []
    for i in range(n_prog):
        programs.append(
            {
                "id": f"P{i}",
                "name": f"p{i}",
                "status": draw(status),
                "type": draw(st.sampled_from(["intervention", "curriculum", "other", None])),
                "required": draw(st.sampled_from([False, False, False, True, None])),
                "guessed": draw(st.sampled_from([None, [], [], ["type"], ["tier", "type"]])),
                "tier": draw(st.sampled_from([None, 1, 2])),
                "grades": draw(st.sampled_from(GRADE_CHOICES)),
                "subjects": draw(st.sampled_from(SLUG_CHOICES)),
                "populations": draw(st.sampled_from(POP_CHOICES)),
                "schools": draw(st.sampled_from(SCHOOL_CHOICES)),
                "evidence_tier": draw(st.sampled_from([None, 1, 2, 4])),
                "annual_cost": draw(st.sampled_from([None, 0, 1000, 2500])),
                "fte": draw(st.sampled_from([None, 0, 1, 0.5])),
                "students_served": draw(st.sampled_from([None, 0, 10, 40])),
                "decision": draw(st.sampled_from(["undecided", "undecided", "keep", "sunset"])),
            }
        )
    ids = [x["id"] for x in goals + strategies + programs]
    non_goals = [x["id"] for x in strategies + programs]
    links: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for _ in range(draw(st.integers(0, 18))):
        if not non_goals:
            break
        kind = draw(st.sampled_from(["supports", "supports", "supports", "conflicts"]))
        src = draw(st.sampled_from(non_goals if kind == "supports" else ids))
        dst = draw(st.sampled_from(ids))
        key = (kind, *sorted((src, dst))) if kind == "conflicts" else (kind, src, dst)
        if src == dst or key in seen:
            continue
        seen.add(key)
        links.append({"from": src, "to": dst, "kind": kind})
    return district_dict(goals=goals, strategies=strategies, programs=programs, links=links)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(districts())
def test_engine_matches_a_literal_reading_of_the_rules(data: dict[str, Any]) -> None:
    expected = naive(data)
    district = district_from_dict(data)
    a = analyse(district)
    assert check_report(district, a)["data_gaps"] == expected["data_gaps"]
    assert [o.id for o in a.orphans] == expected["orphans"]
    assert a.unsupported_goals == expected["unsupported"]
    assert sorted(m for grp in a.competing for m in grp.members) == expected["in_groups"]
    assert sorted(k for grp in a.competing for k in grp.kept) == expected["kept"]
    required = {p["id"] for p in data["programs"] if p["required"]}
    assert set(a.kept_by_law) == required & set(expected["in_groups"])
    assert [c.id for c in a.removal_candidates] == expected["removal"]
    assert a.resources.freed_cost == expected["freed_cost"]
    assert a.resources.total_cost == expected["total"]
    assert math.isclose(a.resources.aligned_cost + a.resources.orphan_cost, a.resources.total_cost)
    aligned = sum(a.resources.by_goal.values())
    assert math.isclose(aligned, a.resources.aligned_cost, abs_tol=1e-6)


@settings(max_examples=100, deadline=None)
@given(districts(), st.randoms(use_true_random=False))
def test_result_never_depends_on_input_order(data: dict[str, Any], rnd: random.Random) -> None:
    shuffled = dict(data)
    for key in ("goals", "strategies", "programs", "links"):
        shuffled[key] = list(data[key])
        rnd.shuffle(shuffled[key])
    first = check_report(d := district_from_dict(data), analyse(d))
    second = check_report(d2 := district_from_dict(shuffled), analyse(d2))
    assert first == second
