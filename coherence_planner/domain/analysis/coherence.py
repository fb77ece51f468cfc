"""The coherence analysis of coherence-rules.md, version 2.1: one engine for every view.

The findings panel, the map's flags, the PDF report, the spreadsheet export and
`coherence-planner check` all read the `Analysis` this module computes. Every finding carries
a reason a superintendent can read aloud: items are named by their names, never by their ids
(an id is added only where two items share a name, so the sentence still says which one).

Version 2 over version 1: a program whose type is unknown (`other`) competes with nothing by
type, and an item marked `required` ranks with the cabinet's keep and is never a removal
candidate (a required orphan is still an orphan, and its reason says it must be linked).

Version 2.1 over version 2: a required program is always kept, even beside another kept
program it competes with (the law allows no "not kept" there), and a type listed in the
program's `guessed` counts as unknown, so a guess made at import never makes a program a
removal candidate before a person confirms it.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from coherence_planner.domain.analysis.gaps import rule_gaps, type_known
from coherence_planner.domain.analysis.reach import bits_to_ids, reach_masks
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.collector import collector_paused
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Item, Program
from coherence_planner.domain.model.naming import Names
from coherence_planner.domain.model.wording import aside, join_words, money

ORPHAN_REASON = "not linked to any student-learning goal"
REQUIRED_ORPHAN_REASON = (
    "required by law, but not linked to any student-learning goal: link it to the goal it serves"
)
# How a required program's place in its competing group is said (rule 5, version 2.1).
KEPT_BY_LAW = "kept: required by law"


@dataclass(frozen=True)
class Orphan:
    id: str
    kind: str
    name: str
    reason: str


@dataclass(frozen=True)
class Conflict:
    a: str
    b: str
    rationale: str


@dataclass(frozen=True)
class CompetingGroup:
    """Programs that chase the same goal for the same students, best-ranked first."""

    members: tuple[str, ...]
    kept: tuple[str, ...]
    goals: tuple[str, ...]


@dataclass(frozen=True)
class RemovalCandidate:
    id: str
    kind: str
    name: str
    reasons: tuple[str, ...]
    annual_cost: float | int | None
    fte: float | int | None


@dataclass(frozen=True)
class Resources:
    total_cost: float
    aligned_cost: float
    orphan_cost: float
    freed_cost: float
    freed_fte: float
    by_goal: dict[str, float]


@dataclass
class Analysis:
    """Everything the rules find, plus the indexes views need to draw flags quickly."""

    goals_of: dict[str, tuple[str, ...]]
    orphans: list[Orphan]
    unsupported_goals: list[str]
    conflicts: list[Conflict]
    competing: list[CompetingGroup]
    removal_candidates: list[RemovalCandidate]
    resources: Resources
    not_kept_reasons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Programs that would compete if a missing type were filled in (a data gap, not a
    # finding of the rules): program id -> the others, by id, at most MIGHT_COMPETE_LIMIT.
    might_compete: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Every compete pair (ids in order) -> {"criteria": what they share, "conflict": why}.
    pairs: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    group_of: dict[str, int] = field(default_factory=dict)
    # Required programs in competing groups: kept whatever they compete with (rule 5, 2.1).
    kept_by_law: frozenset[str] = frozenset()
    _flags: dict[str, set[str]] = field(default_factory=dict)

    def flags_of(self, item_id: str) -> set[str]:
        """Flags to draw on an item: orphan, unsupported, conflict, competing, kept,
        not-kept, removal."""
        return self._flags.get(item_id, set())

    def orphan(self, item_id: str) -> Orphan | None:
        return next((o for o in self.orphans if o.id == item_id), None)

    def candidate(self, item_id: str) -> RemovalCandidate | None:
        return next((c for c in self.removal_candidates if c.id == item_id), None)


# ------------------------------------------------------------------------------ overlap

_ALL = None  # an attribute set that means "everything"


def _slug_set(values: list[str]) -> frozenset[str] | None:
    if not values or "all" in values:
        return _ALL
    return frozenset(values)


def _grade_set(values: list[str]) -> frozenset[str] | None:
    return _grade_set_of(tuple(values))


@functools.lru_cache(maxsize=1024)
def _grade_set_of(values: tuple[str, ...]) -> frozenset[str] | None:
    """Remembered: a district writes the same few grade lists over and over."""
    tokens = vocab.grade_set(values)
    return _ALL if tokens == vocab.ALL_GRADES else tokens


def _shared(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | bool | None:
    """The overlap of two attribute sets: _ALL when both mean everything, a set otherwise,
    False when they do not overlap."""
    if a is _ALL:
        return b
    if b is _ALL:
        return a
    common = a & b
    return common if common else False


@dataclass
class _Profile:
    """A live program's comparison attributes, computed once."""

    program: Program
    mask: int
    grades: frozenset[str] | None
    subjects: frozenset[str] | None
    populations: frozenset[str] | None
    schools: frozenset[str] | None
    # One 64-bit word per attribute: a bit per value (values past 64 share bits, so two
    # words that meet are only candidates, confirmed by _overlaps). "Everything" is all ones.
    words: tuple[int, int, int, int] = (0, 0, 0, 0)

    @classmethod
    def of(cls, program: Program, mask: int) -> _Profile:
        return cls(
            program,
            mask,
            _grade_set(program.grades),
            _slug_set(program.subjects),
            _slug_set(program.populations),
            _slug_set(program.schools),
        )


