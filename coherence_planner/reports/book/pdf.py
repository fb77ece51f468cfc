"""The cabinet's coherence report as a PDF: cover, contents, summary, where the money goes, map, goals (with their
progress charts), findings, removal candidates, the retreat (decision log, chosen scenario,
ratings, initiative load), themes, improvement cycles, changes since the last snapshot,
charts and an appendix of every item."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable, PageBreak, Spacer

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.model.district import District
from coherence_planner.domain.retreat.tables import retreat_tables
from coherence_planner.reports.book.contents import ContentsBlock, contents_pages, headings
from coherence_planner.reports.book.doc import Heading, PageFill, ReportDoc
from coherence_planner.reports.book.findings import findings, removal_candidates
from coherence_planner.reports.book.framework import cycles, since_snapshot, themes
from coherence_planner.reports.book.goals import goal_sections
from coherence_planner.reports.book.inventory import inventory
from coherence_planner.reports.book.map_section import map_section
from coherence_planner.reports.book.money_flow import money_flow_section
from coherence_planner.reports.book.retreat import (
    chosen_scenario,
    decision_log,
    initiative_load_section,
    ratings,
)
from coherence_planner.reports.book.scale import report_scale, summarised_note
from coherence_planner.reports.book.styles import markup, paper_type, para
from coherence_planner.reports.book.summary import cover, spend_on_summary, summary
from coherence_planner.reports.book.votes import round_votes
from coherence_planner.reports.charts.cost_evidence import compared_programs, cost_evidence_chart
from coherence_planner.reports.charts.spend_by_goal import spend_by_goal_chart
from coherence_planner.reports.fonts import expect, plan_texts, register_fonts
from coherence_planner.reports.paper import Sheet
from coherence_planner.reports.pdf_meta import district_title, pdf_target
from coherence_planner.reports.progress import Progress, no_progress, scaled

# Alone on the Charts page, the scatter is about as tall as it is wide: three quarters of a
# Letter page, two thirds of a Tabloid one; one shape for every paper, so one drawing serves
# them all.
ALONE_ASPECT = 1.05


def _charts(district: District, analysis: Analysis, width: float) -> list[Flowable]:
    parts: list[Flowable] = [Heading("Charts", 0)]
    aspect = None  # after the spending chart, the scatter's own height
    if not spend_on_summary(district, analysis, width):
        parts += [spend_by_goal_chart(district, analysis, width), Spacer(1, 16)]
    else:
        aspect = ALONE_ASPECT
    if not compared_programs(district):
        # An empty plot with ticks of "$0" and "$-0" says nothing a sentence cannot.
        parts.append(
            para(
                "No program has both a yearly cost and a number of students served, so the "
                "cost per student cannot be set against the strength of the evidence. Add "
                "those two facts to the programs to see this chart.",
                "muted",
            )
        )
        return [*parts, PageBreak()]
    return [*parts, cost_evidence_chart(district, analysis, width, aspect=aspect), PageBreak()]


def write_report_pdf(
    district: District,
    analysis: Analysis,
    path: Path | BinaryIO,
    *,
    sheet: Sheet,
    progress: Progress = no_progress,
    today: dt.date | None = None,
    appendix: bool | None = None,
    fills: list[PageFill] | None = None,
) -> int:
    """Write the report to `path`; returns the number of pages. A large plan's report
    summarises (report_scale); `appendix` None prints the every-item appendix only when the
    report does not summarise. `fills`, if given, gets how full each page is."""
    register_fonts()
    expect(plan_texts(district))
    with paper_type(sheet.size):
        doc = _build(district, analysis, path, sheet, progress, today, appendix)
    if fills is not None:
        fills += doc.fills
    return int(doc.page)


def _build(
    district: District,
    analysis: Analysis,
    path: Path | BinaryIO,
    sheet: Sheet,
    progress: Progress,
    today: dt.date | None,
    appendix: bool | None,
) -> ReportDoc:
    scale = report_scale(district, appendix)
    title = district_title(district)
    footer = f"{title} · coherence report"
    if district.school_year:
        footer += f" · {district.school_year}"
    doc = ReportDoc(
        pdf_target(path),
        pagesize=sheet.size,
        title=f"{title} — coherence report",
        author=title,
        footer=footer,
        progress=scaled(progress, 0.3, 1.0),
    )
    width = doc.width
    progress(0.0, "Writing the summary")
    story: list[Flowable] = []
    intro = summary(district, analysis, width)
    if scale.summarised:
        intro.insert(2, para(summarised_note(scale), "body"))
    story += intro
    progress(0.03, "Drawing where the money goes")
    story += money_flow_section(district, analysis)
    progress(0.05, "Drawing the map")
    story += map_section(district, analysis, doc.width, doc.height, scale)
    progress(0.15, "Writing the goals and findings")
    story += goal_sections(district, analysis, width, scale)
    story += findings(district, analysis, width, scale)
    story += removal_candidates(district, analysis, width, scale)
    progress(0.18, "Writing the retreat")
    tables = {t.key: t for t in retreat_tables(district, analysis)}
    story += decision_log(district, tables, width)
    story += chosen_scenario(district, tables, width)
    story += ratings(district, tables, width)
    story += round_votes(district, width)
    story += initiative_load_section(district, tables, width, scale)
    story += themes(district, analysis, width)
    story += cycles(district, width, today)
    story += since_snapshot(district, width)
    progress(0.2, "Drawing the charts")
    story += _charts(district, analysis, width)
    if scale.appendix:
        story += inventory(district, analysis, width)
    # The contents go after the cover, sized now that every heading is in the story.
    title = markup("Contents", "h1")
    below_title = doc.height - float(title.wrap(width, doc.height)[1]) - title.style.spaceAfter
    blocks = contents_pages(list(headings(story)), width, below_title, doc.height)
    story[:0] = [*cover(district, today), title, *blocks, PageBreak()]
    del intro
    # The story itself is laid out: reportlab takes each flowable off its front as it is
    # placed, so a page's paragraphs and tables (their wrapped lines, their cells) are freed
    # once drawn instead of living until the file is written (at 10,000 programs about
    # 100 MB, the difference between the tagged report's peak and the 300 MB goal).
    doc.build_story(story, [b for b in blocks if isinstance(b, ContentsBlock)])
    progress(1.0, "Report written")
    return doc
