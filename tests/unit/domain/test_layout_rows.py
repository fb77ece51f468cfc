"""A lane with many programs stands them in rows, each strategy's in rows of their own, so
a large plan is not a strip; a lane of a few keeps its one column (issue 26)."""

from __future__ import annotations

from itertools import combinations

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.layout.crossings import count_crossings
from coherence_planner.domain.layout.geometry import MapLayout
from coherence_planner.domain.layout.pipeline import layout_map
from coherence_planner.domain.layout.rows import PACK_FROM
from coherence_planner.domain.model.district import District
from tests.factories import g, make, p, s, sup


def _lane(per_strategy: list[int], long_name: str = "") -> District:
    programs, links = [], [sup(f"S{k}", "G1") for k in range(len(per_strategy))]
    for k, count in enumerate(per_strategy):
        for n in range(count):
            named = {"name": long_name} if long_name and not k and not n else {}
            programs.append(p(f"P{k}-{n}", **named))
            links.append(sup(f"P{k}-{n}", f"S{k}"))
    strategies = [s(f"S{k}") for k in range(len(per_strategy))]
    return make(goals=[g("G1")], strategies=strategies, programs=programs, links=links)


def _layout(district: District) -> MapLayout:
    return layout_map(district, analyse(district))


def test_a_lane_of_many_programs_stands_each_strategys_in_rows_of_their_own() -> None:
    layout = _layout(_lane([23, 17, 9, 11]))
    programs = [c for c in layout.cards.values() if c.id.startswith("P")]
    rows: dict[float, set[str]] = {}
    for card in programs:
        rows.setdefault(card.y, set()).add(card.id.split("-")[0])
    assert len(rows) < len(programs) / 2  # side by side, not one column
    assert all(len(strategies) == 1 for strategies in rows.values())
    assert not [
        (a.id, b.id)
        for a, b in combinations(layout.cards.values(), 2)
        if a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h
    ]
    # Each strategy stands level with its own rows: its links cross no other's.
    assert count_crossings(layout.centre_segments()) == 0
    assert layout.height < len(programs) * 84 / 3


def test_a_lane_of_a_few_programs_keeps_its_one_column() -> None:
    layout = _layout(_lane([PACK_FROM // 2, PACK_FROM // 2]))
    assert len({c.x for c in layout.cards.values() if c.id.startswith("P")}) == 1


def test_a_card_in_a_row_is_a_name_high_and_shows_one_line_of_it() -> None:
    from coherence_planner.domain.layout.geometry import ROW_CARD_H, card_text

    district = _lane([45], "A program whose name is far too long for one line")
    layout = _layout(district)
    card = layout.cards["P0-0"]
    assert card.row and card.h == ROW_CARD_H
    assert not layout.cards["S0"].row
    names, cycle = card_text(district.items["P0-0"], None, card.row)
    assert len(names) == 1 and names[0].endswith("…") and not cycle
