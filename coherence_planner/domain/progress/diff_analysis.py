"""Year over year, what the analysis says before and after: the coherence findings that
appeared or went away, and spend in total and by goal.

Findings name items as the findings list does (`naming.Names`), never by id; an item gone
from the later plan is named as the earlier plan had it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.naming import Names
from coherence_planner.domain.model.wording import join_words


@dataclass(frozen=True)
class Finding:
    ids: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class FindingChange:
    rule: str
    label: str
    before: int
    after: int
    appeared: tuple[Finding, ...]
    disappeared: tuple[Finding, ...]


@dataclass(frozen=True)
class SpendLine:
    key: str  # "total_cost", ... or a goal id
    label: str
    before: float
    after: float

    @property
    def change(self) -> float:
        return self.after - self.before


def _namer(a: District, b: District) -> Any:
    """Items by their names, as findings name them (naming.Names: the id follows only a
    name two items share); an item gone from `b` is named as `a` had it."""
    after, before = Names(b), Names(a)

    def name(item_id: str) -> str:
        if item_id in b.items:
            return after.plain(item_id)
        return before.plain(item_id) if item_id in a.items else item_id

    return name


def _finding_sets(
    district: District, analysis: Analysis, name: Any
) -> dict[str, dict[Any, Finding]]:
    sets: dict[str, dict[Any, Finding]] = {
        "orphans": {o.id: Finding((o.id,), name(o.id)) for o in analysis.orphans},
        "unsupported_goals": {g: Finding((g,), name(g)) for g in analysis.unsupported_goals},
        "conflicts": {
            (c.a, c.b): Finding((c.a, c.b), f"{name(c.a)} ↔ {name(c.b)}")
            for c in analysis.conflicts
        },
        "competing": {},
        "removal_candidates": {
            c.id: Finding((c.id,), name(c.id)) for c in analysis.removal_candidates
        },
    }
    for group in analysis.competing:
        key = (frozenset(group.members), group.kept)
        # Names, never ids: this line is read aloud beside the rest of the comparison.
        kept = join_words([name(k) for k in group.kept])
        members = join_words([name(m) for m in group.members])
        text = f"{members}: keeping {kept}" if kept else f"{members}: none kept"
        sets["competing"][key] = Finding(group.members, text)
    return sets


FINDING_LABELS = {
    "orphans": "Orphans",
    "unsupported_goals": "Unsupported goals",
    "conflicts": "Conflicts",
    "competing": "Competing groups",
    "removal_candidates": "Removal candidates",
}


def finding_changes(
    a: District, analysis_a: Analysis, b: District, analysis_b: Analysis
) -> tuple[FindingChange, ...]:
    name = _namer(a, b)
    before, after = _finding_sets(a, analysis_a, name), _finding_sets(b, analysis_b, name)
    out = []
    for rule, label in FINDING_LABELS.items():
        old, new = before[rule], after[rule]
        out.append(
            FindingChange(
                rule=rule,
                label=label,
                before=len(old),
                after=len(new),
                appeared=tuple(f for key, f in new.items() if key not in old),
                disappeared=tuple(f for key, f in old.items() if key not in new),
            )
        )
    return tuple(out)


SPEND_LABELS = {
    "total_cost": "Total spend",
    "aligned_cost": "Aligned to goals",
    "orphan_cost": "On orphans",
    "freed_cost": "Freed if candidates go",
    "freed_fte": "FTE freed if candidates go",
}


def spend_changes(analysis_a: Analysis, analysis_b: Analysis) -> tuple[SpendLine, ...]:
    return tuple(
        SpendLine(
            key,
            label,
            float(getattr(analysis_a.resources, key)),
            float(getattr(analysis_b.resources, key)),
        )
        for key, label in SPEND_LABELS.items()
    )


def spend_by_goal_changes(
    a: District, analysis_a: Analysis, b: District, analysis_b: Analysis
) -> tuple[SpendLine, ...]:
    goal_ids = [g.id for g in b.items_of("goal")]
    goal_ids += [g.id for g in a.items_of("goal") if g.id not in goal_ids]
    name = _namer(a, b)
    by_a, by_b = analysis_a.resources.by_goal, analysis_b.resources.by_goal
    return tuple(
        SpendLine(g, name(g), float(by_a.get(g, 0.0)), float(by_b.get(g, 0.0)))
        for g in goal_ids
        if g in by_a or g in by_b
    )
