"""The map layout: every live item placed once, no overlaps, determinism, known optima."""

from __future__ import annotations

import copy
import json
import random
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate_district import generate
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.layout.crossings import count_crossings
from coherence_planner.domain.layout.geometry import (
    CARD_H,
    CARD_W,
    GOAL_H,
    GOAL_W,
    NAME_TEXT,
    ORPHAN_LABEL,
    LayoutError,
    LayoutOptions,
    MapLayout,
    card_facts,
    card_name_lines,
    line_of_sight,
)
from coherence_planner.domain.layout.pipeline import layout_map, line_of_sight_layout
from coherence_planner.domain.model import codec
from coherence_planner.domain.model.district import District
from tests.factories import b, con, district_dict, g, make, p, s, sup

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "samples" / "riverside.json"


def _lay(district: District, **kwargs: Any) -> MapLayout:
    return layout_map(district, analyse(district), **kwargs)


def _overlaps(layout: MapLayout) -> list[tuple[str, str]]:
    cards = sorted(layout.cards.values(), key=lambda c: (c.x, c.y))
    found = []
    for a, c in combinations(cards, 2):
        if a.x < c.x + c.w and c.x < a.x + a.w and a.y < c.y + c.h and c.y < a.y + a.h:
            found.append((a.id, c.id))
    return found


def _snapshot(layout: MapLayout) -> tuple[Any, ...]:
    return (
        sorted((c.id, c.x, c.y, c.layer, c.region) for c in layout.cards.values()),
        sorted((e.src, e.dst, e.kind, e.points) for e in layout.edges),
        layout.width,
        layout.height,
    )


@pytest.fixture(scope="module")
def sample() -> District:
    return codec.district_from_dict(json.loads(SAMPLE.read_text(encoding="utf-8")))


def test_every_live_item_placed_once_without_overlap_and_retired_left_out(
    sample: District,
) -> None:
    layout = _lay(sample)
    live = {i for i, item in sample.items.items() if item.live}
    assert set(layout.cards) == live
    assert _overlaps(layout) == []
    for card in layout.cards.values():
        goal = sample.items[card.id].kind == "goal"
        assert (card.w, card.h) == ((GOAL_W, GOAL_H) if goal else (CARD_W, CARD_H))
        assert card.x >= 0 and card.x + card.w <= layout.width
        assert card.y >= 0 and card.y + card.h <= layout.height


def test_orphans_sit_in_the_labelled_region(sample: District) -> None:
    analysis = analyse(sample)
    layout = layout_map(sample, analysis)
    region = next(r for r in layout.regions if r.key == "orphans")
    assert layout.orphan_band == region
    orphan_ids = {o.id for o in analysis.orphans}
    money = analysis.resources.orphan_cost
    assert money > 0 and layout.orphan_money == money
    assert (
        region.label == f"{ORPHAN_LABEL} · {len(orphan_ids)} items · ${money / 1000:,.0f}K a year"
    )
    assert orphan_ids
    for item_id, card in layout.cards.items():
        inside = (
            region.x <= card.x
            and card.x + card.w <= region.x + region.w
            and region.y <= card.y
            and card.y + card.h <= region.y + region.h
        )
        assert inside == (item_id in orphan_ids), item_id
        assert (card.region == "orphans") == (item_id in orphan_ids)


