"""One version of a plan as the merge compares it: plain dicts of items, links, district
fields and app records, all in the interchange form the codec writes (and the diff reads).

The base is read from a stored revision, where app records are digests only; the two sides
are read from their districts and keep each record's value as well, to write it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coherence_planner.domain.merge.lineage import LINEAGE, REVISIONS, plan_content
from coherence_planner.domain.model import codec
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import LinkKey, link_key

RecordKey = tuple[str, str]  # (collection, key)


@dataclass
class Side:
    """Items by id (their dict without "id", with "kind"), links by key (a conflicts link's
    ends in key order: the order of its two ends is not a change), the district's fields,
    and app records by (collection, key) as digests, with their values when known."""

    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    links: dict[LinkKey, dict[str, Any]] = field(default_factory=dict)
    district: dict[str, Any] = field(default_factory=dict)
    records: dict[RecordKey, str] = field(default_factory=dict)
    values: dict[RecordKey, Any] = field(default_factory=dict)

    def name_of(self, item_id: str) -> str | None:
        item = self.items.get(item_id)
        return str(item.get("name", "")) if item is not None else None


def link_entry(raw: dict[str, Any]) -> tuple[LinkKey, dict[str, Any]]:
    entry = dict(raw)
    key = link_key(str(entry.get("kind", "supports")), str(entry["from"]), str(entry["to"]))
    if key[0] == "conflicts":
        entry["from"], entry["to"] = key[1], key[2]
    return key, entry


def side_from_content(content: dict[str, Any]) -> Side:
    """A side from a revision's content (plan_content's form), whose item dicts it takes
    over: plan_content and unpack make them afresh for each merge, and copying 2,000
    programs' dicts cost a tenth of the merge."""
    side = Side()
    items = side.items
    for section, kind in codec.SECTIONS:
        for entry in content.get(section) or []:
            item_id = str(entry.pop("id"))
            entry["kind"] = kind
            items[item_id] = entry
    for raw in content.get("links") or []:
        key, entry = link_entry(raw)
        side.links[key] = entry
    side.district = {k: v for k, v in (content.get("district") or {}).items() if k != LINEAGE}
    for collection, table in (content.get("records") or {}).items():
        for key, value in table.items():
            side.records[(collection, key)] = str(value)
    return side


def side_from_district(district: District, content: dict[str, Any] | None = None) -> Side:
    """A side from an open district; `content` is its plan_content when already made."""
    side = side_from_content(content if content is not None else plan_content(district))
    for collection, table in district.records.items():
        if collection != REVISIONS:
            for key, value in table.items():
                side.values[(collection, key)] = value
    return side
