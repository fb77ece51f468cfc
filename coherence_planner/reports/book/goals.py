"""One section per goal: its indicators, what supports it, and the money attributed to it."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout.style import badges, card_flags
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal, Program
from coherence_planner.domain.model.wording import money, plural
from coherence_planner.domain.progress.indicators import goal_progress, indicator_rows
from coherence_planner.reports.book.doc import Heading
from coherence_planner.reports.book.retreat import MAX_CHART_HEIGHT
from coherence_planner.reports.book.scale import ReportScale
from coherence_planner.reports.book.styles import kept_with, markup, para, right, table
from coherence_planner.reports.charts import alt_text
from coherence_planner.reports.charts.progress_vector import progress_ops
from coherence_planner.reports.charts.vector import VectorChart
from coherence_planner.reports.markup import esc


def _progress_chart(goal: Goal, school_year: str, width: float) -> Flowable:
    """The goal's progress chart, drawn as vectors without matplotlib (charts/progress_vector)."""
    made = progress_ops(goal, school_year)
    return VectorChart(
        made,
        min(width * 0.8, MAX_CHART_HEIGHT * made[1] / made[2]),
        alt_text.goal_progress(goal),
    )


def flag_words(district: District, analysis: Analysis, item_id: str) -> str:
    flags = card_flags(analysis.flags_of(item_id), district.items[item_id].required)
    return ", ".join(badges(flags, analysis.group_of.get(item_id))).lower()


def goal_sections(
    district: District, analysis: Analysis, width: float, scale: ReportScale
) -> list[Flowable]:
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
        served_by = (_by_strategy if scale.summarised else _supporters)(
            district, analysis, supporters[goal.id], width
        )
        intro = [Spacer(1, 6), _spending(district, analysis, goal, supporters[goal.id])]
        parts += kept_with(intro, served_by, width)
        parts.append(Spacer(1, 8))
    parts.append(PageBreak())
    return parts


def _goal(
    district: District, analysis: Analysis, goal: Goal, supporter_ids: list[str], width: float
) -> list[Flowable]:
    parts: list[Flowable] = [Heading(goal.label, 1)]
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
    return parts


def _spending(
    district: District, analysis: Analysis, goal: Goal, supporter_ids: list[str]
) -> Paragraph:
    """The sentence that opens the goal's table: it names the goal, so a table that starts
    a page still says whose it is."""
    spend = analysis.resources.by_goal.get(goal.id, 0.0)
    programs = [i for i in supporter_ids if isinstance(district.items[i], Program)]
    return markup(
        f"Program spending attributed to <b>{esc(goal.label)}</b>: {money(spend)} from "
        f"{plural(len(programs), 'program')} (a program serving several goals is split "
        "evenly between them)."
    )


def _supporters(
    district: District, analysis: Analysis, supporter_ids: list[str], width: float
) -> Flowable:
    """Every item that serves the goal, by name."""
    if not supporter_ids:
        return Spacer(1, 0)
    rows = []
    for item_id in supporter_ids:
        item = district.items[item_id]
        cost = item.annual_cost if isinstance(item, Program) else None
        rows.append(
            [
                vocab.KIND_LABELS[item.kind],
                item.label,
                money(cost) if cost is not None else "",
                flag_words(district, analysis, item_id),
            ]
        )
    w = width
    return table(
        ("Supported by", "Name", "Annual cost", "Flags"),
        rows,
        (w * 0.14, w * 0.49, w * 0.15, w * 0.22),
        wrap=(1, 3),
        align_right=(2,),
    )


def _by_strategy(
    district: District, analysis: Analysis, supporter_ids: list[str], width: float
) -> Flowable:
    """A large plan's goal: one row per strategy serving it, with the programs under it
    (each program counted under the first of its strategies that serves this goal)."""
    strategies = [i for i in supporter_ids if district.items[i].kind == "strategy"]
    serving = set(strategies)
    under: dict[str, list[Program]] = {s: [] for s in strategies}
    direct: list[Program] = []
    for item_id in supporter_ids:
        program = district.items[item_id]
        if not isinstance(program, Program):
            continue
        parents = [ln.dst for ln in district.supports_from(item_id) if ln.dst in serving]
        (under[parents[0]] if parents else direct).append(program)
    candidates = {c.id for c in analysis.removal_candidates}

    def row(name: str, programs: list[Program]) -> list[object]:
        cost = sum(p.annual_cost or 0.0 for p in programs)
        flagged = sum(1 for p in programs if p.id in candidates)
        return [name, right(f"{len(programs):,}"), right(money(cost)), right(f"{flagged:,}")]

    rows = [row(district.items[s].label, under[s]) for s in strategies]
    if direct:
        rows.append(row("Linked to the goal without a strategy", direct))
    if not rows:
        return Spacer(1, 0)
    w = width
    return table(
        ("Strategy", "Programs", "Annual cost", "Removal candidates"),
        rows,
        (w * 0.52, w * 0.14, w * 0.17, w * 0.17),
        wrap=(0,),
        align_right=(1, 2, 3),
    )
