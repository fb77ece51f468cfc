"""Chart: each program's cost per student against the strength of its evidence.

Programs up and to the right (costly per student, weak evidence) are the first to question;
removal candidates are marked so they stand out without colour too (a cross, not a dot).
"""

from __future__ import annotations

from matplotlib.figure import Figure

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout import style as palette
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Program
from coherence_planner.domain.model.wording import money_short
from coherence_planner.reports.charts import alt_text
from coherence_planner.reports.charts.figures import fit_layout
from coherence_planner.reports.charts.image import DESIGN_WIDTH, chart, new_figure, style_axes
from coherence_planner.reports.charts.vector import VectorChart

_NO_EVIDENCE = 5
HEIGHT = 260.0
Points = dict[bool, tuple[list[float], list[float]]]


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
        tier = item.evidence_tier if item.evidence_tier is not None else _NO_EVIDENCE
        jitter = ((n * 37) % 21 - 10) / 40  # spread dots of one tier, the same every time
        tiers.setdefault(item.evidence_tier, []).append(per_student)
        xs, ys = groups[item.id in candidates]
        xs.append(tier + jitter)
        ys.append(per_student)
    key = (
        "cost and evidence",
        *(tuple(map(tuple, groups[flag])) for flag in (False, True)),
        left_out,
        aspect,
    )
    height = HEIGHT if aspect is None else DESIGN_WIDTH * aspect
    words = alt_text.cost_evidence(tiers, len(groups[True][0]), left_out)
    return chart(
        key, lambda: _figure(groups, left_out, height), width, (DESIGN_WIDTH, height), alt=words
    )


def _figure(groups: Points, left_out: int, height: float) -> Figure:
    figure = new_figure(DESIGN_WIDTH, height)
    axes = figure.add_subplot()
    axes.scatter(*groups[False], s=14, color=palette.BLUE, alpha=0.75, label="Other programs")
    axes.scatter(
        *groups[True], s=22, marker="x", color=palette.VERMILLION, label="Removal candidates"
    )
    ticks = [*vocab.EVIDENCE_TIERS, _NO_EVIDENCE]
    axes.set_xticks(ticks, [vocab.EVIDENCE_LABELS[t if t != _NO_EVIDENCE else None] for t in ticks])
    axes.set_xlim(0.4, _NO_EVIDENCE + 0.6)
    if any(groups[False][1]) or any(groups[True][1]):
        axes.set_yscale("log")
    axes.yaxis.set_major_formatter(lambda v, _pos: money_short(v).replace("$", r"\$"))
    axes.set_ylabel("Cost per student served", fontsize=7)
    title = "Cost per student against evidence tier"
    if left_out:
        title += f" ({left_out} without cost or students left out)"
    axes.set_title(title, fontsize=9, loc="left")
    axes.legend(fontsize=7, frameon=False, loc="upper left")
    style_axes(axes)
    fit_layout(figure)
    return figure
