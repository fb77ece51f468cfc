"""A copy of a district that a worker thread can analyse while the user keeps editing."""

from __future__ import annotations

from typing import TypeVar

from coherence_planner.domain.district import District

T = TypeVar("T")


def _shallow(obj: T) -> T:
    # Commands replace field values (with fresh copies) rather than mutate them in place,
    # so copying each object's attribute dictionary is enough to freeze what it holds now.
    clone = object.__new__(type(obj))
    clone.__dict__.update(obj.__dict__)
    return clone


def snapshot(district: District) -> District:
    """A district equal to `district` now, sharing no mutable item or link objects.

    About 20 ms for 2,000 programs and 6,000 links, against 200 ms for copy.deepcopy.
    """
    copy = District(district.name, district.school_year, district.notes)
    for item in district.items.values():
        copy.add_item(_shallow(item), district.seq_of(item.id))
    for link in district.links.values():
        copy.add_link(_shallow(link), district.link_seq_of(link.key))
    return copy
