"""The command line's spreadsheet verbs, on top of storage.spreadsheets.

`import inventory.xlsx --into FILE.coherence [--mapping map.json]` creates the plan when it
does not exist (or with --replace), and otherwise imports into it as one undoable, stored
change, so re-importing an edited inventory updates the plan in place. `export FILE OUT.xlsx`
writes every kind, links, indicators and the findings; `export FILE OUT.csv` writes programs.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from coherence_planner.domain.model.collector import collector_paused
from coherence_planner.domain.model.district import District
from coherence_planner.storage.errors import KnownError, ReadOnlyDestination, ReadOnlyLocation
from coherence_planner.storage.spreadsheets import (
    ImportPlan,
    Sheet,
    SheetMapping,
    guess_mappings,
    load_mappings,
    plan_import,
    read_spreadsheet,
    write_csv,
    write_xlsx,
)
from coherence_planner.storage.spreadsheets.choosing import NothingToImport, why_nothing
from coherence_planner.storage.spreadsheets.money_mapping import explain_money, with_cost_column
from coherence_planner.storage.spreadsheets.proposals import scenario_name

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")


# One pause for the whole import (reading, planning, applying, writing a new plan all make
# bursts of objects and no cycles): collector.py. Its parts pause too, for the wizard.
@collector_paused()
def import_spreadsheet(
    source: str | Path,
    into: str | Path,
    mapping: str | Path | None = None,
    *,
    replace: bool = False,
    skip_problem_rows: bool = False,
    cost_column: str | None = None,
) -> str:
    """Import a spreadsheet into a plan; returns the lines to print.

    Raises SpreadsheetError, MappingError or ImportRefused (all KnownError) with nothing
    written when the file cannot be read or has problems (unless `skip_problem_rows`).
    `cost_column` (a header or a column letter) is the money imported as annual cost,
    instead of the column money_columns.py would choose.
    """
    from coherence_planner.storage.document import Document

    source, into = Path(source), Path(into)
    if into.exists() and not replace:
        with Document.open(into) as doc:
            # Before any work: in a folder SQLite cannot write its journal in, a write can
            # fail silently (issue 24), and the import would print "Imported" for nothing.
            if doc.read_only:
                raise _read_only_place(into)
            sheets, mappings = _read(source, mapping, cost_column)
            plan = plan_import(sheets, mappings, doc.district, source=source.name)
            explain_money(plan, sheets, mappings)
            _refuse_if_empty(sheets, mappings, plan, skip_problem_rows)
            if not plan.is_empty or plan.problems or plan.proposals:
                doc.apply(plan.to_command(doc.district, skip_problem_rows=skip_problem_rows))
        verb = "Imported into"
    else:
        if not os.access(into.parent, os.W_OK):
            raise ReadOnlyDestination(into)
        sheets, mappings = _read(source, mapping, cost_column)
        district = District(name=source.stem)
        plan = plan_import(sheets, mappings, district, source=source.name)
        explain_money(plan, sheets, mappings)
        _refuse_if_empty(sheets, mappings, plan, skip_problem_rows)
        # Named after the district on the title block, when the sheet has one.
        district.name = plan.district_name or source.stem
        plan.to_command(district, skip_problem_rows=skip_problem_rows).do(district)
        Document.create(into, district, replace=replace).close()
        verb = "Created"
    applied = plan.without_problem_rows() if plan.problems else plan
    named = f" for {plan.district_name}" if plan.district_name and verb == "Created" else ""
    lines = [f"{verb} {into.name}{named} from {source.name}: {applied.summary()}"]
    _, layout = plan.found_layout()
    if layout:
        lines.append(f"  Layout: {layout}")
    lines += [f"  {line}" for line in plan.money_said]
    lines += [f"  skipped: {problem}" for problem in plan.problems]
    lines += [f"  warning: {warning}" for warning in applied.warnings]
    lines += [f"  note: {note}" for note in applied.notes]
    if applied.guessed_types:
        guessed = ", ".join(f"{name} ({kind})" for name, kind in applied.guessed_types)
        lines.append(f"  note: types guessed from program names, to confirm: {guessed}")
    if applied.guessed_required:
        required = ", ".join(f"{name} ({why})" for name, why in applied.guessed_required)
        lines.append(f"  note: marked required by law from their names, to confirm: {required}")
    if applied.proposals:
        lines.append(
            f"  note: {len(applied.proposals)} proposals saved as the scenario "
            f"{scenario_name(plan.source)!r}, not as decisions"
        )
    return "\n".join(lines)


def _read_only_place(plan: Path) -> KnownError:
    """Why a plan cannot be written: its folder, or the file itself, is read-only."""
    return (
        ReadOnlyDestination(plan) if not os.access(plan.parent, os.W_OK) else ReadOnlyLocation(plan)
    )


def _read(
    source: Path, mapping: str | Path | None, cost_column: str | None = None
) -> tuple[list[Sheet], dict[str, SheetMapping] | None]:
    sheets = read_spreadsheet(source)
    mappings = load_mappings(mapping) if mapping else None
    if cost_column:
        mappings = with_cost_column(sheets, mappings or guess_mappings(sheets), cost_column)
    return sheets, mappings


def _refuse_if_empty(
    sheets: list[Sheet],
    mappings: dict[str, SheetMapping] | None,
    plan: ImportPlan,
    skip_problem_rows: bool,
) -> None:
    applied = plan.without_problem_rows() if plan.problems and skip_problem_rows else plan
    if not plan.rows_read or (skip_problem_rows and not applied.rows_read):
        raise NothingToImport(why_nothing(sheets, mappings or guess_mappings(sheets), plan))


def export_xlsx(district: District, out: Path, args: argparse.Namespace) -> None:
    """Every kind, Links, Indicators and Findings (exporter for export_cli.EXPORTERS)."""
    from coherence_planner.domain.analysis.coherence import analyse

    write_xlsx(district, analyse(district), out)


def export_csv(district: District, out: Path, args: argparse.Namespace) -> None:
    """The programs as CSV (exporter for export_cli.EXPORTERS)."""
    write_csv(district, out, kind="program")
