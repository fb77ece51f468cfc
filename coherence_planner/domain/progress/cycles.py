"""Short improvement cycles on a strategy: which one is running, and how to say it.

A cycle runs from `start` to `end` inclusive; an empty start means "since always" and an
empty end means "still running". The strategy's card and the report show the current cycle.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from coherence_planner.domain.model.items import Strategy


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def is_running(cycle: dict[str, Any], on: dt.date) -> bool:
    start, end = _date(cycle.get("start", "")), _date(cycle.get("end", ""))
    return (start is None or start <= on) and (end is None or on <= end)


def current_cycle(strategy: Strategy, on: dt.date) -> dict[str, Any] | None:
    """The cycle running on `on`; when several overlap, the one that started last."""
    running = [c for c in strategy.cycles if is_running(c, on)]
    if not running:
        return None
    return max(running, key=lambda c: (c.get("start", "") or "0000", c.get("end", "") or "9999"))


def latest_cycle(strategy: Strategy) -> dict[str, Any] | None:
    """The cycle that started last (the one to show when none is running)."""
    if not strategy.cycles:
        return None
    return max(strategy.cycles, key=lambda c: c.get("start", "") or "0000")


def cycle_dates(cycle: dict[str, Any]) -> str:
    """'2026-09-01 to 2026-10-15', 'from 2026-09-01', 'until 2026-10-15' or 'no dates'."""
    start, end = cycle.get("start", ""), cycle.get("end", "")
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"from {start}"
    if end:
        return f"until {end}"
    return "no dates"


def cycle_summary(cycle: dict[str, Any]) -> str:
    """One line for a card: dates, focus and the next step."""
    text = f"{cycle_dates(cycle)}: {cycle.get('focus') or 'no focus named'}"
    if cycle.get("next_step"):
        text += f" — next: {cycle['next_step']}"
    return text


def current_cycle_rows(strategies: list[Strategy], on: dt.date) -> list[tuple[str, ...]]:
    """(id, strategy, dates, focus, evidence, next step) of each strategy's current cycle,
    for the report; strategies with no running cycle are left out."""
    rows: list[tuple[str, ...]] = []
    for strategy in strategies:
        cycle = current_cycle(strategy, on)
        if cycle is not None:
            rows.append(
                (
                    strategy.id,
                    strategy.name,
                    cycle_dates(cycle),
                    cycle.get("focus", ""),
                    cycle.get("evidence", ""),
                    cycle.get("next_step", ""),
                )
            )
    return rows


def card_line(strategy: Strategy, on: dt.date, width: int = 40) -> str:
    """A short line for the strategy's card on the map: the running cycle's end and focus,
    "Cycle to 12-18: Grade-level teams look…"; empty when no cycle is running."""
    cycle = current_cycle(strategy, on)
    if cycle is None:
        return ""
    end = cycle.get("end", "")
    head = f"Cycle to {end[5:]}" if end else "Cycle"
    text = f"{head}: {cycle.get('focus') or 'no focus named'}"
    return text if len(text) <= width else text[: width - 1] + "…"
