"""`coherence-planner import SRC --into FILE.coherence`: a plan from a district
.json, or created or updated from a spreadsheet (see spreadsheets.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from coherence_planner.cli.common import CommandError, _create_plan, _summary, load


def cmd_import(args: argparse.Namespace) -> int:
    from coherence_planner.cli.spreadsheets import SPREADSHEET_SUFFIXES, import_spreadsheet

    if Path(args.source).suffix.lower() in SPREADSHEET_SUFFIXES:
        if not args.into.endswith(".coherence"):
            raise CommandError(f"{args.into}: a plan's name must end in .coherence")
        # Into an existing plan this updates matching items in place (one undoable change);
        # it never replaces the file unless --replace.
        print(
            import_spreadsheet(
                args.source,
                args.into,
                args.mapping,
                replace=args.replace,
                skip_problem_rows=args.skip_problem_rows,
                cost_column=args.cost_column,
            )
        )
        return 0
    if args.cost_column:
        raise CommandError("--cost-column applies to spreadsheets (.xlsx, .csv) only")
    if args.mapping:
        raise CommandError("--mapping applies to spreadsheets (.xlsx, .csv) only")
    district = load(args.source)
    _create_plan(args.into, district, args.replace)
    print(f"Created {args.into}: {_summary(district)}")
    return 0
