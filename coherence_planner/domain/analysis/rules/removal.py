"""Rule 5, second half: removal candidates, the orphans and the programs not kept, each with
every reason that applies. The law beats any formula: a required item is never proposed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from coherence_planner.domain.analysis.rules.context import RuleContext
from coherence_planner.domain.analysis.rules.orphans import Orphan
from coherence_planner.domain.model.items import Program


@dataclass(frozen=True)
class RemovalCandidate:
    id: str
    kind: str
    name: str
    reasons: tuple[str, ...]
    annual_cost: float | int | None
    fte: float | int | None


def removal_candidates(
    context: RuleContext, orphans: list[Orphan], not_kept: dict[str, tuple[str, ...]]
) -> list[RemovalCandidate]:
    """The candidates by id; an orphan's reason comes before its reasons for not being kept."""
    reasons: dict[str, list[str]] = defaultdict(list)
    for orphan in orphans:
        reasons[orphan.id].append(orphan.reason)
    for program_id, why in not_kept.items():
        reasons[program_id].extend(why)
    candidates = []
    for item_id in sorted(reasons):
        item = context.live[item_id]
        if item.required:
            continue  # the law beats any formula: never proposed for removal
        cost = item.annual_cost if isinstance(item, Program) else None
        fte = item.fte if isinstance(item, Program) else None
        candidates.append(
            RemovalCandidate(item_id, item.kind, item.name, tuple(reasons[item_id]), cost, fte)
        )
    return candidates