_ATTRS = ("grades", "subjects", "populations", "schools")
_FULL_WORD = (1 << 64) - 1


class _WordEncoder:
    """Gives each attribute value a bit, in first-seen order, so encoding is deterministic."""

    def __init__(self) -> None:
        self._bits: list[dict[str, int]] = [{} for _ in _ATTRS]
        # Each attribute set's word, once worked out: programs repeat the same sets, and a
        # set met again has every value in the table already, so its word is the same.
        self._words: list[dict[frozenset[str], int]] = [{} for _ in _ATTRS]

    def encode(self, profile: _Profile) -> None:
        words = []
        for n, attr in enumerate(_ATTRS):
            values: frozenset[str] | None = getattr(profile, attr)
            if values is _ALL:
                words.append(_FULL_WORD)
                continue
            word = self._words[n].get(values)
            if word is None:
                table = self._bits[n]
                word = 0
                for value in sorted(values):
                    word |= 1 << table.setdefault(value, len(table) % 64)
                self._words[n][values] = word
            words.append(word)
        profile.words = (words[0], words[1], words[2], words[3])


def _overlaps(a: _Profile, b: _Profile) -> dict[str, Any] | None:
    """What two programs share on every attribute, or None if one attribute does not overlap."""
    shared: dict[str, Any] = {}
    for attr in _ATTRS:
        common = _shared(getattr(a, attr), getattr(b, attr))
        if common is False:
            return None
        shared[attr] = common
    return shared


def common_audience(programs: list[Program]) -> dict[str, Any] | None:
    """What every one of the programs shares on each attribute (as _overlaps gives it for
    two), or None when some attribute has nothing common to all of them."""
    profiles = [_Profile.of(program, 0) for program in programs]
    shared: dict[str, Any] = {}
    for attr in _ATTRS:
        common: frozenset[str] | None = getattr(profiles[0], attr)
        for other in profiles[1:]:
            met = _shared(common, getattr(other, attr))
            if met is False:
                return None
            common = met  # type: ignore[assignment]
        shared[attr] = common
    return shared


def rank_key(program: Program) -> tuple[int, int, float, float, str]:
    """Rule 5's ranking: smaller is better, compared left to right."""
    decided = 0 if program.decision in ("keep", "expand") or program.required else 1
    evidence = program.evidence_tier if program.evidence_tier is not None else 5
    per_student = program.cost_per_student
    return (
        decided,
        evidence,
        per_student if per_student is not None else math.inf,
        -(program.students_served or 0),
        program.id,
    )


# ------------------------------------------------------------------------------ engine


def analyse(district: District, *, might_compete: bool = True) -> Analysis:
    """Every finding of coherence-rules.md for the district, computed once.

    `might_compete=False` leaves `Analysis.might_compete` empty: the data-gap hint of which
    programs would compete once a missing type is filled in is no finding of the rules, and
    `check --json` does not print it (a tenth of the analysis at 10,000 programs).

    The analysis allocates many small objects and makes no cycles: collector.py."""
    with collector_paused():
        return _analyse(district, might_compete)


