"""Planning the Indicators sheet: each goal's indicators, read through the same cell path
as every other sheet (values.parse_field)."""

from __future__ import annotations

import copy
from typing import Any

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model.items import Indicator
from coherence_planner.storage.spreadsheets import values as V
from coherence_planner.storage.spreadsheets.header_words import ColumnMapping
from coherence_planner.storage.spreadsheets.plan import ItemUpdate
from coherence_planner.storage.spreadsheets.planner_base import PlannerBase, header_for, row_key
from coherence_planner.storage.spreadsheets.reading import Row, Sheet


def plan_indicators(planner: PlannerBase, sheet: Sheet, columns: ColumnMapping) -> None:
    """Each goal's indicators from the Indicators sheet: all of a goal's rows replace its
    indicators, unless one of its cells cannot be read."""
    goal_header = header_for(columns, "goal")
    if goal_header is None:
        planner.problem(sheet, "an indicators sheet needs a Goal column")
        return
    by_goal: dict[str, list[Indicator]] = {}
    first_row: dict[str, Row] = {}
    bad_goals: set[str] = set()
    for row in sheet.rows:
        ref = V.parse_text(sheet.cell(row, goal_header))[0]
        goal = planner.resolve(ref, ("goal",)) if ref else None
        if goal is None or planner.item(goal) is None or planner.item(goal).kind != "goal":  # type: ignore[union-attr]
            planner.problem(sheet, f"no goal has the id or name {ref!r}", row, goal_header)
            continue
        values: dict[str, Any] = {}
        for spec in F.INDICATOR_FIELDS:
            header = header_for(columns, spec.name)
            if header is None:
                continue
            value, error = V.parse_field(spec, sheet.cell(row, header))
            if error:
                planner.problem(sheet, error, row, header)
                bad_goals.add(goal)
            values[spec.name] = value
        by_goal.setdefault(goal, []).append(Indicator(**values))
        first_row.setdefault(goal, row)
    for goal_id, indicators in by_goal.items():
        if goal_id in bad_goals:
            continue
        row = first_row[goal_id]
        planned = planner.planned.get(goal_id)
        if planned is not None:
            planned.indicators = indicators  # type: ignore[attr-defined]
            continue
        existing = planner.district.items[goal_id]
        current = getattr(existing, "indicators", [])
        keys = [spec.name for spec in F.INDICATOR_FIELDS]
        if [[getattr(i, k) for k in keys] for i in current] != [
            [getattr(i, k) for k in keys] for i in indicators
        ]:
            for kept, new in zip(current, indicators, strict=False):
                new.extra = dict(kept.extra)
            planner.plan.updates.append(
                ItemUpdate(
                    goal_id,
                    existing.name,
                    {"indicators": (copy.deepcopy(current), indicators)},
                    sheet.place(row),
                    row_key(sheet, row),
                )
            )
