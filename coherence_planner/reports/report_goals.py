"""One section per goal: its indicators, what supports it, and the money attributed to it."""

from __future__ import annotations

from reportlab.platypus import Flowable, Image, KeepTogether, PageBreak, Spacer

from coherence_planner.domain import vocab
from coherence_planner.domain.coherence import Analysis
from coherence_planner.domain.district import District
from coherence_planner.domain.indicators import goal_progress, indicator_rows
from coherence_planner.domain.items import Goal, Program
from coherence_planner.domain.map_style import badges
from coherence_planner.domain.wording import money, plural
from coherence_planner.reports.indicator_chart import goal_progress_png
from coherence_planner.reports.report_doc import Heading
from coherence_planner.reports.report_retreat import png_image
from coherence_planner.reports.report_styles import para, right, table

CHART_WIDTH_IN = 6.4
CHART_BASE_IN = 3.4  # the plot; the legend below it takes a line per indicator
CHART_LINE_IN = 0.22


def _progress_chart(goal: Goal, school_year: str, width: float) -> Image:
    """The goal's progress chart (the app's chart, at print resolution)."""
    lines = len(goal.indicators)
    inches_w, inches_h = CHART_WIDTH_IN, CHART_BASE_IN + CHART_LINE_IN * lines
    data = goal_progress_png(goal, school_year, dpi=150, width=inches_w, height=inches_h)
    return png_image(data, width * 0.8, inches_h / inches_w)


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
        progress = goal_progress(goal, district.school_year)
        parts.append(para(f"Progress: {progress.status} — {progress.reason}.", "muted"))
        parts.append(Spacer(1, 3))
        rows = [
            [name or "—", right(base), right(now), right(target), status]
            for name, base, now, target, status in indicator_rows(goal, district.school_year)
        ]
        w = width
        parts.append(
            table(
                ("Indicator", "Baseline", "Current", "Target", "Status"),
                rows,
                (w * 0.4, w * 0.15, w * 0.15, w * 0.15, w * 0.15),
                wrap=(0,),
                align_right=(1, 2, 3),
            )
        )
    else:
        parts.append(para("No indicators recorded.", "muted"))
    # The goal's name, description and indicators start on the same page.
    parts = [KeepTogether(parts)]
    if goal.indicators:
        parts += [Spacer(1, 6), _progress_chart(goal, district.school_year, width)]
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