def _analyse(district: District, with_might_compete: bool = True) -> Analysis:
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
    goals_of = {i: tuple(bits_to_ids(masks[i], goal_ids)) for i in live}

    flags: dict[str, set[str]] = defaultdict(set)
    names = Names(district)

    # Rule 1: orphans.
    orphans = []
    for item_id in sorted(live):
        item = live[item_id]
        if item.kind != "goal" and masks[item_id] == 0:
            reason = _orphan_reason(district, item, live, names)
            orphans.append(Orphan(item_id, item.kind, item.name, reason))
            flags[item_id].add("orphan")

    # Rule 2: unsupported goals.
    reached = 0
    for bits in masks.values():
        reached |= bits
    unsupported = [g for g in goal_ids if not reached & goal_bits[g]]
    for g in unsupported:
        flags[g].add("unsupported")

    # Rule 3: explicit conflicts.
    conflicts = []
    for link in conflict_links:
        a, b = sorted((link.src, link.dst))
        conflicts.append(Conflict(a, b, link.rationale))
        flags[a].add("conflict")
        flags[b].add("conflict")
    conflicts.sort(key=lambda c: (c.a, c.b))

    # Rule 4: competing programs.
    profiles = {
        i: _Profile.of(item, masks[i])
        for i, item in sorted(live.items())
        if isinstance(item, Program)
    }
    encoder = _WordEncoder()
    for profile in profiles.values():
        encoder.encode(profile)
    pairs = _compete_pairs(profiles, conflict_links)
    might_compete = _might_compete(profiles, pairs) if with_might_compete else {}
    groups, group_of = _components(pairs)

    # Rule 5: keeping and removal.
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
    rank = {i: rank_key(profiles[i].program) for i in group_of}  # each worked out once
    in_groups = sorted(group_of, key=rank.__getitem__)
    kept: set[str] = set()
    not_kept: dict[str, tuple[str, ...]] = {}
    kept_by_law = frozenset(i for i in in_groups if profiles[i].program.required)
    for program_id in in_groups:
        rivals = [k for k in neighbours[program_id] if k in kept]
        if not rivals or program_id in kept_by_law:
            kept.add(program_id)
            flags[program_id].add("kept")
            continue
        rivals.sort(key=rank.__getitem__)
        not_kept[program_id] = tuple(
            _not_kept_reason(
                names, goal_ids, profiles[program_id], profiles[k], pairs[_pair(program_id, k)]
            )
            for k in rivals
        )
        flags[program_id].add("not-kept")

    competing = []
    for number, members in enumerate(groups):
        ordered = sorted(members, key=rank.__getitem__)
        shared_bits = 0
        for a in members:
            for b in neighbours[a]:
                shared_bits |= profiles[a].mask & profiles[b].mask
        competing.append(
            CompetingGroup(
                members=tuple(ordered),
                kept=tuple(i for i in ordered if i in kept),
                goals=tuple(bits_to_ids(shared_bits, goal_ids)),
            )
        )
        for i in members:
            group_of[i] = number
            flags[i].add("competing")
    # Groups in a stable order: by their smallest member id; group_of follows.
    order = sorted(range(len(competing)), key=lambda n: min(competing[n].members))
    competing = [competing[n] for n in order]
    renumber = {old: new for new, old in enumerate(order)}
    group_of = {i: renumber[n] for i, n in group_of.items()}

    # Removal candidates: orphans and not-kept programs, every reason that applies.
    reasons: dict[str, list[str]] = defaultdict(list)
    for orphan in orphans:
        reasons[orphan.id].append(orphan.reason)
    for program_id, why in not_kept.items():
        reasons[program_id].extend(why)
    candidates = []
    for item_id in sorted(reasons):
        item = live[item_id]
        if item.required:
            continue  # the law beats any formula: never proposed for removal
        cost = item.annual_cost if isinstance(item, Program) else None
        fte = item.fte if isinstance(item, Program) else None
        candidates.append(
            RemovalCandidate(item_id, item.kind, item.name, tuple(reasons[item_id]), cost, fte)
        )
        flags[item_id].add("removal")

    resources = _resources(live, goals_of, goal_ids, {o.id for o in orphans}, candidates)
    return Analysis(
        goals_of=goals_of,
        orphans=orphans,
        unsupported_goals=unsupported,
        conflicts=conflicts,
        competing=competing,
        removal_candidates=candidates,
        resources=resources,
        not_kept_reasons=not_kept,
        might_compete=might_compete,
        pairs=pairs,
        group_of=group_of,
        kept_by_law=kept_by_law,
        _flags=dict(flags),
    )


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _compete_pairs(
    profiles: dict[str, _Profile], conflict_links: list[Any]
) -> dict[tuple[str, str], dict[str, Any]]:
    """Every compete pair with what it shares.

    Programs are grouped by (type, tier), and within a group only programs whose goal masks
    meet and whose attribute words all meet are compared (_candidates, with the goal mask
    as a fifth column): each pair is screened once, however many goals it shares, instead
    of once per shared goal; near-linear on real districts instead of all pairs.
    """
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    groups: dict[tuple[str, int | None], list[_Profile]] = defaultdict(list)
    for program_id in sorted(profiles):
        profile = profiles[program_id]
        if profile.mask and type_known(profile.program):
            groups[(profile.program.type, profile.program.tier)].append(profile)
        # An unknown type competes by an explicit conflict only (below).
    for members in groups.values():
        for a, b in _candidates(members, by_goal=True):
            shared = _overlaps(a, b)
            if shared is not None:
                pairs[_pair(a.program.id, b.program.id)] = {"criteria": shared}
    for link in conflict_links:
        if link.src in profiles and link.dst in profiles:
            key = _pair(link.src, link.dst)
            pairs.setdefault(key, {})["conflict"] = link.rationale
    return pairs


