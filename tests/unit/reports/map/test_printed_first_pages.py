"""A goal's first pages planned alone (plan_area's max_pages, issue 29): the report draws a
goal's first page or three, and building the cards of the rest of a long line of sight was
a fifth of a 10,000-program report's time. The pages planned must be exactly those of the
whole line of sight, the cut lane must build fewer cards, and `cut` must say whether more
pages follow (the report's "N more items serve this goal" note depends on it)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import pytest

from benchmarks.generate_district import generate
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.domain.model.district import District
from coherence_planner.reports.map.printed import lane_plan
from coherence_planner.reports.map.printed_pages import Piece, PrintPlan, pieces_height, plan_area
from tests.factories import g, make, p, s, sup


def _drivers_plan() -> District:
    """One goal, twenty primary drivers, each with two secondaries, each strategy with a
    different number of programs (some names long enough to wrap), and programs serving the
    goal directly: cuts fall between and beside primaries with secondaries."""
    strategies, programs, links = [], [], []
    for n in range(20):
        heads = [f"S{n}", f"S{n}a", f"S{n}b"]
        strategies += [s(h, name=f"Strategy {h}") for h in heads]
        links += [sup(heads[0], "G1"), sup(heads[1], heads[0]), sup(heads[2], heads[0])]
        for k, head in enumerate(heads):
            for m in range((n * 3 + k) % 9 + 1):
                name = f"Program {head}-{m}" + (" with a long name that wraps" * (m % 3))
                programs.append(p(f"P{head}-{m}", name=name))
                links.append(sup(f"P{head}-{m}", head))
    programs += [p(f"D{m}", name=f"Direct program {m}") for m in range(15)]
    links += [sup(f"D{m}", "G1") for m in range(15)]
    return make(goals=[g("G1", name="Readers by grade 3")], strategies=strategies,
                programs=programs, links=links)  # fmt: skip


def _pages(plan: PrintPlan) -> list[list[Any]]:
    """What a page draws: each piece's blocks, cards and all, its part, and the page's height."""

    def piece(part: Piece) -> tuple[Any, ...]:
        blocks = [asdict(block) for block in part.lane.blocks[part.start : part.end]]
        return part.start, part.end, part.continued, part.last, blocks

    return [[*map(piece, page), pieces_height(page)] for page in plan.pages]


def _check(district: District, room: float, limits: tuple[int, ...]) -> int:
    """Every served goal's first pages, planned alone, against the whole plan's; returns how
    many of the plans built fewer cards."""
    analysis = analyse(district)
    lanes = lane_plan(district, analysis)
    served = {goal for goals in analysis.goals_of.values() for goal in goals}
    fewer = 0
    for goal in served:
        whole = plan_area(district, analysis, (540.0, room), "p", goal, 0.0, lanes=lanes)
        for limit in limits:
            first = plan_area(
                district, analysis, (540.0, room), "p", goal, 0.0, lanes=lanes, max_pages=limit
            )
            assert _pages(first) == _pages(whole)[:limit]
            assert first.cut == (len(whole.pages) > limit)
            fewer += first.map.cards < whole.map.cards
    return fewer


@pytest.mark.parametrize("room", [260.0, 330.0, 470.0, 640.0])
def test_secondary_drivers_first_pages_are_the_whole_plans(room: float) -> None:
    assert _check(_drivers_plan(), room, (1, 2, 3)) >= 1


def test_a_large_plans_goals_build_only_what_their_first_pages_draw() -> None:
    district = district_from_dict(generate(2000, seed=1))
    # Every goal of this plan runs past three pages: every cut plan builds fewer cards.
    assert _check(district, 640.0, (1, 3)) == 2 * 9
