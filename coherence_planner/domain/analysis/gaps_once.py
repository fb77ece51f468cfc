"""The plan's missing facts (gaps.plan_gaps) worked out once per analysis and revision of
the district, and remembered on the analysis (`Analysis.gaps_memo`).

The Items list, the Overview and the Findings each ask for them when an analysis comes: at
10,000 programs 40-60 ms each on the window's thread (issue 29). The analysis's worker works
them out beside the analysis, on the copy it analysed, so that the window does not at all.
"""

from __future__ import annotations

import weakref

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.analysis.gaps import PlanGaps, plan_gaps
from coherence_planner.domain.model.district import District


def current_gaps(district: District, analysis: Analysis) -> PlanGaps:
    """`plan_gaps` for `district` as it is now, by `analysis`'s goals: remembered, or
    worked out now (an edit since the analysis, or a small plan analysed at once)."""
    memo = analysis.gaps_memo
    if memo is not None and memo[0]() is district and memo[1] == district.revision:
        return memo[2]
    revision = district.revision
    gaps = plan_gaps(district, analysis.goals_of, analysis.might_compete)
    analysis.gaps_memo = (weakref.ref(district), revision, gaps)
    return gaps


def work_out_gaps_ahead(
    analysis: Analysis, district: District, revision: int, copy: District
) -> None:
    """Remember the gaps of `district` at `revision`, worked out on `copy`, an equal copy
    of it at that revision: the analysis's worker thread does it beside the analysis of
    the copy, so that `current_gaps` has them without working on the window's thread."""
    gaps = plan_gaps(copy, analysis.goals_of, analysis.might_compete)
    analysis.gaps_memo = (weakref.ref(district), revision, gaps)
