"""The command line's spreadsheet verbs, on top of storage.spreadsheets.

`import inventory.xlsx --into FILE.coherence [--mapping map.json]` creates the plan when it
does not exist (or with --replace), and otherwise imports into it as one undoable, stored
change, so re-importing an edited inventory updates the plan in place. `export FILE OUT.xlsx`
writes every kind, links, indicators and the findings; `export FILE OUT.csv` writes programs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from coherence_planner.domain.district import District
from coherence_planner.storage.spreadsheets import (
    load_mappings,
    plan_import,
    read_spreadsheet,
    write_csv,
    write_xlsx,
)

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")


def import_spreadsheet(
    source: str | Path,
    into: str | Path,
    mapping: str | Path | None = None,
    *,
    replace: bool = False,
    skip_problem_rows: bool = False,
) -> str:
    """Import a spreadsheet into a plan; returns the lines to print.

    Raises SpreadsheetError, MappingError or ImportRefused (all KnownError) with nothing
    written when the file cannot be read or has problems (unless `skip_problem_rows`).
    """
    from coherence_planner.storage.document import Document

    source, into = Path(source), Path(into)
    sheets = read_spreadsheet(source)
    mappings = load_mappings(mapping) if mapping else None
    if into.exists() and not replace:
        with Document.open(into) as doc:
            plan = plan_import(sheets, mappings, doc.district, source=source.name)
            if not plan.is_empty or plan.problems:
                doc.apply(plan.to_command(doc.district, skip_problem_rows=skip_problem_rows))
        verb = "Imported into"
    else:
        district = District(name=source.stem)
        plan = plan_import(sheets, mappings, district, source=source.name)
        plan.to_command(district, skip_problem_rows=skip_problem_rows).do(district)
        Document.create(into, district, replace=replace).close()
        verb = "Created"
    applied = plan.without_problem_rows() if plan.problems else plan
    lines = [f"{verb} {into.name} from {source.name}: {applied.summary()}"]
    lines += [f"  skipped: {problem}" for problem in plan.problems]
    lines += [f"  note: {note}" for note in applied.notes]
    return "\n".join(lines)


def export_xlsx(district: District, out: Path, args: argparse.Namespace) -> None:
    """Every kind, Links, Indicators and Findings (exporter for export_cli.EXPORTERS)."""
    from coherence_planner.domain.coherence import analyse

    write_xlsx(district, analyse(district), out)


def export_csv(district: District, out: Path, args: argparse.Namespace) -> None:
    """The programs as CSV (exporter for export_cli.EXPORTERS)."""
    write_csv(district, out, kind="program")