def test_one_lane_per_goal_read_left_to_right_from_the_goal(sample: District) -> None:
    analysis = analyse(sample)
    layout = layout_map(sample, analysis, options=LayoutOptions(aspect=None))
    goals = [i for i, it in sample.items.items() if it.kind == "goal" and it.live]
    assert sorted(lane.goal for lane in layout.lanes) == sorted(goals)
    # One column of lanes, stacked without overlap, each goal at the left of its own lane.
    assert len({lane.x for lane in layout.lanes}) == 1
    for upper, lower in zip(layout.lanes, layout.lanes[1:], strict=False):
        assert upper.y + upper.h < lower.y
    for lane in layout.lanes:
        goal = layout.cards[lane.goal]
        assert goal.lane == lane.goal and goal.layer == 0
        assert lane.money == analysis.resources.by_goal[lane.goal]
        inside = [c for c in layout.cards.values() if c.lane == lane.goal]
        assert lane.items == len(inside) - 1
        for card in inside:
            assert lane.x <= card.x and card.x + card.w <= lane.x + lane.w
            assert lane.y <= card.y and card.y + card.h <= lane.y + lane.h
            assert card.x >= goal.x
    # Columns by kind, as in a driver diagram: goals, strategies, strategies serving a
    # strategy, then programs and policies in their lane's last column; every supports link
    # runs from the supporter, on the right, to what it supports, or beside the column
    # between two cards of one column.
    kinds = {i: it.kind for i, it in sample.items.items()}
    secondary = {
        ln.src
        for ln in sample.links.values()
        if ln.kind == "supports" and kinds[ln.src] == kinds[ln.dst] == "strategy"
    }
    placed = [c for c in layout.cards.values() if c.region == "map"]
    deep = {c.lane for c in placed if c.id in secondary}
    for card in placed:
        kind = kinds[card.id]
        column = 3 if card.lane in deep else 2
        if kind != "program" and kind != "policy":
            column = {"goal": 0, "strategy": 2 if card.id in secondary else 1}[kind]
        assert card.layer == column, card.id
    for edge in layout.edges:
        src, dst = layout.cards[edge.src], layout.cards[edge.dst]
        if edge.kind == "supports" and src.region == "map" and src.lane == dst.lane:
            if src.layer == dst.layer:
                beside = max(x for x, _ in edge.points)
                assert beside > src.x + src.w and edge.points[-1][0] == dst.x + dst.w
            else:
                assert src.layer > dst.layer or edge.points[0][0] < edge.points[-1][0]


def test_lanes_are_flowed_whole_toward_a_projector_and_goals_appear_once(
    sample: District,
) -> None:
    tall = _lay(sample, options=LayoutOptions(aspect=None))
    flowed = _lay(sample)
    assert tall.height / tall.width > 2
    assert len({lane.x for lane in flowed.lanes}) > 1
    assert flowed.width / flowed.height > tall.width / tall.height
    assert set(flowed.cards) == set(tall.cards)
    assert not _overlaps(flowed)
    heading = [r.label for r in flowed.regions if r.key.startswith("column:0")]
    assert heading == ["Goals"] * len({lane.x for lane in flowed.lanes})
    for lane in flowed.lanes:
        for other in flowed.lanes:
            if other is not lane:
                assert not (
                    lane.x < other.x + other.w
                    and other.x < lane.x + lane.w
                    and lane.y < other.y + other.h
                    and other.y < lane.y + lane.h
                )
    assert _snapshot(flowed) == _snapshot(_lay(sample))


def test_an_item_serving_two_goals_stands_once_at_the_edge_nearest_the_other() -> None:
    district = make(
        goals=[g("G1"), g("G2")],
        strategies=[s("S1"), s("S2"), s("S3"), s("S4")],
        programs=[p(f"P{n}") for n in range(1, 8)],
        links=[
            sup("S1", "G1"), sup("S2", "G1"), sup("S3", "G2"), sup("S4", "G2"),
            sup("P1", "S1"), sup("P2", "S1"), sup("P3", "S2"), sup("P4", "S3"),
            sup("P5", "S4"), sup("P6", "S4"),
            sup("P7", "S2"), sup("P7", "S3"),  # serves both goals
        ],
    )  # fmt: skip
    layout = _lay(district, options=LayoutOptions(aspect=None))
    lanes = [lane.goal for lane in layout.lanes]
    p7 = layout.cards["P7"]
    column = sorted(
        (c for c in layout.cards.values() if c.layer == p7.layer and c.lane == p7.lane),
        key=lambda c: c.y,
    )
    # In the upper lane it is the lowest card; in the lower lane the highest.
    assert column[-1 if p7.lane == lanes[0] else 0] is p7
    assert {(e.src, e.dst) for e in layout.edges if e.src == "P7"} == {("P7", "S2"), ("P7", "S3")}
    assert count_crossings(layout.centre_segments()) == 0