MIGHT_COMPETE_LIMIT = 5  # partners named per program: enough to act on, short to read


def _might_compete(
    profiles: dict[str, _Profile], pairs: dict[tuple[str, str], Any]
) -> dict[str, tuple[str, ...]]:
    """Pairs that rule 4 would make compete if an unknown type were filled in with the
    other's type (or, both unknown, with the same one): same tier, a shared goal, and
    overlapping grades, subjects, populations and schools. Only pairs with an unknown type
    are looked at, bucketed by (tier, goal) like the rule itself."""
    buckets: dict[tuple[int | None, int], list[_Profile]] = defaultdict(list)
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
        for a, b in _candidates(members):
            known_a, known_b = type_known(a.program), type_known(b.program)
            if known_a and known_b:
                continue
            ida, idb = a.program.id, b.program.id
            if idb in found[ida] or ida in found[idb] or _pair(ida, idb) in pairs:
                continue
            # Listed under the program whose type is missing: that is where it is filled in.
            open_a = not known_a and len(found[ida]) < MIGHT_COMPETE_LIMIT
            open_b = not known_b and len(found[idb]) < MIGHT_COMPETE_LIMIT
            if not (open_a or open_b) or _overlaps(a, b) is None:
                continue
            if open_a:
                found[ida].add(idb)
            if open_b:
                found[idb].add(ida)
    return {i: tuple(sorted(others)) for i, others in sorted(found.items()) if others}


def _candidates(
    members: list[_Profile], *, by_goal: bool = False
) -> Iterator[tuple[_Profile, _Profile]]:
    """Pairs in a bucket whose attribute words all meet (and, `by_goal`, whose goal masks
    share a goal): a superset of the compete pairs.

    Works on sets of members held as Python ints (bit i: members[i]). Per attribute, the
    members sharing a word are gathered first (words repeat: the same grade bands, subjects,
    schools); each value bit then holds the members whose word has it, a word meets the
    union of the holders of its bits, and a member's candidates are the intersection over
    the four attributes. That is a few big-int operations per member and per distinct word
    instead of a comparison per pair (at 10,000 programs, 1.6 million comparisons, under 1%
    of them real pairs), and it needs no numpy, whose import alone was a tenth of `check`.
    """
    count = len(members)
    if count < 2:
        return
    partners = [(1 << count) - 1] * count  # bit j of partners[i]: i and j meet so far
    if by_goal:
        _narrow(partners, [member.mask for member in members], everything=False)
    for column in range(len(_ATTRS)):
        _narrow(partners, [member.words[column] for member in members], everything=True)
    for i, a in enumerate(members):
        later = partners[i] >> (i + 1)  # each pair once, in the order (i, j) with i < j
        while later:
            low = later & -later
            yield a, members[i + low.bit_length()]
            later ^= low


