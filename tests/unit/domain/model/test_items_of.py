"""District.items_of remembers its answers until an item comes or goes (issue 29): the
answers stay right through adds, removals and undo's re-adds at an earlier place, and each
caller gets a list of its own."""

from __future__ import annotations

from coherence_planner.domain.model.commands import AddItem, RemoveItems
from tests.factories import g, make, p


def _ids(items: list) -> list[str]:  # type: ignore[type-arg]
    return [item.id for item in items]


def test_items_of_follows_adds_removals_and_undo() -> None:
    district = make(goals=[g("G1")], programs=[p("P1"), p("P2"), p("P3")])
    assert _ids(district.items_of("program")) == ["P1", "P2", "P3"]
    removal = RemoveItems(district, ["P2"])
    removal.do(district)
    assert _ids(district.items_of("program")) == ["P1", "P3"]
    removal.undo(district)  # back in its own place, not at the end
    assert _ids(district.items_of("program")) == ["P1", "P2", "P3"]
    new = make(programs=[p("P9")]).get("P9")
    AddItem(new).do(district)
    assert _ids(district.items_of("program")) == ["P1", "P2", "P3", "P9"]
    assert _ids(district.items_of("goal")) == ["G1"]


def test_each_caller_gets_a_list_of_its_own() -> None:
    district = make(programs=[p("P1"), p("P2")])
    mine = district.items_of("program")
    mine.reverse()
    mine.append(mine[0])
    assert _ids(district.items_of("program")) == ["P1", "P2"]