def test_competing_programs_stand_together_under_a_bracket() -> None:
    district = make(
        goals=[g("G1")],
        strategies=[s("S1")],
        programs=[
            p("P1", type="intervention", tier=2, grades=["K-3"], subjects=["ela"]),
            p("P2", type="enrichment", grades=["9-12"], subjects=["arts"]),
            p("P3", type="intervention", tier=2, grades=["K-3"], subjects=["ela"]),
        ],
        links=[sup("S1", "G1"), sup("P1", "S1"), sup("P2", "S1"), sup("P3", "S1")],
    )
    analysis = analyse(district)
    assert analysis.group_of.keys() == {"P1", "P3"}
    layout = layout_map(district, analysis)
    (bracket,) = layout.brackets
    assert set(bracket.ids) == {"P1", "P3"}
    top, bottom = (layout.cards[i] for i in bracket.ids)
    assert bottom.y - (top.y + top.h) < CARD_H  # nothing between them
    assert bracket.x > top.x + top.w
    assert bracket.y == top.y and bracket.y + bracket.h == bottom.y + bottom.h


def test_goal_statements_are_the_largest_text() -> None:
    assert NAME_TEXT["goal"].size == max(t.size for t in NAME_TEXT.values())


def test_links_run_between_cards_not_through_them(sample: District) -> None:
    layout = _lay(sample)
    for edge in layout.edges:
        if edge.kind != "supports":
            continue
        for (x1, y1), (x2, y2) in zip(edge.points, edge.points[1:], strict=False):
            for card in layout.cards.values():
                if card.id in (edge.src, edge.dst):
                    continue
                # Every polyline piece is horizontal inside a column or runs in a gap.
                if y1 == y2 and card.y < y1 < card.y + card.h:
                    assert x2 <= card.x or x1 >= card.x + card.w or x1 == x2, (edge, card)


def test_retired_items_can_be_shown_greyed_in_their_own_region() -> None:
    district = make(
        goals=[g("G1")],
        programs=[p("P1"), p("P2", status="retired")],
        links=[sup("P1", "G1"), sup("P2", "G1")],
    )
    assert set(_lay(district).cards) == {"G1", "P1"}
    shown = _lay(district, options=LayoutOptions(show_retired=True))
    assert shown.cards["P2"].region == "retired"
    assert any(r.key == "retired" for r in shown.regions)
    assert not any("P2" in (e.src, e.dst) for e in shown.edges)


def test_same_input_and_shuffled_input_give_the_same_layout() -> None:
    raw = generate(150, seed=3)
    first = _lay(codec.district_from_dict(copy.deepcopy(raw)))
    assert _snapshot(first) == _snapshot(_lay(codec.district_from_dict(copy.deepcopy(raw))))
    rng = random.Random(5)
    for key in ("goals", "strategies", "programs", "policies", "links"):
        rng.shuffle(raw[key])
    assert _snapshot(first) == _snapshot(_lay(codec.district_from_dict(raw)))


def test_generated_district_has_no_overlaps_and_places_every_live_item() -> None:
    district = codec.district_from_dict(generate(300, seed=2))
    layout = _lay(district)
    assert set(layout.cards) == {i for i, it in district.items.items() if it.live}
    assert _overlaps(layout) == []


def _crossings(district: District) -> int:
    return count_crossings(_lay(district).centre_segments())


def test_a_tree_drawn_in_a_tangled_input_order_has_no_crossings() -> None:
    district = make(
        goals=[g("G1"), g("G2")],
        strategies=[s("S1"), s("S2"), s("S3"), s("S4")],
        programs=[p(f"P{n}") for n in range(1, 9)],
        links=[
            sup("S1", "G2"), sup("S2", "G1"), sup("S3", "G2"), sup("S4", "G1"),
            sup("P1", "S4"), sup("P2", "S1"), sup("P3", "S3"), sup("P4", "S2"),
            sup("P5", "S1"), sup("P6", "S4"), sup("P7", "S2"), sup("P8", "S3"),
        ],
    )  # fmt: skip
    assert _crossings(district) == 0


