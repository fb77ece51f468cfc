"""Domain objects to the plain dicts of the interchange format, as this app writes them."""

from __future__ import annotations

from typing import Any

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model.codec.sections import FORMAT, INDICATOR_KEYS, SECTIONS, VERSION
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Indicator, Item, Link


def indicator_to_dict(ind: Indicator) -> dict[str, Any]:
    out: dict[str, Any] = {key: getattr(ind, key) for key in INDICATOR_KEYS}
    out.update(ind.extra)
    return out


def item_to_dict(item: Item) -> dict[str, Any]:
    """The item as the interchange format writes it: id, then every field, then extras."""
    out: dict[str, Any] = {"id": item.id}
    for spec in F.fields_of(item.kind):
        value = getattr(item, spec.name)
        if spec.type == F.GUESSED and not value:
            # Written only when something is guessed: a missing `guessed` is the empty list
            # (district-format.md), so plans and exports without guesses stay as they were.
            continue
        if spec.type == F.INDICATORS:
            value = [indicator_to_dict(ind) for ind in value]
        elif spec.type == F.CYCLES:
            value = [F.clean_cycle(cycle) for cycle in value]
        elif isinstance(value, list):
            value = list(value)
        out[spec.name] = value
    out.update(item.extra)
    return out


def link_to_dict(link: Link) -> dict[str, Any]:
    out: dict[str, Any] = {
        "from": link.src,
        "to": link.dst,
        "kind": link.kind,
        "strength": link.strength,
        "rationale": link.rationale,
    }
    out.update(link.extra)
    return out


def district_to_dict(district: District) -> dict[str, Any]:
    info: dict[str, Any] = {
        "name": district.name,
        "school_year": district.school_year,
        "notes": district.notes,
    }
    info.update(district.extra)
    out: dict[str, Any] = {"format": FORMAT, "version": VERSION, "district": info}
    for section, kind in SECTIONS:
        out[section] = [item_to_dict(item) for item in district.items_of(kind)]
    out["links"] = [link_to_dict(link) for link in district.ordered_links()]
    return out
