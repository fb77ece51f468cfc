"""The report's first picture: where the program money goes, on a page turned sideways."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak, Spacer

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.analysis.money_flow import FLOW_KEY, flow_summary
from coherence_planner.domain.model.district import District
from coherence_planner.reports.book.doc import Heading
from coherence_planner.reports.book.styles import para
from coherence_planner.reports.charts.money_flow_pdf import MoneyFlowFigure


def money_flow_section(district: District, analysis: Analysis) -> list[Flowable]:
    """Heading, one sentence to read aloud, the key, and the diagram filling the page."""
    return [
        Heading("Where the money goes", 0),
        para(flow_summary(district, analysis), "body"),
        para(FLOW_KEY, "muted"),
        Spacer(1, 6),
        MoneyFlowFigure(district, analysis),
        PageBreak(),
    ]
