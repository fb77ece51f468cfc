"""Export a PDF (the map or the report) to a file, all or nothing.

This is the single entry point the command line and the app's export dialog share: options
are checked before anything is written, the PDF is built under a temporary name beside the
target, and it replaces the target only when complete, so a failure or a cancel never leaves
half a file.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from coherence_planner.domain.analysis.coherence import Analysis, analyse
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.text import visible
from coherence_planner.reports.book.pdf import write_report_pdf
from coherence_planner.reports.fonts import print_problem
from coherence_planner.reports.map.pdf import plan_map, write_map_pdf
from coherence_planner.reports.paper import PAPERS, ExportError, Sheet
from coherence_planner.reports.progress import Progress, no_progress
from coherence_planner.storage.atomic import write_atomically

KINDS = ("report", "map")


@dataclass(frozen=True)
class PdfOptions:
    """What to print and on what paper. `tile` (columns, rows) and `goal` are for the map."""

    kind: str = "report"
    paper: str = "letter"
    landscape: bool = False
    tile: tuple[int, int] | None = None
    goal: str | None = None
    # The report's every-item appendix: None prints it unless the plan is large enough for
    # the report to summarise (report_scale.LARGE_PLAN).
    appendix: bool | None = None

    @property
    def sheet(self) -> Sheet:
        return Sheet(self.paper, self.landscape)


def check_options(district: District, options: PdfOptions) -> None:
    """Refuse an impossible request with a sentence that says what to change."""
    if options.kind not in KINDS:
        raise ExportError(f"cannot print {options.kind!r}: choose the report or the map")
    if options.paper not in PAPERS:
        raise ExportError(f"paper {options.paper!r} is not one of {', '.join(PAPERS)}")
    if options.kind == "report" and (options.tile or options.goal):
        raise ExportError("tiling and focusing on a goal apply to the map (--map)")
    if options.kind == "map" and options.appendix is not None:
        raise ExportError("the every-item appendix is part of the report (--report)")
    if options.goal is not None:
        goal = district.items.get(options.goal)
        if goal is None or goal.kind != "goal" or not goal.live:
            raise ExportError(f"{options.goal}: no live goal with that id to focus the map on")


def export_pdf(
    district: District,
    target: Path,
    options: PdfOptions,
    *,
    analysis: Analysis | None = None,
    progress: Progress = no_progress,
    today: dt.date | None = None,
) -> int:
    """Write the PDF to `target`; returns its page count. Raises ExportError before writing
    anything when the options cannot be printed, and Cancelled if progress cancels."""
    check_options(district, options)
    analysis = analysis or analyse(district)
    if options.kind == "map":
        plan_map(district, analysis, options.sheet, options.tile, options.goal)
    pages = 0

    def build(temp: Path) -> None:
        # Drawn in memory, written in one go: on a full disk the write says ENOSPC and
        # reportlab leaves no half-closed file behind.
        nonlocal pages
        buffer = io.BytesIO()
        if options.kind == "map":
            pages = write_map_pdf(
                district,
                analysis,
                buffer,
                sheet=options.sheet,
                tile=options.tile,
                goal=options.goal,
                progress=progress,
                today=today,
            )
        else:
            pages = write_report_pdf(
                district,
                analysis,
                buffer,
                sheet=options.sheet,
                progress=progress,
                today=today,
                appendix=options.appendix,
            )
        temp.write_bytes(buffer.getvalue())

    write_atomically(Path(target), build)
    return pages


def print_problems(district: District) -> list[str]:
    """Each name that will not print as written (fonts.print_problem), in words."""
    # As printed: without the bidi controls the PDF leaves out (domain/model/text.py).
    named = [(visible(district.name), "the district")]
    named += [
        (item.label, vocab.KIND_LABELS[item.kind].lower()) for item in district.items.values()
    ]
    out = []
    for name, what in named:
        problem = print_problem(name)
        if problem:
            short = name if len(name) <= 40 else name[:39] + "…"
            out.append(f"“{short}” ({what}) {problem}")
    return out
