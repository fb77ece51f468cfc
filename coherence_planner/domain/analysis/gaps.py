"""Data gaps: facts about a live program that the rules or the resource check use and the
plan does not hold (coherence-rules.md, section 7).

A missing fact silently changes a finding: an unknown type keeps a program out of every
competing group, an unknown cost counts as $0 and an unknown reach ranks it last. A planner
fills these in before the retreat, so the cabinet argues about programs, not about blanks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Program
from coherence_planner.domain.model.naming import Names
from coherence_planner.domain.model.wording import join_words

# The facts `check --json` reports, in the spec's order.
RULE_FACTS = ("type", "annual_cost", "fte", "students_served", "goal")


def type_known(program: Program) -> bool:
    """Rule 4: `other` means "not known", and an unknown type competes with nothing by type.
    Version 2.1: so does a type the import guessed and no person has confirmed, so that a
    guess never makes a program a removal candidate."""
    return program.type != vocab.DEFAULT_PROGRAM_TYPE and "type" not in program.guessed


def type_guessed(program: Program) -> bool:
    """A type is on record but only as a guess: said as "guessed", not as "no type"."""
    return program.type != vocab.DEFAULT_PROGRAM_TYPE and "type" in program.guessed


@dataclass(frozen=True)
class RuleGap:
    id: str
    name: str
    missing: tuple[str, ...]


def rule_facts_missing(program: Program, goals: tuple[str, ...]) -> tuple[str, ...]:
    """The spec's gaps of one live program, in the spec's order."""
    missing = []
    if not type_known(program):
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


# ------------------------------------------------------------------------------ the app's list
# The planner's finding asks about more than `check --json` does: an empty grade, subject or
# student list counts as "everything", so it can make programs look alike; no tier or no
# evidence may be a value or a blank. Each is named with the field that fills it in.


@dataclass(frozen=True)
class Fact:
    field: str  # the inspector field that fills it in; "goal" means the item's links
    missing: str  # how a sentence names it when it is missing
    short: str  # its name in a list or on a button ("Fill in: evidence tier")


FACTS = (
    Fact("type", "no type", "type"),
    Fact("tier", "no MTSS tier", "MTSS tier"),
    Fact("grades", "no grades (counted as every grade)", "grades"),
    Fact("subjects", "no subjects (counted as every subject)", "subjects"),
    Fact("populations", "no student groups (counted as all students)", "student groups"),
    Fact("annual_cost", "no annual cost", "annual cost"),
    Fact("fte", "no FTE", "FTE"),
    Fact("students_served", "no count of students served", "students served"),
    Fact("evidence_tier", "no ESSA evidence tier", "evidence tier"),
    Fact("goal", "no link to a student-learning goal", "goal"),
)
FACT_BY_FIELD = {fact.field: fact for fact in FACTS}
# A type on record that the import guessed: still a gap until a person confirms it.
GUESSED_TYPE = "a type the import guessed, which competes with nothing until a person confirms it"

# MTSS tiers describe instruction and student supports; coaching, operations, family
# engagement and enrichment are rightly untiered, so their empty tier is not asked about.
TIERED_TYPES = frozenset(
    ("curriculum", "intervention", "assessment", "student-support", vocab.DEFAULT_PROGRAM_TYPE)
)


@dataclass(frozen=True)
class ProgramGaps:
    id: str
    name: str
    missing: tuple[str, ...]  # fields of FACTS, in that order
    asked: int  # how many facts apply to this program
    might_compete: tuple[str, ...]  # ids of programs it would compete with, type filled in

    @property
    def completeness(self) -> float:
        return (self.asked - len(self.missing)) / self.asked


@dataclass(frozen=True)
class PlanGaps:
    programs: list[ProgramGaps]  # live programs with at least one gap, in the plan's order
    known: int  # facts on record over all live programs
    asked: int  # facts asked over all live programs

    @property
    def completeness(self) -> float:
        return self.known / self.asked if self.asked else 1.0

    def of(self, program_id: str) -> ProgramGaps | None:
        return next((g for g in self.programs if g.id == program_id), None)


def _missing(program: Program, goals: tuple[str, ...]) -> tuple[list[str], int]:
    missing = []
    asked = len(FACTS)
    if not type_known(program):
        missing.append("type")
    if program.type in TIERED_TYPES:
        if program.tier is None:
            missing.append("tier")
    else:
        asked -= 1
    for name in ("grades", "subjects", "populations"):
        if not getattr(program, name):
            missing.append(name)
    for name in ("annual_cost", "fte", "students_served", "evidence_tier"):
        if getattr(program, name) is None:
            missing.append(name)
    if not goals:
        missing.append("goal")
    return missing, asked


def program_gaps(
    program: Program, goals: tuple[str, ...], might_compete: tuple[str, ...] = ()
) -> ProgramGaps | None:
    """One live program's missing facts (None when it has them all), for the Inspector."""
    missing, count = _missing(program, goals)
    if not missing or not program.live:
        return None
    return ProgramGaps(program.id, program.name, tuple(missing), count, might_compete)


def plan_gaps(
    district: District,
    goals_of: Mapping[str, tuple[str, ...]],
    might_compete: Mapping[str, tuple[str, ...]],
) -> PlanGaps:
    """The planner's data-gaps finding: every live program's missing facts, the programs it
    might compete with once its type is known, and how complete the plan is."""
    out = []
    known = asked = 0
    for item in district.items_of("program"):  # the plan's own order, as the browser shows
        item_id = item.id
        if not isinstance(item, Program) or not item.live:
            continue
        missing, count = _missing(item, goals_of.get(item_id, ()))
        asked += count
        known += count - len(missing)
        if missing:
            out.append(
                ProgramGaps(
                    item_id, item.name, tuple(missing), count, might_compete.get(item_id, ())
                )
            )
    return PlanGaps(out, known, asked)


def percent(share: float) -> str:
    """A completeness figure as people say it: 100% only when nothing is missing."""
    value = share * 100
    if value < 100:
        value = min(value, 99.0)
    return f"{value:.0f}%"


def _type_phrase(program_type: str) -> str:
    return f"{program_type.replace('-', ' ')} programs"


def gap_sentence(district: District, gaps: ProgramGaps, names: Names) -> str:
    """What is missing and what it may hide, in one or two sentences read aloud."""
    program = district.items[gaps.id]
    guessed = isinstance(program, Program) and type_guessed(program)
    words = [
        GUESSED_TYPE if field == "type" and guessed else FACT_BY_FIELD[field].missing
        for field in gaps.missing
    ]
    text = f"{words[0][0].upper()}{words[0][1:]}"
    if len(words) > 1:
        text = f"{text}; {'; '.join(words[1:])}"
    text += f" ({percent(gaps.completeness)} complete)."
    by_type: dict[str, list[str]] = {}
    for other_id in gaps.might_compete:
        other = district.items[other_id]
        assert isinstance(other, Program)
        known = other.type if type_known(other) else vocab.DEFAULT_PROGRAM_TYPE
        by_type.setdefault(known, []).append(names(other_id))
    for other_type, others in sorted(by_type.items()):
        # Another program's guessed type is no more known than a missing one.
        if other_type == vocab.DEFAULT_PROGRAM_TYPE:
            condition = "if both had the same type"
        else:
            condition = f"if both were {_type_phrase(other_type)}"
        text += f" Might compete with {join_words(others)} {condition}."
    return text
