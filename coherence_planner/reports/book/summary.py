"""The report's front: the cover, the contents and the one-page summary of key numbers."""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.analysis.gaps import percent, plan_gaps
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.wording import money, plural
from coherence_planner.reports.book.doc import Heading
from coherence_planner.reports.book.styles import markup, para, right, table
from coherence_planner.reports.charts.alignment import alignment_chart
from coherence_planner.reports.charts.spend_by_goal import spend_by_goal_chart
from coherence_planner.reports.markup import esc, shortened
from coherence_planner.reports.pdf_meta import district_title, printed_on


def kind_counts(district: District) -> str:
    counts = {k: 0 for k in ("goal", "strategy", "program", "policy")}
    for item in district.items.values():
        counts[item.kind] += 1
    return (
        ", ".join(
            [
                plural(counts["goal"], "goal"),
                plural(counts["strategy"], "strategy", "strategies"),
                plural(counts["program"], "program"),
                plural(counts["policy"], "policy", "policies"),
            ]
        )
        + f"; {plural(len(district.links), 'link')}"
    )


COVER_TITLE_CHARS = 160


def cover(district: District, today: dt.date | None) -> list[Flowable]:
    title = district_title(district)
    # 28 pt type holds about 200 characters on the cover's page; a longer name is cut
    # there and printed whole beneath, in body type.
    short = shortened(title, COVER_TITLE_CHARS)
    parts: list[Flowable] = [Spacer(1, 150), para(short, "title")]
    if short != title:
        parts += [Spacer(1, 6), para(title, "muted")]
    parts += [Spacer(1, 12), para("Coherence report", "subtitle")]
    if district.school_year:
        parts.append(para(f"School year {district.school_year}", "subtitle"))
    parts += [
        Spacer(1, 24),
        para(f"Prepared {printed_on(today)}", "muted"),
        Spacer(1, 8),
        para(
            "Which programs and policies serve the district's student-learning goals, which "
            "do not, which compete for the same students, and what stopping them would free.",
            "muted",
        ),
        NextPageTemplate("body"),
        PageBreak(),
    ]
    return parts


def summary(district: District, analysis: Analysis, width: float) -> list[Flowable]:
    res = analysis.resources
    share = (
        f" ({res.aligned_cost / res.total_cost:.0%} of program spending)" if res.total_cost else ""
    )
    in_groups = sum(len(g.members) for g in analysis.competing)
    required = sum(1 for item in district.items.values() if item.live and item.required)
    gaps = plan_gaps(district, analysis.goals_of, analysis.might_compete)
    rows = [
        ("Items in the plan", kind_counts(district)),
        ("Not linked to any goal", plural(len(analysis.orphans), "item")),
        ("Goals nothing supports", plural(len(analysis.unsupported_goals), "goal")),
        ("Explicit conflicts", plural(len(analysis.conflicts), "conflict")),
        (
            "Competing groups",
            f"{plural(len(analysis.competing), 'group')} ({plural(in_groups, 'program')})",
        ),
        ("Removal candidates", plural(len(analysis.removal_candidates), "item")),
        ("Required by law (never removal candidates)", plural(required, "item")),
        ("How complete the programs' facts are", percent(gaps.completeness)),
        ("Program spending", money(res.total_cost)),
        ("Serving the goals", money(res.aligned_cost) + share),
        ("Not tied to any goal", money(res.orphan_cost)),
        (
            "Freed by the removal candidates",
            f"{money(res.freed_cost)} and {res.freed_fte:,.1f} FTE",
        ),
    ]
    body = [[para(name, "cell"), right(value)] for name, value in rows]
    return [
        Heading("Summary", 0),
        para(
            "The key numbers of the analysis. Each finding is listed with its reason in "
            "the Findings section; nothing here is a decision, only what the plan shows.",
            "muted",
        ),
        Spacer(1, 8),
        table(("Measure", "Value"), body, (width * 0.45, width * 0.55), align_right=(1,)),
        Spacer(1, 14),
        alignment_chart(analysis, width),
        *spend_on_summary(district, analysis, width),
        PageBreak(),
    ]


SUMMARY_GOALS = 10  # up to this many goals, their spending chart fills the summary's page


def spend_on_summary(district: District, analysis: Analysis, width: float) -> list[Flowable]:
    """The money by goal on the summary page (its Charts section has it for more goals)."""
    if not 0 < len(analysis.resources.by_goal) <= SUMMARY_GOALS:
        return []
    return [Spacer(1, 10), spend_by_goal_chart(district, analysis, width)]


def section_intro(text: str) -> Flowable:
    return markup(esc(text), "muted")
