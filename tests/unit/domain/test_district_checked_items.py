"""District.add_checked_items, the bulk add a plan's reader uses once it has made the checks,
leaves the district as add_item one by one does: the items, their places, the next place,
and an empty set of links for each."""

from __future__ import annotations

from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal, Item, Link, Policy, Program


def state(district: District) -> tuple[object, ...]:
    return (
        list(district.items.items()),
        dict(district._seq),
        district._next_seq,
        dict(district._links_by_item),
        [item.id for item in district.ordered_items()],
    )


def test_checked_items_are_added_as_one_by_one() -> None:
    def items() -> list[Item]:
        return [Program(id="P2", name="Two"), Program(id="P1", name="One"), Goal("G9", "Nine")]

    seqs = [7, 3, 12]
    one_by_one, at_once = District(), District()
    for district in (one_by_one, at_once):
        district.add_item(Goal("G1", "First"), 0)
    for item, seq in zip(items(), seqs, strict=True):
        one_by_one.add_item(item, seq)
    at_once.add_checked_items(items(), seqs)
    assert state(at_once) == state(one_by_one)
    assert at_once._next_seq == 13
    # A new item goes after them, and links can join them, as after add_item.
    for district in (one_by_one, at_once):
        district.add_item(Program(id="P3", name="Three"))
        district.add_link(Link("P1", "G9"))
    assert state(at_once) == state(one_by_one)
    at_once.add_checked_items([], [])
    assert state(at_once) == state(one_by_one)


def test_items_of_follows_items_added_at_once_and_replaced() -> None:
    """items_of remembers its answers: every way an item comes, goes or changes kind
    (add_checked_items, replace_item) must be seen by the next call."""
    district = District()
    district.add_item(Goal(id="G1", name="Readers"))
    assert [i.id for i in district.items_of("program")] == []
    district.add_checked_items([Program(id="P1", name="Tutoring")], [5])
    assert [i.id for i in district.items_of("program")] == ["P1"]
    district.replace_item(Policy(id="P1", name="Tutoring"))
    assert [i.id for i in district.items_of("program")] == []
    assert [i.id for i in district.items_of("policy")] == ["P1"]
