"""Merging a colleague's copy of the plan: three-way, item by item, field by field.

lineage.py (plan id, revisions) → base.py (the shared revision) → sides.py (each version as
plain dicts) → fields.py and three_way.py (what each side changed, the conflicts) →
conflicts.py (their words) → apply.py (the person's choices, one undoable command).
"""

from coherence_planner.domain.merge.apply import MergeError, Result, merge_command, unresolved
from coherence_planner.domain.merge.base import prepare
from coherence_planner.domain.merge.conflicts import MINE, MISSING, THEIRS, Conflict, Taken
from coherence_planner.domain.merge.lineage import lineage_of, record_revision
from coherence_planner.domain.merge.three_way import Merged, merge
from coherence_planner.domain.model.collector import collector_paused
from coherence_planner.domain.model.district import District


def merge_plans(mine: District, theirs: District, base: District | None = None) -> Merged:
    """Everything merging `theirs` into `mine` finds: the base (`base`, or the revision they
    share), what each side changed, and the conflicts (neither district is changed)."""
    with collector_paused():  # a burst of small dicts: see collector.py
        return merge(prepare(mine, theirs, base))


__all__ = [
    "MINE",
    "MISSING",
    "THEIRS",
    "Conflict",
    "MergeError",
    "Merged",
    "Result",
    "Taken",
    "lineage_of",
    "merge_command",
    "merge_plans",
    "record_revision",
    "unresolved",
]
