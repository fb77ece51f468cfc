"""Rule 3: explicit conflicts, the conflicts links between live items."""

from __future__ import annotations

from dataclasses import dataclass

from coherence_planner.domain.analysis.rules.context import RuleContext


@dataclass(frozen=True)
class Conflict:
    a: str
    b: str
    rationale: str


def explicit_conflicts(context: RuleContext) -> list[Conflict]:
    """Each conflict with its ends in id order, the conflicts sorted by their ends."""
    conflicts = []
    for link in context.conflict_links:
        a, b = sorted((link.src, link.dst))
        conflicts.append(Conflict(a, b, link.rationale))
    conflicts.sort(key=lambda c: (c.a, c.b))
    return conflicts