def test_k22_between_programs_and_strategies_has_its_one_unavoidable_crossing() -> None:
    district = make(
        goals=[g("G1")],
        strategies=[s("S1"), s("S2")],
        programs=[p("P1"), p("P2")],
        links=[
            sup("S1", "G1"), sup("S2", "G1"),
            sup("P1", "S1"), sup("P1", "S2"), sup("P2", "S1"), sup("P2", "S2"),
        ],
    )  # fmt: skip
    assert _crossings(district) == 1


def test_a_chain_with_a_shortcut_and_a_policy_is_drawn_planar() -> None:
    # P1 -> P2 -> S1 -> G1 with P1 -> G1 directly, and a policy on S2: planar, so 0. The
    # two programs share the programs' column, P1's link to P2 drawn beside it.
    district = make(
        goals=[g("G1")],
        strategies=[s("S1"), s("S2")],
        programs=[p("P1"), p("P2")],
        policies=[b("B1")],
        links=[
            sup("P1", "P2"), sup("P2", "S1"), sup("S1", "G1"), sup("P1", "G1"),
            sup("B1", "S2"), sup("S2", "G1"),
        ],
    )  # fmt: skip
    layout = _lay(district)
    assert layout.cards["P1"].layer == layout.cards["P2"].layer > layout.cards["S1"].layer
    assert count_crossings(layout.centre_segments()) == 0


def test_secondary_drivers_stand_in_their_own_column_only_in_their_lanes() -> None:
    # Issue 26: a strategy serving a strategy stands between the strategies and the programs,
    # as a driver diagram's secondary drivers do; a longer chain folds into that column, its
    # link drawn beside it; a lane with no secondary driver keeps its programs in the third
    # column.
    district = make(
        goals=[g("G1"), g("G2")],
        strategies=[s("S1"), s("S2"), s("S3"), s("S4")],
        programs=[p(f"P{n}") for n in range(1, 6)],
        links=[
            sup("S1", "G1"), sup("S2", "S1"), sup("S3", "S2"), sup("S4", "G2"),
            sup("P1", "S2"), sup("P2", "S1"), sup("P3", "S3"), sup("P4", "S4"),
            sup("P5", "S4"),
        ],
    )  # fmt: skip
    layout = _lay(district, options=LayoutOptions(aspect=None))
    layer = {i: c.layer for i, c in layout.cards.items()}
    assert layer == {
        "G1": 0, "S1": 1, "S2": 2, "S3": 2, "P1": 3, "P2": 3, "P3": 3,
        "G2": 0, "S4": 1, "P4": 2, "P5": 2,
    }  # fmt: skip
    cards = layout.cards
    assert cards["S1"].x < cards["S2"].x < cards["P1"].x
    assert cards["P4"].x == cards["S2"].x  # the lane without one is not a column wider
    chain = next(e for e in layout.edges if (e.src, e.dst) == ("S3", "S2"))
    assert max(x for x, _ in chain.points) > cards["S2"].x + cards["S2"].w  # drawn beside
    assert count_crossings(layout.centre_segments()) == 0
    headings = [r.label for r in layout.regions if r.key.startswith("column:")]
    assert headings == [
        "Goals", "Strategies", "Strategies, programs & policies", "Programs & policies"
    ]  # fmt: skip
    alone = line_of_sight_layout(district, analyse(district), "G1")
    headings = [r.label for r in alone.regions if r.key.startswith("column:")]
    assert headings == ["Goals", "Strategies", "Supporting strategies", "Programs & policies"]