def _narrow(partners: list[int], words: list[int], *, everything: bool) -> None:
    """Keep in each member's partners only the members whose word shares a bit with its
    own. With `everything`, _FULL_WORD is an attribute word meaning "every value" (it meets
    anyone); otherwise the words are goal masks, of any length."""
    sharing: dict[int, int] = {}  # word -> the members with that word
    for i, word in enumerate(words):
        sharing[word] = sharing.get(word, 0) | (1 << i)
    everyone = sharing.pop(_FULL_WORD, 0) if everything else 0  # meets anyone
    bits_of = {word: _bits(word) for word in sharing}
    holders: dict[int, int] = {}  # value bit -> the members whose word has it
    for word, held in sharing.items():
        for bit in bits_of[word]:
            holders[bit] = holders.get(bit, 0) | held
    met: dict[int, int] = {}  # word -> the members it meets
    if everything:
        anyone = everyone
        for held in holders.values():
            anyone |= held
        met[_FULL_WORD] = anyone
    for word, bits in bits_of.items():
        found = everyone
        for bit in bits:
            found |= holders[bit]
        met[word] = found
    for i, word in enumerate(words):
        partners[i] &= met[word]


@functools.lru_cache(maxsize=4096)
def _bits(word: int) -> tuple[int, ...]:
    """The positions of the set bits of `word`, lowest first (words repeat: remembered)."""
    found = []
    while word:
        low = word & -word
        found.append(low.bit_length() - 1)
        word ^= low
    return tuple(found)


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


def _resources(
    live: dict[str, Item],
    goals_of: dict[str, tuple[str, ...]],
    goal_ids: list[str],
    orphan_ids: set[str],
    candidates: list[RemovalCandidate],
) -> Resources:
    total = orphan = 0.0
    by_goal = {g: 0.0 for g in goal_ids}
    for item_id in sorted(live):
        item = live[item_id]
        if not isinstance(item, Program):
            continue
        cost = item.annual_cost or 0
        total += cost
        if item_id in orphan_ids:
            orphan += cost
        goals = goals_of[item_id]
        for g in goals:
            by_goal[g] += cost / len(goals)
    freed_cost = sum((c.annual_cost or 0) for c in candidates if c.kind == "program")
    freed_fte = sum((c.fte or 0) for c in candidates if c.kind == "program")
    return Resources(total, total - orphan, orphan, freed_cost, freed_fte, by_goal)


# ------------------------------------------------------------------------------ reasons


def _orphan_reason(district: District, item: Item, live: dict[str, Item], names: Names) -> str:
    head = REQUIRED_ORPHAN_REASON if item.required else ORPHAN_REASON
    targets = sorted(link.dst for link in district.supports_from(item.id))
    if not targets:
        return head
    described = []
    for target_id in targets:
        note = "" if target_id in live else " (retired)"
        described.append(f"{names(target_id)}{note}")
    those = "that does" if len(described) == 1 else "those do"
    pointer = (
        f"it supports {join_words(described)}, but {those} not reach a student-learning goal either"
    )
    if item.required:
        return f"{head} ({pointer})"
    return f"{ORPHAN_REASON}: {pointer}"


def _type_words(program: Program) -> str:
    return program.type.replace("-", " ")


def describe_shared(
    names: Names, goals: list[str], program: Program, shared: dict[str, Any], who: str = "both"
) -> str:
    """What programs of `program`'s type and tier share: the goals, then the overlap of each
    attribute (`shared` as _overlaps gives it; None means everything)."""
    goal_names = [names(g) for g in goals]
    tier = f"Tier {program.tier} " if program.tier is not None else ""
    parts = [f"{who} are {tier}{_type_words(program)} programs serving {join_words(goal_names)}"]
    grades = shared["grades"]
    if grades is None:
        parts.append("for every grade")
    else:
        ranges = vocab.compact_grades(grades)
        word = "grade" if len(grades) == 1 else "grades"
        parts.append(f"for {word} {join_words(ranges)}")
    subjects = shared["subjects"]
    if subjects is not None:
        parts.append(f"in {join_words(sorted(subjects))}")
    populations = shared["populations"]
    parts.append(
        "for all students"
        if populations is None
        else f"for {join_words(sorted(populations))} students"
    )
    schools = shared["schools"]
    parts.append("district-wide" if schools is None else f"at {join_words(sorted(schools))}")
    return ", ".join(parts)


