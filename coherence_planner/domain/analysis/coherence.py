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

Each rule is a function of its own in rules/, over one shared context (rules/context.py);
this module composes them, raises each item's flags and writes the JSON of `check --json`.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from coherence_planner.domain.analysis.gaps import PlanGaps, rule_gaps
from coherence_planner.domain.analysis.rules.competing import find_competition, might_compete
from coherence_planner.domain.analysis.rules.conflicts import Conflict, explicit_conflicts
from coherence_planner.domain.analysis.rules.context import RuleContext
from coherence_planner.domain.analysis.rules.keeping import CompetingGroup, keep
from coherence_planner.domain.analysis.rules.orphans import Orphan, find_orphans
from coherence_planner.domain.analysis.rules.removal import RemovalCandidate, removal_candidates
from coherence_planner.domain.analysis.rules.resources import Resources, resources
from coherence_planner.domain.analysis.rules.unsupported import unsupported_goals
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.collector import collector_paused
from coherence_planner.domain.model.district import District

# How a required program's place in its competing group is said (rule 5, version 2.1).
KEPT_BY_LAW = "kept: required by law"


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
    # The plan's missing facts by these goals, remembered with the district and its
    # revision they hold for (gaps_once.py): worked out once, not by each view.
    gaps_memo: tuple[weakref.ref[District], int, PlanGaps] | None = field(
        default=None, repr=False, compare=False
    )

    def flags_of(self, item_id: str) -> set[str]:
        """Flags to draw on an item: orphan, unsupported, conflict, competing, kept,
        not-kept, removal."""
        return self._flags.get(item_id, set())

    def orphan(self, item_id: str) -> Orphan | None:
        return next((o for o in self.orphans if o.id == item_id), None)

    def candidate(self, item_id: str) -> RemovalCandidate | None:
        return next((c for c in self.removal_candidates if c.id == item_id), None)


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
    context = RuleContext.of(district)
    orphans = find_orphans(context)  # rule 1
    unsupported = unsupported_goals(context)  # rule 2
    conflicts = explicit_conflicts(context)  # rule 3
    competition = find_competition(context)  # rule 4
    keeping = keep(context, competition)  # rule 5: keeping ...
    candidates = removal_candidates(context, orphans, keeping.not_kept)  # ... and removal
    money = resources(context, {o.id for o in orphans}, candidates)  # rule 6

    flags: dict[str, set[str]] = defaultdict(set)
    for orphan in orphans:
        flags[orphan.id].add("orphan")
    for goal_id in unsupported:
        flags[goal_id].add("unsupported")
    for conflict in conflicts:
        flags[conflict.a].add("conflict")
        flags[conflict.b].add("conflict")
    for program_id in keeping.ranked:
        flags[program_id].add("kept" if program_id in keeping.kept else "not-kept")
        flags[program_id].add("competing")
    for candidate in candidates:
        flags[candidate.id].add("removal")

    return Analysis(
        goals_of=context.goals_of,
        orphans=orphans,
        unsupported_goals=unsupported,
        conflicts=conflicts,
        competing=keeping.competing,
        removal_candidates=candidates,
        resources=money,
        not_kept_reasons=keeping.not_kept,
        might_compete=might_compete(competition) if with_might_compete else {},
        pairs=competition.pairs,
        group_of=keeping.group_of,
        kept_by_law=keeping.kept_by_law,
        _flags=dict(flags),
    )


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
