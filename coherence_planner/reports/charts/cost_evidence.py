"""Chart: each program's cost per student against the strength of its evidence.

Programs up and to the right (costly per student, weak evidence) are the first to question;
removal candidates are marked so they stand out without colour too (a cross, not a dot).
Drawn straight as vectors (charts/scatter_vector.py).
"""

from __future__ import annotations

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Program
from coherence_planner.reports.charts import alt_text
from coherence_planner.reports.charts.image import DESIGN_WIDTH
from coherence_planner.reports.charts.scatter_vector import NO_EVIDENCE, Points, scatter_ops
from coherence_planner.reports.charts.vector import VectorChart

HEIGHT = 260.0


def compared_programs(district: District) -> int:
    """How many live programs have a cost per student to set against their evidence."""
    count = 0
    for item in district.items_of("program"):
        assert isinstance(item, Program)
        per_student = item.cost_per_student
        count += item.live and per_student is not None and per_student > 0
    return count


def cost_evidence_chart(
    district: District, analysis: Analysis, width: float, *, aspect: float | None = None
) -> VectorChart:
    """The scatter `width` points wide; `aspect` (height over width) makes it as tall as the
    page it has to itself."""
    candidates = {c.id for c in analysis.removal_candidates}
    groups: Points = {False: ([], []), True: ([], [])}
    left_out = 0
    tiers: dict[int | None, list[float]] = {}  # each tier's costs a student, for the words
    for n, item in enumerate(district.items_of("program")):
        assert isinstance(item, Program)
        per_student = item.cost_per_student
        if not item.live or per_student is None or per_student <= 0:
            left_out += 1
            continue
        tier = item.evidence_tier if item.evidence_tier is not None else NO_EVIDENCE
        jitter = ((n * 37) % 21 - 10) / 40  # spread dots of one tier, the same every time
        tiers.setdefault(item.evidence_tier, []).append(per_student)
        xs, ys = groups[item.id in candidates]
        xs.append(tier + jitter)
        ys.append(per_student)
    height = HEIGHT if aspect is None else DESIGN_WIDTH * aspect
    words = alt_text.cost_evidence(tiers, len(groups[True][0]), left_out)
    return VectorChart(scatter_ops(groups, left_out, height), width, words)
