"""Rule 6: resources, where the programs' money goes (the resource check)."""

from __future__ import annotations

from dataclasses import dataclass

from coherence_planner.domain.analysis.rules.context import RuleContext
from coherence_planner.domain.analysis.rules.removal import RemovalCandidate
from coherence_planner.domain.model.items import Program


@dataclass(frozen=True)
class Resources:
    total_cost: float
    aligned_cost: float
    orphan_cost: float
    freed_cost: float
    freed_fte: float
    by_goal: dict[str, float]


def resources(
    context: RuleContext, orphan_ids: set[str], candidates: list[RemovalCandidate]
) -> Resources:
    """The total, the money aligned to goals and the orphans', what removing every candidate
    would free, and each goal's share (a program's cost split evenly over the goals it
    reaches)."""
    live, goals_of = context.live, context.goals_of
    total = orphan = 0.0
    by_goal = {g: 0.0 for g in context.goal_ids}
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
