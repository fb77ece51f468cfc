"""Command-line exporters by file suffix, beyond the interchange JSON in export.py.

Each exporter takes (district, out_path, parsed_args) and writes out_path atomically.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from coherence_planner.domain.model.district import District

Exporter = Callable[[District, Path, argparse.Namespace], None]


def export_svg(district: District, out: Path, args: argparse.Namespace) -> None:
    """The coherence map as SVG (cards carry data-item-id, links data-from/data-to)."""
    from coherence_planner.domain.model.collector import collector_paused

    # Importing, analysing, laying out and writing allocate in bursts and make no cycles
    # worth collecting: the collector's 40-odd passes over every object alive took about
    # a tenth of the 500-program export's whole process.
    with collector_paused():
        from coherence_planner.domain.analysis.coherence import analyse
        from coherence_planner.domain.layout.pipeline import layout_map
        from coherence_planner.reports.map.svg import write_svg

        # The map draws no might-compete hints (a findings-list data gap): skip them, as
        # check does.
        analysis = analyse(district, might_compete=False)
        layout = layout_map(district, analysis, goal_focus=args.goal, today=dt.date.today())
        write_svg(out, district, analysis, layout)


def export_png(district: District, out: Path, args: argparse.Namespace) -> None:
    """The coherence map as a PNG at twice its size in points; works without a display."""
    from coherence_planner.ui.map.export import export_png as render

    render(district, out, args)


def export_pdf(district: District, out: Path, args: argparse.Namespace) -> None:
    """`export FILE OUT.pdf [--map|--report] [--paper P] [--landscape] [--tile CxR] [--goal G]`."""
    from coherence_planner.cli.common import CommandError, quiet_library_notes
    from coherence_planner.reports.paper import ExportError, parse_tile

    quiet_library_notes()  # the report draws its charts with matplotlib
    from coherence_planner.reports.pdf_export import PdfOptions, print_problems
    from coherence_planner.reports.pdf_export import export_pdf as write_pdf

    try:
        options = PdfOptions(
            kind=args.pdf_kind or "report",
            paper=args.paper,
            landscape=bool(args.landscape),
            tile=parse_tile(args.tile) if args.tile else None,
            goal=args.goal,
            appendix=args.appendix,
        )
        write_pdf(district, out, options)
    except ExportError as exc:
        raise CommandError(f"{out.name}: {exc}") from None
    # The PDF font (DejaVu Sans) has no Chinese, Japanese, Korean or emoji, and reportlab
    # does not join Arabic letters: say which names will not print as written.
    for problem in print_problems(district):
        print(f"note: {problem}")


def export_xlsx(district: District, out: Path, args: argparse.Namespace) -> None:
    # The spreadsheet code (and openpyxl) loads only for a spreadsheet: an SVG or a PDF
    # export has no use for it.
    from coherence_planner.cli import spreadsheets as spreadsheet_cli

    spreadsheet_cli.export_xlsx(district, out, args)


def export_csv(district: District, out: Path, args: argparse.Namespace) -> None:
    from coherence_planner.cli import spreadsheets as spreadsheet_cli

    spreadsheet_cli.export_csv(district, out, args)


EXPORTERS: dict[str, Exporter] = {
    ".svg": export_svg,
    ".png": export_png,
    ".xlsx": export_xlsx,
    ".csv": export_csv,
    ".pdf": export_pdf,
}
