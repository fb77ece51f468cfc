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

EXPORTERS: dict[str, Exporter] = {
    ".xlsx": spreadsheet_cli.export_xlsx,
    ".csv": spreadsheet_cli.export_csv,
}
