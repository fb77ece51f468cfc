"""The appendix: every item in the plan, so each one can be found by name in the packet.

No id column: a board member reads names (issue 27), and the name is what the rest of the
packet and the app show."""

from __future__ import annotations

from reportlab.platypus import Flowable

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Program
from coherence_planner.domain.model.wording import money
from coherence_planner.reports.book.doc import Heading
from coherence_planner.reports.book.styles import para, table


def inventory(district: District, analysis: Analysis, width: float) -> list[Flowable]:
    w = width
    parts: list[Flowable] = [
        Heading("Appendix: every item", 0),
        para("Every goal, strategy, program and policy, with the goals each one serves.", "muted"),
    ]
    rows = []
    for item in district.ordered_items():
        cost = item.annual_cost if isinstance(item, Program) else None
        goals = analysis.goals_of.get(item.id, ()) if item.kind != "goal" else ()
        serves = "; ".join(district.items[g].label for g in goals)
        rows.append(
            [
                item.label,
                vocab.KIND_LABELS[item.kind],
                item.status,
                money(cost) if cost is not None else "",
                serves or ("—" if item.kind != "goal" else ""),
            ]
        )
    parts.append(
        table(
            ("Name", "Kind", "Status", "Annual cost", "Serves goals"),
            rows,
            (w * 0.38, w * 0.1, w * 0.1, w * 0.12, w * 0.3),
            wrap=(0, 4),
            align_right=(3,),
        )
    )
    return parts
