"""How the map's lanes, columns and bands are labelled: counts and money, no ids; and the
"via" line of a strategy folded into the supporting strategies' column."""

from __future__ import annotations

from collections.abc import Iterable

from coherence_planner.domain.layout.drivers import driver_chains
from coherence_planner.domain.layout.geometry import ORPHAN_LABEL
from coherence_planner.domain.model.items import Item
from coherence_planner.domain.model.text import visible
from coherence_planner.domain.model.wording import money_short


def orphan_label(count: int, money: float) -> str:
    things = "1 item" if count == 1 else f"{count} items"
    cost = f" · {money_short(money)} a year" if money else ""
    return f"{ORPHAN_LABEL} · {things}{cost}"


def column_label(kinds: set[str], column: int = 1) -> str:
    """A column's heading from the kinds standing in it; strategies past the first
    strategies' column serve other strategies (a driver diagram's secondary drivers)."""
    if kinds <= {"goal"}:
        return "Goals" if kinds else ""
    if kinds == {"strategy"}:
        return "Strategies" if column <= 1 else "Supporting strategies"
    if "strategy" in kinds:
        return "Strategies, programs & policies"
    return "Programs & policies"


def lane_label(kinds: list[str], money: float) -> str:
    """A lane's counts and money, e.g. "3 strategies · 12 programs & policies · $1.2M a year"."""
    strategies = kinds.count("strategy")
    others = len(kinds) - strategies
    parts = []
    if strategies:
        parts.append("1 strategy" if strategies == 1 else f"{strategies} strategies")
    if others:
        parts.append(f"{others} program{'s' if others != 1 else ''} & policies")
    if not parts:
        parts.append("Nothing supports this goal yet")
    if money:
        parts.append(f"{money_short(money)} a year")
    return " · ".join(parts)


def via_lines(items: dict[str, Item], supports: Iterable[tuple[str, str]]) -> dict[str, str]:
    """For every strategy that reaches a primary driver (a strategy serving no strategy)
    only through other supporting strategies (a chain deeper than a driver diagram's
    secondary drivers, folded into their column beside the one it serves), the chain in
    words: "via Data teams › Coaching cycles", nearest first (drivers.driver_chains)."""
    chains = driver_chains(items, supports)
    return {start: via_text(items, chain) for start, chain in chains.items() if len(chain) > 1}


def via_text(items: dict[str, Item], chain: list[str]) -> str:
    """ "via Data teams › Coaching cycles": the strategies of a chain (drivers.driver_chains)
    before its primary driver."""
    return "via " + " › ".join(visible(items[i].label) for i in chain[:-1])