def test_a_program_serving_a_program_of_its_column_stands_beside_it() -> None:
    # Issue 26: the link between them is a short step, not a line down the column.
    district = make(
        goals=[g("G1")],
        strategies=[s("S1")],
        programs=[p(f"P{n}") for n in range(1, 7)],
        links=[sup("S1", "G1"), *(sup(f"P{n}", "S1") for n in range(1, 7)), sup("P6", "P1")],
    )
    layout = _lay(district)
    column = sorted((c.y, i) for i, c in layout.cards.items() if c.layer == 2)
    at = [i for _, i in column]
    assert abs(at.index("P6") - at.index("P1")) == 1
    assert count_crossings(layout.centre_segments()) == 0


def test_cycles_are_drawn_and_every_link_is_kept() -> None:
    district = make(
        goals=[g("G1")],
        strategies=[s("S1"), s("S2"), s("S3")],
        links=[sup("S1", "S2"), sup("S2", "S3"), sup("S3", "S1"), sup("S1", "G1")],
    )
    layout = _lay(district)
    drawn = {(e.src, e.dst) for e in layout.edges}
    assert drawn == {("S1", "S2"), ("S2", "S3"), ("S3", "S1"), ("S1", "G1")}
    assert _overlaps(layout) == []


def test_conflicts_are_drawn_but_do_not_move_cards() -> None:
    base = dict(
        goals=[g("G1")],
        programs=[p("P1"), p("P2")],
    )
    plain = _lay(make(**base, links=[sup("P1", "G1"), sup("P2", "G1")]))
    with_conflict = _lay(make(**base, links=[sup("P1", "G1"), sup("P2", "G1"), con("P2", "P1")]))
    assert plain.cards == with_conflict.cards
    (conflict,) = [e for e in with_conflict.edges if e.kind == "conflicts"]
    assert (conflict.src, conflict.dst) == ("P1", "P2")


def test_line_of_sight_is_the_goal_and_everything_that_reaches_it() -> None:
    district = make(
        goals=[g("G1"), g("G2")],
        strategies=[s("S1"), s("S2")],
        programs=[p("P1"), p("P2"), p("P3", status="retired")],
        links=[
            sup("S1", "G1"), sup("S2", "G2"), sup("P1", "S1"), sup("P2", "S2"),
            sup("P3", "S1"),
        ],
    )  # fmt: skip
    analysis = analyse(district)
    assert line_of_sight(district, analysis, "G1") == {"G1", "S1", "P1"}
    layout = layout_map(district, analysis, goal_focus="G2")
    assert layout.highlight == {"G2", "S2", "P2"}
    with pytest.raises(LayoutError, match="'P1' is not a live goal"):
        line_of_sight(district, analysis, "P1")
    with pytest.raises(LayoutError, match="'G9'"):
        layout_map(district, analysis, goal_focus="G9")


def test_an_empty_district_and_one_without_goals_still_lay_out() -> None:
    assert _lay(make()).cards == {}
    only_orphans = _lay(make(programs=[p("P1"), p("P2")], links=[sup("P1", "P2")]))
    assert {c.region for c in only_orphans.cards.values()} == {"orphans"}
    assert _overlaps(only_orphans) == []


def test_card_text() -> None:
    district = codec.district_from_dict(
        district_dict(
            programs=[p("P1", annual_cost=120000, tier=2, grades=["K-3"])],
            policies=[b("B1", code="BP 6174", adopted_year=2019, status="proposed")],
        )
    )
    assert card_facts(district.get("P1")) == "$120K · Tier 2 · K-3"
    assert card_facts(district.get("B1")) == "BP 6174 · adopted 2019 · proposed"
    lines = card_name_lines("word " * 40)
    assert len(lines) == 3 and lines[-1].endswith("…")


def test_a_goals_line_of_sight_lays_out_alone(sample: District) -> None:
    from coherence_planner.domain.layout.pipeline import line_of_sight_layout

    analysis = analyse(sample)
    layout = line_of_sight_layout(sample, analysis, "G1")
    assert set(layout.cards) == line_of_sight(sample, analysis, "G1")
    assert [lane.goal for lane in layout.lanes] == ["G1"]
    assert layout.orphan_band is None and not _overlaps(layout)
    assert all(e.src in layout.cards and e.dst in layout.cards for e in layout.edges)
