"""What each chart shows, in words: the alternative text of its Figure in the tagged PDF.

A screen reader reads this instead of the drawing, so it says what a sighted reader takes
from the chart, in numbers (the spend by goal: "Reading $4.2M (33%)…"), never "a bar chart".
Names are the plan's own; ids never appear."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence

from coherence_planner.domain.analysis.load import LoadTable
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.items import Goal, Indicator
from coherence_planner.domain.model.wording import money_short, plural
from coherence_planner.domain.retreat import ratings as R
from coherence_planner.reports.markup import clean

MOST = 10  # a long list is cut to its first names and how many more


def _listed(parts: Sequence[str], most: int = MOST) -> str:
    shown = list(parts[:most])
    if len(parts) > most:
        shown.append(f"and {len(parts) - most:,} more")
    return "; ".join(shown)


def _share(amount: float, total: float) -> str:
    return f"{money_short(amount)} ({amount / total:.0%})" if total else money_short(amount)


def amounts(title: str, named: Iterable[tuple[str, float]], total: float | None = None) -> str:
    """ "Title: A, $4.2M (33%); B, $3.1M (24%)…", every name with its money and its share of
    `total` (of them all, by default)."""
    rows = list(named)
    total = sum(amount for _, amount in rows) if total is None else total
    parts = [f"{clean(name)}, {_share(amount, total)}" for name, amount in rows]
    return f"{title}: {'; '.join(parts) or 'nothing'}."


def cost_evidence(tiers: dict[int | None, list[float]], candidates: int, left_out: int) -> str:
    """The scatter: per evidence tier, how many programs and their median cost per student."""
    count = sum(len(costs) for costs in tiers.values())
    parts = []
    for tier in [*vocab.EVIDENCE_TIERS, None]:
        costs = tiers.get(tier, [])
        if costs:
            label = vocab.EVIDENCE_LABELS[tier]
            median = money_short(statistics.median(costs))
            parts.append(f"{label}: {plural(len(costs), 'program')}, median {median} a student")
    words = (
        f"Cost per student against evidence tier, for {plural(count, 'program')} "
        f"({candidates:,} of them removal candidates). {'; '.join(parts)}."
    )
    if left_out:
        words += f" {plural(left_out, 'program')} without a cost per student are left out."
    return words


def quadrant(rated: Sequence[R.ProgramRatings]) -> str:
    """The ratings quadrant: which programs fall in each quadrant."""
    parts = []
    for name in (*R.QUADRANTS, "unrated"):
        members = [clean(r.name) for r in rated if r.quadrant == name]
        if members:
            label = R.QUADRANT_LABELS[name]
            parts.append(f"{label} ({len(members):,}): {', '.join(members[:MOST])}")
    return f"Programs by rated implementation and impact. {_listed(parts)}."


def load(table: LoadTable) -> str:
    """The heat map: its size and its heaviest cells."""
    heavy = [f"{clean(s)}, {clean(b)}: {n:,} programs" for s, b, n in table.flagged()]
    words = (
        f"Programs per school and grade band, for {plural(len(table.schools), 'school')}; "
        f"a cell above {table.threshold:,} programs is overloaded."
    )
    if heavy:
        return f"{words} Overloaded: {_listed(heavy)}."
    return f"{words} No cell is overloaded."


def _point(value: float | int | None, year: int | None, unit: str) -> str:
    if value is None:
        return "not recorded"
    unit = clean(unit)
    words = f"{value:,}{unit if unit == '%' else ' ' + unit if unit else ''}"
    return f"{words} in {year}" if year else words


def _indicator(indicator: Indicator) -> str:
    i = indicator
    return (
        f"{clean(i.name) or 'Unnamed indicator'}: from {_point(i.baseline, i.baseline_year, i.unit)} "
        f"to {_point(i.current, i.current_year, i.unit)}, "
        f"target {_point(i.target, i.target_year, i.unit)}"
    )


def goal_progress(goal: Goal) -> str:
    """A goal's progress chart: each indicator's baseline, latest value and target."""
    parts = [_indicator(i) for i in goal.indicators]
    return f"Progress toward {clean(goal.label)}. {_listed(parts)}."
