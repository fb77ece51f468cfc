"""What every rule reads, worked out once: the live items, the goals, which goals each item
reaches through supports links, the conflict links between live items, and the names."""

from __future__ import annotations

from dataclasses import dataclass

from coherence_planner.domain.analysis.reach import bits_to_ids, reach_masks
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Item, Link
from coherence_planner.domain.model.naming import Names


@dataclass(frozen=True)
class RuleContext:
    district: District
    live: dict[str, Item]
    goal_ids: list[str]  # sorted; goal n is bit n of a reach mask
    goal_bits: dict[str, int]
    masks: dict[str, int]  # item id -> the goals it reaches, as bits
    goals_of: dict[str, tuple[str, ...]]
    conflict_links: list[Link]  # between live items, in the district's order
    names: Names

    @classmethod
    def of(cls, district: District) -> RuleContext:
        live: dict[str, Item] = {i: item for i, item in district.items.items() if item.live}
        goal_ids = sorted(i for i, item in live.items() if item.kind == "goal")
        goal_bits = {g: 1 << n for n, g in enumerate(goal_ids)}

        edges: dict[str, list[str]] = {}
        conflict_links = []
        for link in district.links.values():
            if link.src not in live or link.dst not in live:
                continue
            if link.kind == "supports":
                edges.setdefault(link.src, []).append(link.dst)
            else:
                conflict_links.append(link)
        masks = reach_masks(sorted(live), edges, goal_bits)
        # Each distinct mask said once: the items that reach the same goals share a tuple.
        said: dict[int, tuple[str, ...]] = {}
        goals_of = {}
        for i in live:
            bits = masks[i]
            goals = said.get(bits)
            if goals is None:
                goals = said[bits] = tuple(bits_to_ids(bits, goal_ids))
            goals_of[i] = goals
        return cls(
            district=district,
            live=live,
            goal_ids=goal_ids,
            goal_bits=goal_bits,
            masks=masks,
            goals_of=goals_of,
            conflict_links=conflict_links,
            names=Names(district),
        )