_EVIDENCE_WORDS = {
    1: "strong (ESSA tier 1)",
    2: "moderate (ESSA tier 2)",
    3: "promising (ESSA tier 3)",
    4: "a rationale only (ESSA tier 4)",
    None: "none on record",
}


def _why_ranked_higher(kept: Program, other: Program) -> str:
    """Which ranking rule put the kept program first, in words."""
    k, o = rank_key(kept), rank_key(other)
    if k[0] != o[0]:
        if kept.decision in ("keep", "expand"):
            return f"the cabinet decided to {kept.decision} it"
        return "it is required by law, regulation, court order or contract"
    if k[1] != o[1]:
        return (
            f"it has stronger evidence: {_EVIDENCE_WORDS[kept.evidence_tier]} against "
            f"{_EVIDENCE_WORDS[other.evidence_tier]}"
        )
    if k[2] != o[2]:
        theirs = money(o[2]) if math.isfinite(o[2]) else "unknown"
        return f"it costs less per student ({money(k[2])} against {theirs})"
    if k[3] != o[3]:
        return f"it reaches more students ({kept.students_served:,} against {other.students_served or 0:,})"
    return "everything else is equal and its id comes first"


def _not_kept_reason(
    names: Names,
    goal_ids: list[str],
    loser: _Profile,
    winner: _Profile,
    pair: dict[str, Any],
) -> str:
    kept = winner.program
    head = f"competes with {names(kept.id)}, which is kept"
    why = _why_ranked_higher(kept, loser.program)
    parts = []
    if "criteria" in pair:
        goals = bits_to_ids(loser.mask & winner.mask, goal_ids)
        parts.append(describe_shared(names, goals, loser.program, pair["criteria"]))
    if "conflict" in pair:
        rationale = pair["conflict"]
        parts.append("the two are marked as conflicting" + aside(rationale))
    shared = "; ".join(parts)
    return f"{head}. {shared[0].upper()}{shared[1:]}. {names(kept.id)} ranks first because {why}."


# ------------------------------------------------------------------------------ JSON


def _number(value: float | int | None) -> float | int | None:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def check_report(district: District, analysis: Analysis) -> dict[str, Any]:
    """The JSON object of `coherence-planner check --json` (coherence-rules.md section 7)."""
    counts = {kind: 0 for kind in vocab.ITEM_KINDS}
    for item in district.items.values():
        counts[item.kind] += 1
    res = analysis.resources
    return {
        "district": district.name,
        "counts": {
            "goals": counts["goal"],
            "strategies": counts["strategy"],
            "programs": counts["program"],
            "policies": counts["policy"],
            "links": len(district.links),
        },
        "orphans": [
            {"id": o.id, "kind": o.kind, "name": o.name, "reason": o.reason}
            for o in analysis.orphans
        ],
        "unsupported_goals": [
            {"id": g, "name": district.items[g].name} for g in analysis.unsupported_goals
        ],
        "conflicts": [{"a": c.a, "b": c.b, "rationale": c.rationale} for c in analysis.conflicts],
        "competing": [
            {"members": list(g.members), "kept": list(g.kept), "goals": list(g.goals)}
            for g in analysis.competing
        ],
        "removal_candidates": [
            {
                "id": c.id,
                "kind": c.kind,
                "name": c.name,
                "reasons": list(c.reasons),
                "annual_cost": _number(c.annual_cost),
                "fte": _number(c.fte),
            }
            for c in analysis.removal_candidates
        ],
        "resources": {
            "total_cost": _number(res.total_cost),
            "aligned_cost": _number(res.aligned_cost),
            "orphan_cost": _number(res.orphan_cost),
            "freed_cost": _number(res.freed_cost),
            "freed_fte": _number(res.freed_fte),
            "by_goal": {g: _number(v) for g, v in res.by_goal.items()},
        },
        "data_gaps": [
            {"id": gap.id, "name": gap.name, "missing": list(gap.missing)}
            for gap in rule_gaps(district, analysis.goals_of)
        ],
    }
