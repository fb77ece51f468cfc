"""Data gaps: facts about a live program that the rules or the resource check use and the
plan does not hold (coherence-rules.md, section 7).

A missing fact silently changes a finding: an unknown type keeps a program out of every
competing group, an unknown cost counts as $0 and an unknown reach ranks it last. A planner
fills these in before the retreat, so the cabinet argues about programs, not about blanks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from coherence_planner.domain import vocab
from coherence_planner.domain.district import District
from coherence_planner.domain.items import Program

# The facts `check --json` reports, in the spec's order.
RULE_FACTS = ("type", "annual_cost", "fte", "students_served", "goal")


@dataclass(frozen=True)
class RuleGap:
    id: str
    name: str
    missing: tuple[str, ...]


def rule_facts_missing(program: Program, goals: tuple[str, ...]) -> tuple[str, ...]:
    """The spec's gaps of one live program, in the spec's order."""
    missing = []
    if program.type == vocab.DEFAULT_PROGRAM_TYPE:
        missing.append("type")
    if program.annual_cost is None:
        missing.append("annual_cost")
    if program.fte is None:
        missing.append("fte")
    if program.students_served is None:
        missing.append("students_served")
    if not goals:
        missing.append("goal")
    return tuple(missing)


def rule_gaps(district: District, goals_of: Mapping[str, tuple[str, ...]]) -> list[RuleGap]:
    """Every live program lacking a fact the rules use, sorted by id (`check --json`)."""
    out = []
    for item_id in sorted(district.items):
        item = district.items[item_id]
        if not isinstance(item, Program) or not item.live:
            continue
        missing = rule_facts_missing(item, goals_of.get(item_id, ()))
        if missing:
            out.append(RuleGap(item_id, item.name, missing))
    return out
