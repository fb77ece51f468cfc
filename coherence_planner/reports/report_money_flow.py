"""The report's first picture: where the program money goes, on a page turned sideways."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak, Spacer

from coherence_planner.domain.coherence import Analysis
from coherence_planner.domain.district import District
from coherence_planner.domain.money_flow import flow_summary
from coherence_planner.reports.money_flow_pdf import MoneyFlowFigure
from coherence_planner.reports.report_doc import Heading
from coherence_planner.reports.report_styles import para

KEY = (
    "Each band is dollars a year, from the programs (left) through the strategies they serve "
    "to the goals (right); a program serving several goals is split evenly between them. "
    "Grey: money reaching no goal. Vermillion: removal candidates. Policies cost nothing of "
    "their own; thin lines show what they serve."
)


def money_flow_section(district: District, analysis: Analysis) -> list[Flowable]:
    """Heading, one sentence to read aloud, the key, and the diagram filling the page."""
    return [
        Heading("Where the money goes", 0),
        para(flow_summary(district, analysis), "body"),
        para(KEY, "muted"),
        Spacer(1, 6),
        MoneyFlowFigure(district, analysis),
        PageBreak(),
    ]
