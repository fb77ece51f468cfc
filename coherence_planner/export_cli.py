"""Command-line exporters by file suffix, beyond the interchange JSON in cli.py.

Each exporter takes (district, out_path, parsed_args) and writes out_path atomically.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from coherence_planner import spreadsheet_cli
from coherence_planner.domain.district import District

Exporter = Callable[[District, Path, argparse.Namespace], None]


def export_svg(district: District, out: Path, args: argparse.Namespace) -> None:
    """The coherence map as SVG (cards carry data-item-id, links data-from/data-to)."""
    from coherence_planner.domain.coherence import analyse
    from coherence_planner.domain.layout import layout_map
    from coherence_planner.reports.map_svg import write_svg

    analysis = analyse(district)
    write_svg(out, district, analysis, layout_map(district, analysis, goal_focus=args.goal))


EXPORTERS: dict[str, Exporter] = {
    ".svg": export_svg,
    ".xlsx": spreadsheet_cli.export_xlsx,
    ".csv": spreadsheet_cli.export_csv,
}
