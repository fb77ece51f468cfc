"""The retreat agenda presenter mode walks: an opening, each goal (its line of sight,
indicators and competing groups), the orphans, then each removal candidate, then a close.

Plain data built from the district and its analysis, so the presenter only draws it and the
tests can check the order without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.analysis.rules.keeping import CompetingGroup
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal, Program

OPENING, GOAL, ORPHANS, CANDIDATE, CLOSE = "opening", "goal", "orphans", "candidate", "close"


@dataclass(frozen=True)
class Step:
    kind: str  # OPENING, GOAL, ORPHANS, CANDIDATE or CLOSE
    item_id: str = ""
    title: str = ""


def build_agenda(district: District, analysis: Analysis) -> list[Step]:
    steps = [Step(OPENING, title=district.name or "Our plan")]
    for goal in district.items_of("goal"):
        if goal.live:
            steps.append(Step(GOAL, goal.id, goal.name))
    if analysis.orphans:
        steps.append(Step(ORPHANS, title="Not tied to any goal"))
    for candidate in analysis.removal_candidates:
        steps.append(Step(CANDIDATE, candidate.id, candidate.name))
    steps.append(Step(CLOSE, title="What we decided"))
    return steps


@dataclass(frozen=True)
class Line:
    """One direct supporter of a goal and what stands behind it."""

    item_id: str
    label: str
    kind: str
    programs: int  # live programs that reach the goal through this supporter (itself included)
    cost: float


@dataclass(frozen=True)
class GoalBrief:
    goal: Goal
    lines: list[Line]
    indicators: list[str]
    competing: list[CompetingGroup]
    programs: int
    cost: float
    unsupported: bool


def _behind(district: District, item_id: str) -> set[str]:
    """Live items with a path to `item_id`, and the item itself."""
    seen = {item_id}
    todo = [item_id]
    while todo:
        current = todo.pop()
        for link in district.supported_by(current):
            src = link.src
            if src not in seen and district.items[src].live:
                seen.add(src)
                todo.append(src)
    return seen


def _number(value: float | int | None) -> str:
    if value is None:
        return "?"
    return f"{value:g}"


def goal_brief(district: District, analysis: Analysis, goal_id: str) -> GoalBrief:
    goal = district.get(goal_id)
    assert isinstance(goal, Goal)
    lines = []
    for link in district.supported_by(goal_id):
        src = district.items[link.src]
        if not src.live:
            continue
        behind = [district.items[i] for i in _behind(district, src.id)]
        programs = [p for p in behind if isinstance(p, Program)]
        cost = sum((p.annual_cost or 0) for p in programs)
        lines.append(Line(src.id, src.label, src.kind, len(programs), cost))
    lines.sort(key=lambda line: (-line.cost, line.item_id))
    indicators = []
    for ind in goal.indicators:
        unit = f" {ind.unit}" if ind.unit else ""
        year = f" by {ind.target_year}" if ind.target_year else ""
        indicators.append(
            f"{ind.name}: {_number(ind.baseline)} → {_number(ind.current)}{unit} "
            f"(target {_number(ind.target)}{year})"
        )
    reaching = [
        i
        for i, goals in analysis.goals_of.items()
        if goal_id in goals and district.items[i].kind == "program"
    ]
    return GoalBrief(
        goal=goal,
        lines=lines,
        indicators=indicators,
        competing=[g for g in analysis.competing if goal_id in g.goals],
        programs=len(reaching),
        cost=analysis.resources.by_goal.get(goal_id, 0.0),
        unsupported=goal_id in analysis.unsupported_goals,
    )
