"""Rule 5, first half: which programs of a competing group are kept, and why the others are not.

Programs are ranked by rank_key; going down the ranking, a program is kept unless it competes
with one already kept. A required program is always kept (version 2.1: the law allows no "not
kept"). Each program not kept gets a reason per kept rival a superintendent can read aloud."""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.analysis.reach import bits_to_ids
from coherence_planner.domain.analysis.rules.competing import Competition, pair
from coherence_planner.domain.analysis.rules.context import RuleContext
from coherence_planner.domain.analysis.rules.overlap import Profile
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.items import Program
from coherence_planner.domain.model.naming import Names
from coherence_planner.domain.model.wording import aside, join_words, money


@dataclass(frozen=True)
class CompetingGroup:
    """Programs that chase the same goal for the same students, best-ranked first."""

    members: tuple[str, ...]
    kept: tuple[str, ...]
    goals: tuple[str, ...]


@dataclass(frozen=True)
class Keeping:
    """Rule 5's keeping: the programs in groups best-ranked first, the kept ones, why each
    other one is not kept, the required ones, and the groups in order of their smallest
    member with each program's group number."""

    ranked: list[str]
    kept: frozenset[str]
    not_kept: dict[str, tuple[str, ...]]
    kept_by_law: frozenset[str]
    competing: list[CompetingGroup]
    group_of: dict[str, int]


Ranked = tuple[int, int, float, float, str]  # rank_key's: smaller is better


def rank_key(program: Program) -> Ranked:
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


def keep(context: RuleContext, competition: Competition) -> Keeping:
    profiles, pairs = competition.profiles, competition.pairs
    names, goal_ids = context.names, context.goal_ids
    neighbours: dict[str, set[str]] = defaultdict(set)
    # The goals each group's pairs share, in one pass over the pairs (a group is a
    # connected set of pairs, so each pair lies in its first program's group).
    group_of, shared_bits = competition.group_of, [0] * len(competition.groups)
    for a, b in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
        shared_bits[group_of[a]] |= profiles[a].mask & profiles[b].mask
    rank = {i: rank_key(profiles[i].program) for i in competition.group_of}  # once each
    in_groups = sorted(competition.group_of, key=rank.__getitem__)
    kept: set[str] = set()
    not_kept: dict[str, tuple[str, ...]] = {}
    kept_by_law = frozenset(i for i in in_groups if profiles[i].program.required)
    goal_words: dict[int, str] = {}  # shared goals (bits) -> their names, said once
    for program_id in in_groups:
        rivals = neighbours[program_id] & kept
        if not rivals or program_id in kept_by_law:
            kept.add(program_id)
            continue
        not_kept[program_id] = tuple(
            _not_kept_reason(
                names,
                goal_ids,
                (profiles[program_id], rank[program_id]),
                (profiles[k], rank[k]),
                pairs[pair(program_id, k)],
                goal_words,
            )
            for k in sorted(rivals, key=rank.__getitem__)
        )

    competing = []
    for number, members in enumerate(competition.groups):
        ordered = sorted(members, key=rank.__getitem__)
        competing.append(
            CompetingGroup(
                members=tuple(ordered),
                kept=tuple(i for i in ordered if i in kept),
                goals=tuple(bits_to_ids(shared_bits[number], goal_ids)),
            )
        )
    # Groups in a stable order: by their smallest member id; group_of follows.
    order = sorted(range(len(competing)), key=lambda n: min(competing[n].members))
    competing = [competing[n] for n in order]
    renumber = {old: new for new, old in enumerate(order)}
    group_of = {i: renumber[n] for i, n in group_of.items()}
    return Keeping(in_groups, frozenset(kept), not_kept, kept_by_law, competing, group_of)


def describe_shared(
    names: Names, goals: list[str], program: Program, shared: dict[str, Any], who: str = "both"
) -> str:
    """What programs of `program`'s type and tier share: the goals, then the overlap of each
    attribute (`shared` as overlap.overlaps gives it; None means everything)."""
    return _shared_words(join_words([names(g) for g in goals]), program, shared, who)


def _shared_words(goal_words: str, program: Program, shared: dict[str, Any], who: str) -> str:
    """describe_shared with the goals already said. Each attribute's phrase is a function of
    its set alone, and the same sets recur across thousands of pairs: remembered."""
    subjects = _in_subjects(shared["subjects"])
    return ", ".join(
        (
            f"{who} are {_kind_words(program.tier, program.type)} serving {goal_words}",
            _for_grades(shared["grades"]),
            *((subjects,) if subjects else ()),
            _for_populations(shared["populations"]),
            _at_schools(shared["schools"]),
        )
    )


@functools.lru_cache(maxsize=256)
def _kind_words(tier: int | None, kind: str) -> str:
    return f"{f'Tier {tier} ' if tier is not None else ''}{kind.replace('-', ' ')} programs"


@functools.lru_cache(maxsize=4096)
def _for_grades(grades: frozenset[str] | None) -> str:
    if grades is None:
        return "for every grade"
    word = "grade" if len(grades) == 1 else "grades"
    return f"for {word} {join_words(vocab.compact_grades(grades))}"


@functools.lru_cache(maxsize=4096)
def _in_subjects(subjects: frozenset[str] | None) -> str:
    return "" if subjects is None else f"in {join_words(sorted(subjects))}"


@functools.lru_cache(maxsize=4096)
def _for_populations(populations: frozenset[str] | None) -> str:
    if populations is None:
        return "for all students"
    return f"for {join_words(sorted(populations))} students"


@functools.lru_cache(maxsize=4096)
def _at_schools(schools: frozenset[str] | None) -> str:
    return "district-wide" if schools is None else f"at {join_words(sorted(schools))}"


_EVIDENCE_WORDS = {
    1: "strong (ESSA tier 1)",
    2: "moderate (ESSA tier 2)",
    3: "promising (ESSA tier 3)",
    4: "a rationale only (ESSA tier 4)",
    None: "none on record",
}


def _why_ranked_higher(kept: Program, other: Program, k: Ranked, o: Ranked) -> str:
    """Which ranking rule put the kept program first (ranked `k`, the other `o`), in words."""
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
    ranked_loser: tuple[Profile, Ranked],
    ranked_winner: tuple[Profile, Ranked],
    pair: dict[str, Any],
    goal_words: dict[int, str],
) -> str:
    (loser, loser_rank), (winner, winner_rank) = ranked_loser, ranked_winner
    kept = winner.program
    kept_name = names(kept.id)
    head = f"competes with {kept_name}, which is kept"
    why = _why_ranked_higher(kept, loser.program, winner_rank, loser_rank)
    parts = []
    if "criteria" in pair:
        bits = loser.mask & winner.mask
        said = goal_words.get(bits)
        if said is None:
            said = goal_words[bits] = join_words([names(g) for g in bits_to_ids(bits, goal_ids)])
        parts.append(_shared_words(said, loser.program, pair["criteria"], "both"))
    if "conflict" in pair:
        rationale = pair["conflict"]
        parts.append("the two are marked as conflicting" + aside(rationale))
    shared = "; ".join(parts)
    return f"{head}. {shared[0].upper()}{shared[1:]}. {kept_name} ranks first because {why}."
