"""Lines the inspector adds under an item's findings: a goal's progress, a strategy's current
improvement cycle, and the guiding prompt of each theme the item is tagged with."""

from __future__ import annotations

import datetime as dt

from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.items import Goal, Item, Strategy
from coherence_planner.domain.progress.cycles import current_cycle, cycle_summary, latest_cycle
from coherence_planner.domain.progress.indicators import goal_progress


def framework_lines(item: Item, school_year: str, today: dt.date | None = None) -> list[str]:
    lines = []
    if isinstance(item, Goal):
        progress = goal_progress(item, school_year)
        lines.append(f"Progress: {progress.status} — {progress.reason}.")
    if isinstance(item, Strategy) and item.cycles:
        running = current_cycle(item, today or dt.date.today())
        if running is not None:
            lines.append(f"Current cycle: {cycle_summary(running)}.")
        else:
            last = latest_cycle(item)
            assert last is not None
            lines.append(f"No cycle running; the latest: {cycle_summary(last)}.")
    for slug in getattr(item, "themes", ()):
        lines.append(f"{vocab.THEME_LABELS[slug]}: {vocab.THEME_PROMPTS[slug]}")
    return lines
