"""Ratings: members, validated scores, spread, sorting by disagreement, quadrants."""

from __future__ import annotations

import pytest

from coherence_planner.domain.model.district import DistrictError
from coherence_planner.domain.retreat.ratings import (
    DONT_KNOW,
    add_member,
    members,
    program_ratings,
    quadrant,
    rate,
    rated_programs,
    rating_rows,
    remove_member,
    spread,
)
from tests.factories import make, p, s


def district():  # type: ignore[no-untyped-def]
    d = make(strategies=[s("S1")], programs=[p("P1"), p("P2"), p("P3")])
    for name in ("Ana", "Ben", "Cy"):
        add_member(d, name, "cabinet").do(d)
    return d


def test_members_in_order_and_refusals() -> None:
    d = district()
    assert [m.name for m in members(d)] == ["Ana", "Ben", "Cy"]
    with pytest.raises(DistrictError, match="already"):
        add_member(d, "Ana")
    with pytest.raises(DistrictError, match="needs a name"):
        add_member(d, " ")


def test_spread_counts_dont_know_apart() -> None:
    sp = spread([1, 4, DONT_KNOW, 4])
    assert (sp.count, sp.dont_know, sp.mean, sp.low, sp.high) == (3, 1, 3.0, 1, 4)
    assert spread([DONT_KNOW]).mean is None


@pytest.mark.parametrize(
    ("impl", "impact", "expected"),
    [
        (2.5, 2.5, "lead"),
        (2.49, 2.5, "invest"),
        (2.5, 2.49, "weed"),
        (1.0, 1.0, "evaluate"),
        (None, 3.0, "unrated"),
    ],
)
def test_quadrant_thresholds(impl: float | None, impact: float | None, expected: str) -> None:
    assert quadrant(impl, impact) == expected


def test_programs_sorted_by_disagreement() -> None:
    d = district()
    rate(d, "P1", "Ana", {"implementation": 4, "impact": 4}).do(d)
    rate(d, "P1", "Ben", {"implementation": 3, "impact": 4}).do(d)
    rate(d, "P2", "Ana", {"implementation": 1, "fit": 5}).do(d)
    rate(d, "P2", "Ben", {"implementation": 4, "fit": 1}).do(d)
    rate(d, "P3", "Cy", {"impact": DONT_KNOW}).do(d)
    ranked = rated_programs(d)
    assert [r.program_id for r in ranked] == ["P2", "P1", "P3"]
    assert ranked[0].disagreement == 1.0
    p1 = program_ratings(d, "P1")
    assert p1.quadrant == "lead" and p1.raters == 2
    assert round(p1.disagreement, 3) == round(1 / 3, 3)
    rows = rating_rows(d)
    assert rows[0]["Program"] == "P2" and rows[0]["Fit range"] == "1-5"


@pytest.mark.parametrize(
    ("item", "member", "scores", "message"),
    [
        ("P1", "Ana", {"implementation": 5}, "1 to 4"),
        ("P1", "Ana", {"fit": 0}, "1 to 5"),
        ("P1", "Ana", {"fit": True}, "1 to 5"),
        ("P1", "Ana", {"charm": 3}, "unknown rating dimension"),
        ("P1", "Zed", {"fit": 3}, "not a cabinet member"),
        ("S1", "Ana", {"fit": 3}, "the cabinet rates programs"),
    ],
)
def test_bad_ratings_are_refused(item: str, member: str, scores: dict, message: str) -> None:  # type: ignore[type-arg]
    d = district()
    with pytest.raises(DistrictError, match=message):
        rate(d, item, member, scores)
    assert d.records_of("ratings") == {}


def test_clearing_and_removing_a_member_with_ratings_undoes_in_one_step() -> None:
    d = district()
    rate(d, "P1", "Ana", {"fit": 3, "need": 2}).do(d)
    rate(d, "P1", "Ana", {"fit": None}).do(d)
    assert d.record("ratings", "P1|Ana") == {"need": 2}
    cmd = remove_member(d, "Ana")
    cmd.do(d)
    assert d.records_of("ratings") == {} and "Ana" not in [m.name for m in members(d)]
    cmd.undo(d)
    assert d.record("ratings", "P1|Ana") == {"need": 2}
