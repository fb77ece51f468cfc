"""When the report summarises instead of listing every item.

A board reads a packet of tens of pages, not thousands: a 10,000-program plan listed row by
row was a 2,707-page report. Above `LARGE_PLAN` live programs the report keeps the removal
candidates in full and shows the rest as tables by goal, by strategy and by missing fact; the
item-by-item appendix is then left out unless asked for (the plan's workbook has every item).
"""

from __future__ import annotations

from dataclasses import dataclass

from coherence_planner.domain.model.district import District

LARGE_PLAN = 200  # live programs: above this, the report summarises (a 300-program plan
# listed in full was 107 Letter pages, longer than a summarised 2,000-program one)


@dataclass(frozen=True)
class ReportScale:
    """How much the report lists: `summarised` above LARGE_PLAN programs; `appendix` whether
    the every-item appendix is printed."""

    programs: int
    summarised: bool
    appendix: bool


def report_scale(district: District, appendix: bool | None = None) -> ReportScale:
    """`appendix` None means: the appendix for plans that are not summarised."""
    programs = sum(1 for i in district.items.values() if i.kind == "program")
    live = sum(1 for i in district.items.values() if i.kind == "program" and i.live)
    summarised = live > LARGE_PLAN
    return ReportScale(programs, summarised, (not summarised) if appendix is None else appendix)


def summarised_note(scale: ReportScale) -> str:
    """The sentence that tells the reader what the summary leaves out and where it is."""
    where = (
        "The appendix lists every item."
        if scale.appendix
        else "Every item is listed in the plan's Excel workbook (File ▸ Export ▸ Excel "
        "workbook in Coherence Planner)."
    )
    return (
        f"This plan has {scale.programs:,} programs, so this report summarises: each goal's "
        "support by strategy, competing groups one line each, missing facts by fact, and "
        f"the removal candidates in full. {where}"
    )
