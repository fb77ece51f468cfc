"""A competing group explained so a person can follow it.

A group is a connected component of compete pairs, so its members need not all share one
thing: A may compete with B over grades K-3 and B with C over grades 4-5. When every member
shares one known type, one tier, a goal and some audience, one line says so ("All are Tier 2
intervention programs serving “Early literacy”, for grades K-3, ..."); otherwise the group
is explained pair by pair, each pair with what it shares.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from coherence_planner.domain.analysis.coherence import KEPT_BY_LAW, Analysis
from coherence_planner.domain.analysis.gaps import type_known
from coherence_planner.domain.analysis.rules.keeping import CompetingGroup, describe_shared
from coherence_planner.domain.analysis.rules.overlap import common_audience
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Program
from coherence_planner.domain.model.naming import Names
from coherence_planner.domain.model.wording import aside, join_words


def _capital(text: str) -> str:
    return f"{text[0].upper()}{text[1:]}" if text else text


def _one_line(
    district: District, analysis: Analysis, group: CompetingGroup, names: Names
) -> str | None:
    programs = [district.items[m] for m in group.members]
    assert all(isinstance(p, Program) for p in programs)
    typed: list[Program] = programs  # type: ignore[assignment]
    first = typed[0]
    if not type_known(first) or any(
        p.type != first.type or p.tier != first.tier for p in typed[1:]
    ):
        return None
    goals = set(analysis.goals_of[first.id])
    for program in typed[1:]:
        goals &= set(analysis.goals_of[program.id])
    if not goals:
        return None
    shared = common_audience(typed)
    if shared is None:
        return None
    who = "both" if len(typed) == 2 else "all"
    return _capital(describe_shared(names, sorted(goals), first, shared, who=who)) + "."


def _pair_line(
    district: District, analysis: Analysis, pair: tuple[str, str], why: dict[str, Any], names: Names
) -> str:
    a, b = pair
    parts = []
    if "criteria" in why:
        goals = sorted(set(analysis.goals_of[a]) & set(analysis.goals_of[b]))
        program = district.items[a]
        assert isinstance(program, Program)
        parts.append(describe_shared(names, goals, program, why["criteria"]))
    if "conflict" in why:
        rationale = why["conflict"]
        parts.append("marked as conflicting" + aside(rationale))
    return f"{names(a)} and {names(b)}: {'; '.join(parts)}."


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


PAIR_LINES = 6  # pairs explained per group: a group of 200 is read as a pattern, not a list


def explain_groups(district: District, analysis: Analysis) -> list[tuple[str, ...]]:
    """For each competing group, in the analysis's order: one line when its members share
    one type, tier, goal and audience, else one line per compete pair, best-ranked first (at
    most PAIR_LINES, then a line saying how many more pairs there are)."""
    names = Names(district)
    by_group: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pair in sorted(analysis.pairs):
        by_group[analysis.group_of[pair[0]]].append(pair)
    out: list[tuple[str, ...]] = []
    for number, group in enumerate(analysis.competing):
        line = _one_line(district, analysis, group, names)
        if line is not None:
            out.append((line,))
            continue
        # Pairs in the group's rank order, best-ranked member first.
        place = {member: n for n, member in enumerate(group.members)}
        ordered = sorted(
            (tuple(sorted(pair, key=place.__getitem__)) for pair in by_group[number]),
            key=lambda pair: (place[pair[0]], place[pair[1]]),
        )
        lines = [
            _pair_line(district, analysis, (a, b), analysis.pairs[_key(a, b)], names)
            for a, b in ordered[:PAIR_LINES]
        ]
        if len(ordered) > PAIR_LINES:
            more = len(ordered) - PAIR_LINES
            lines.append(f"And {more:,} more pair{'s' if more != 1 else ''} of these programs.")
        out.append(tuple(lines))
    return out


def kept_by_law_line(group: CompetingGroup, analysis: Analysis, names: Names) -> str | None:
    """Why the group keeps its required members, whatever they compete with (rule 5,
    version 2.1): "“Dyslexia screener” is kept: required by law." None when it has none."""
    required = [names(m) for m in group.members if m in analysis.kept_by_law]
    if not required:
        return None
    verb = "is" if len(required) == 1 else "are"
    return f"{join_words(required)} {verb} {KEPT_BY_LAW}."
