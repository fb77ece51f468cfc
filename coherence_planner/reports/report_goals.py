"""One section per goal: its indicators, what supports it, and the money attributed to it."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from coherence_planner.domain import vocab
from coherence_planner.domain.coherence import Analysis
from coherence_planner.domain.district import District
from coherence_planner.domain.items import Goal, Program
from coherence_planner.domain.map_style import badges
from coherence_planner.domain.wording import money, plural
from coherence_planner.reports.report_doc import Heading
from coherence_planner.reports.report_styles import para, right, table


def _number(value: float | int | None, unit: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:,.10g}"
    if not unit:
        return text
    return text + unit if unit == "%" else f"{text} {unit}"


def flag_words(analysis: Analysis, item_id: str) -> str:
    return ", ".join(badges(analysis.flags_of(item_id), analysis.group_of.get(item_id))).lower()


def goal_sections(district: District, analysis: Analysis, width: float) -> list[Flowable]:
    parts: list[Flowable] = [Heading("Goals", 0)]
    goals = [g for g in district.items_of("goal") if g.live]
    if not goals:
        parts.append(para("The plan has no live goals yet."))
    supporters: dict[str, list[str]] = {g.id: [] for g in goals}
    for item in district.ordered_items():
        for goal_id in analysis.goals_of.get(item.id, ()):
            if item.kind != "goal" and goal_id in supporters:
                supporters[goal_id].append(item.id)
    for goal in goals:
        assert isinstance(goal, Goal)
        parts += _goal(district, analysis, goal, supporters[goal.id], width)
    parts.append(PageBreak())
    return parts


def _goal(
    district: District, analysis: Analysis, goal: Goal, supporter_ids: list[str], width: float
) -> list[Flowable]:
    parts: list[Flowable] = [Heading(f"{goal.id} {goal.name}", 1)]
    if goal.description:
        parts.append(para(goal.description))
    if goal.owner:
        parts.append(para(f"Owner: {goal.owner}", "muted"))
    if goal.id in analysis.unsupported_goals:
        parts.append(para("Nothing in the plan supports this goal.", "warning"))
    parts.append(Spacer(1, 4))
    if goal.indicators:
        rows = [
            [
                ind.name or "—",
                right(_number(ind.baseline, ind.unit)),
                right(_number(ind.current, ind.unit)),
                right(_number(ind.target, ind.unit)),
                right(str(ind.target_year) if ind.target_year else "—"),
            ]
            for ind in goal.indicators
        ]
        w = width
        parts.append(
            table(
                ("Indicator", "Baseline", "Current", "Target", "By"),
                rows,
                (w * 0.44, w * 0.15, w * 0.15, w * 0.15, w * 0.11),
                align_right=(1, 2, 3, 4),
            )
        )
    else:
        parts.append(para("No indicators recorded.", "muted"))
    # The goal's name, description and indicators start on the same page.
    parts = [KeepTogether(parts)]
    spend = analysis.resources.by_goal.get(goal.id, 0.0)
    programs = [i for i in supporter_ids if isinstance(district.items[i], Program)]
    parts += [
        Spacer(1, 6),
        para(
            f"Program spending attributed to this goal: {money(spend)} from "
            f"{plural(len(programs), 'program')} (a program serving several goals is split "
            "evenly between them).",
        ),
        Spacer(1, 4),
    ]
    if supporter_ids:
        rows = []
        for item_id in supporter_ids:
            item = district.items[item_id]
            cost = item.annual_cost if isinstance(item, Program) else None
            rows.append(
                [
                    vocab.KIND_LABELS[item.kind],
                    item_id,
                    item.label,
                    money(cost) if cost is not None else "",
                    flag_words(analysis, item_id),
                ]
            )
        w = width
        parts.append(
            table(
                ("Supported by", "ID", "Name", "Annual cost", "Flags"),
                rows,
                (w * 0.13, w * 0.08, w * 0.44, w * 0.14, w * 0.21),
                wrap=(2, 4),
                align_right=(3,),
            )
        )
    parts.append(Spacer(1, 8))
    return parts
