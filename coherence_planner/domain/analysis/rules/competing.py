"""Rule 4: competing programs, and the data-gap hint of programs that might compete.

Two live programs compete when they share a goal, a type (known) and a tier, and their
grades, subjects, populations and schools all overlap, or when a conflicts link joins them;
a competing group is a connected set of compete pairs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.analysis.gaps import type_known
from coherence_planner.domain.analysis.rules.context import RuleContext
from coherence_planner.domain.analysis.rules.overlap import (
    Profile,
    WordEncoder,
    candidate_pairs,
    overlaps,
)
from coherence_planner.domain.model.items import Link, Program

MIGHT_COMPETE_LIMIT = 5  # partners named per program: enough to act on, short to read


@dataclass(frozen=True)
class Competition:
    """Rule 4's findings: the live programs' profiles, every compete pair with what it
    shares ({"criteria": the overlap, "conflict": the rationale}), and the groups (each a set
    of ids; `group_of` gives each member its group's number)."""

    profiles: dict[str, Profile]
    pairs: dict[tuple[str, str], dict[str, Any]]
    groups: list[set[str]]
    group_of: dict[str, int]


def find_competition(context: RuleContext) -> Competition:
    profiles = {
        i: Profile.of(item, context.masks[i])
        for i, item in sorted(context.live.items())
        if isinstance(item, Program)
    }
    encoder = WordEncoder()
    for profile in profiles.values():
        encoder.encode(profile)
    pairs = _compete_pairs(profiles, context.conflict_links)
    groups, group_of = _components(pairs)
    return Competition(profiles, pairs, groups, group_of)


def pair(a: str, b: str) -> tuple[str, str]:
    """The key of a pair of programs: the two ids in order."""
    return (a, b) if a < b else (b, a)


def _compete_pairs(
    profiles: dict[str, Profile], conflict_links: list[Link]
) -> dict[tuple[str, str], dict[str, Any]]:
    """Every compete pair with what it shares.

    Programs are grouped by (type, tier), and within a group only programs whose goal masks
    meet and whose attribute words all meet are compared (candidate_pairs, with the goal mask
    as a fifth column): each pair is screened once, however many goals it shares, instead
    of once per shared goal; near-linear on real districts instead of all pairs.
    """
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    groups: dict[tuple[str, int | None], list[Profile]] = defaultdict(list)
    for program_id in sorted(profiles):
        profile = profiles[program_id]
        if profile.mask and type_known(profile.program):
            groups[(profile.program.type, profile.program.tier)].append(profile)
        # An unknown type competes by an explicit conflict only (below).
    for members in groups.values():
        # Members are in id order and each candidate comes as (earlier, later): already
        # the pair's key order.
        for a, b in candidate_pairs(members, by_goal=True):
            shared = overlaps(a, b)
            if shared is not None:
                pairs[(a.program.id, b.program.id)] = {"criteria": shared}
    for link in conflict_links:
        if link.src in profiles and link.dst in profiles:
            key = pair(link.src, link.dst)
            pairs.setdefault(key, {})["conflict"] = link.rationale
    return pairs


def might_compete(competition: Competition) -> dict[str, tuple[str, ...]]:
    """Pairs that rule 4 would make compete if an unknown type were filled in with the
    other's type (or, both unknown, with the same one): same tier, a shared goal, and
    overlapping grades, subjects, populations and schools. Only pairs with an unknown type
    are looked at, bucketed by (tier, goal) like the rule itself."""
    profiles, pairs = competition.profiles, competition.pairs
    buckets: dict[tuple[int | None, int], list[Profile]] = defaultdict(list)
    for program_id in sorted(profiles):
        profile = profiles[program_id]
        bits = profile.mask
        while bits:
            low_bit = bits & -bits
            buckets[(profile.program.tier, low_bit)].append(profile)
            bits ^= low_bit
    found: dict[str, set[str]] = defaultdict(set)
    for members in buckets.values():
        if all(type_known(m.program) for m in members):
            continue
        for a, b in candidate_pairs(members):
            known_a, known_b = type_known(a.program), type_known(b.program)
            if known_a and known_b:
                continue
            ida, idb = a.program.id, b.program.id
            if idb in found[ida] or ida in found[idb] or pair(ida, idb) in pairs:
                continue
            # Listed under the program whose type is missing: that is where it is filled in.
            open_a = not known_a and len(found[ida]) < MIGHT_COMPETE_LIMIT
            open_b = not known_b and len(found[idb]) < MIGHT_COMPETE_LIMIT
            if not (open_a or open_b) or overlaps(a, b) is None:
                continue
            if open_a:
                found[ida].add(idb)
            if open_b:
                found[idb].add(ida)
    return {i: tuple(sorted(others)) for i, others in sorted(found.items()) if others}


def _components(pairs: dict[tuple[str, str], Any]) -> tuple[list[set[str]], dict[str, int]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in pairs:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    by_root: dict[str, set[str]] = defaultdict(set)
    for x in parent:
        by_root[find(x)].add(x)
    groups = [by_root[root] for root in sorted(by_root)]
    group_of = {x: n for n, members in enumerate(groups) for x in members}
    return groups, group_of
