"""District.copy: the frozen copy a worker thread analyses while the user edits on."""

from __future__ import annotations

from benchmarks.generate_district import generate
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model import codec
from coherence_planner.domain.model.commands import (
    AddLink,
    RemoveItems,
    SetItemFields,
    SetLinkFields,
)
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Link


def _plan() -> District:
    district = codec.district_from_dict(generate(40, 3))
    district.put_record("ratings", "m1", {"P1": 3})
    return district


def test_copy_equals_the_original_in_content_order_and_indexes() -> None:
    district = _plan()
    twin = district.copy()
    assert codec.district_to_dict(twin) == codec.district_to_dict(district)
    assert [i.id for i in twin.ordered_items()] == [i.id for i in district.ordered_items()]
    assert [ln.key for ln in twin.ordered_links()] == [ln.key for ln in district.ordered_links()]
    for item_id in district.items:
        assert [ln.key for ln in twin.links_of(item_id)] == [
            ln.key for ln in district.links_of(item_id)
        ]
    assert twin.records == district.records
    assert analyse(twin) == analyse(district)


def test_edits_after_the_copy_do_not_reach_it() -> None:
    district = _plan()
    program = district.items_of("program")[0]
    link = district.links_of(program.id)[0]
    goal = district.items_of("goal")[0]
    before = codec.district_to_dict(district)
    twin = district.copy()
    SetItemFields(district, program.id, {"annual_cost": 123}).do(district)
    SetLinkFields(district, link.key, {"rationale": "changed"}).do(district)
    other = next(p for p in district.items_of("program") if p.id != program.id)
    if not any(ln.dst == goal.id for ln in district.supports_from(other.id)):
        AddLink(district, Link(other.id, goal.id)).do(district)
    district.put_record("ratings", "m2", {"P2": 1})
    RemoveItems(district, [district.items_of("policy")[0].id]).do(district)
    assert codec.district_to_dict(twin) == before
    assert twin.records_of("ratings") == {"m1": {"P1": 3}}
    assert twin.links[link.key].rationale != "changed"
    assert twin.items[program.id] is not district.items[program.id]


def test_school_names_are_every_school_programs_name_once_sorted() -> None:
    from tests.factories import make, p

    district = make(
        programs=[
            p("P1", schools=["Maple", "Adams"]),
            p("P2", schools=["Adams"]),
            p("P3"),  # district-wide
        ]
    )
    assert district.school_names() == ["Adams", "Maple"]
