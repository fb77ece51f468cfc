"""Rule 2: unsupported goals, live goals that no live item reaches."""

from __future__ import annotations

from coherence_planner.domain.analysis.rules.context import RuleContext


def unsupported_goals(context: RuleContext) -> list[str]:
    """The ids of the unsupported goals, sorted."""
    reached = 0
    for bits in context.masks.values():
        reached |= bits
    return [g for g in context.goal_ids if not reached & context.goal_bits[g]]
