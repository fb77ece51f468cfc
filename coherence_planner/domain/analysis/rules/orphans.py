"""Rule 1: orphans, live items other than goals that reach no student-learning goal.

A required orphan is still an orphan (version 2); its reason says it must be linked."""

from __future__ import annotations

from dataclasses import dataclass

from coherence_planner.domain.analysis.rules.context import RuleContext
from coherence_planner.domain.model.items import Item
from coherence_planner.domain.model.wording import join_words

ORPHAN_REASON = "not linked to any student-learning goal"
REQUIRED_ORPHAN_REASON = (
    "required by law, but not linked to any student-learning goal: link it to the goal it serves"
)


@dataclass(frozen=True)
class Orphan:
    id: str
    kind: str
    name: str
    reason: str


def find_orphans(context: RuleContext) -> list[Orphan]:
    """Every orphan, by id."""
    live, masks = context.live, context.masks
    orphans = []
    for item_id in sorted(live):
        item = live[item_id]
        if item.kind != "goal" and masks[item_id] == 0:
            reason = _orphan_reason(context, item)
            orphans.append(Orphan(item_id, item.kind, item.name, reason))
    return orphans


def _orphan_reason(context: RuleContext, item: Item) -> str:
    head = REQUIRED_ORPHAN_REASON if item.required else ORPHAN_REASON
    targets = sorted(link.dst for link in context.district.supports_from(item.id))
    if not targets:
        return head
    described = []
    for target_id in targets:
        note = "" if target_id in context.live else " (retired)"
        described.append(f"{context.names(target_id)}{note}")
    those = "that does" if len(described) == 1 else "those do"
    pointer = (
        f"it supports {join_words(described)}, but {those} not reach a student-learning goal either"
    )
    if item.required:
        return f"{head} ({pointer})"
    return f"{ORPHAN_REASON}: {pointer}"
