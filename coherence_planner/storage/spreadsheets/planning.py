"""Working out an import plan: which sheets are read, with which columns, in which order.

`plan_import` is the entry point; see plan.py for what a plan holds and how it is applied.
Each kind of sheet is planned in its own module over planner_base.py (the shared indexes,
ids, problems and name resolution): item sheets in item_planning.py, link columns and the
Links sheet in link_planning.py, the Indicators sheet in indicator_planning.py.
Rows are matched by the id column when it has a value, else by name (case-insensitive,
spaces trimmed) within the kind. Item sheets are read before link columns, the Links sheet
and the Indicators sheet, so a link may name an item the same import creates.
"""

from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.collector import collector_paused
from coherence_planner.domain.model.district import District
from coherence_planner.storage.spreadsheets.guessing import district_name, guess_columns
from coherence_planner.storage.spreadsheets.header_guess import is_report_sheet, unmapped_headers
from coherence_planner.storage.spreadsheets.header_words import (
    INDICATOR_SHEET,
    LINK_SHEET,
    ColumnMapping,
)
from coherence_planner.storage.spreadsheets.indicator_planning import plan_indicators
from coherence_planner.storage.spreadsheets.item_planning import ItemPlanner
from coherence_planner.storage.spreadsheets.layouts import is_archive_sheet
from coherence_planner.storage.spreadsheets.mapping import SheetMapping, check_mapping
from coherence_planner.storage.spreadsheets.plan import (
    ImportPlan,
    ImportProblem,
    PlanTooLarge,
    too_large,
    too_many_items,
)
from coherence_planner.storage.spreadsheets.planner_base import row_key
from coherence_planner.storage.spreadsheets.reading import Sheet
from coherence_planner.storage.spreadsheets.row_values import RowReader
from coherence_planner.storage.spreadsheets.year_tabs import earlier_year_tabs


def guess_mappings(sheets: list[Sheet]) -> dict[str, SheetMapping]:
    """The mapping `plan_import` uses when given none: each sheet's guessed kind and columns.

    The mapping dialog starts from this; a sheet whose kind is not guessed maps to None.
    """
    out: dict[str, SheetMapping] = {}
    for sheet in sheets:
        columns = guess_columns(sheet, sheet.kind) if sheet.kind else {}
        out[sheet.name] = SheetMapping(kind=sheet.kind, columns=columns)
    return out


# Planning makes items, links and warnings for every row and frees none of them: with the
# collector on, its full collections made planning 20,000 LCAP rows take 3.3 times
# 10,000's time (1.9 times with it paused; single runs, busy machine).
@collector_paused()
def plan_import(
    sheets: list[Sheet],
    mappings: dict[str, SheetMapping] | None,
    district: District,
    source: str = "",
    layout: str | None = None,
) -> ImportPlan:
    """Work out what importing these sheets into `district` would do; changes nothing.

    `mappings` is keyed by sheet name ("*" applies to any sheet without its own entry, which
    is how a mapping file names the one table of a CSV). A sheet with no entry uses its
    guessed kind and `guess_mapping`. Item sheets are read first (goals, strategies,
    programs, policies), then link columns, the Links sheet and the Indicators sheet, so a
    link may name an item created by the same import.

    `layout` (layouts.FLAT, BLOCKS or TABS) reads every sheet of programs in that layout
    instead of the one recognised; a sheet that cannot be read so is a problem that says
    what to change.
    """
    plan = ImportPlan(source=source, district_name=district_name(sheets))
    planner = ItemPlanner(district, plan)
    planner.chosen_layout = layout
    chosen: list[tuple[Sheet, str, ColumnMapping]] = []
    earlier = earlier_year_tabs(sheets)
    for sheet in sheets:
        entry = (mappings or {}).get(sheet.name) or (mappings or {}).get("*")
        kind = entry["kind"] if entry is not None else sheet.kind
        if kind is not None and sheet.name in earlier and (mappings or {}).get(sheet.name) is None:
            plan.notes.append(
                f"{sheet.place()}: skipped (an earlier year of the tab "
                f"'{earlier[sheet.name]}', which is read as the plan's year)"
            )
            continue
        if kind is None:
            plan.notes.append(
                f"{sheet.place()}: skipped (a report sheet of the export, for reading only)"
                if is_report_sheet(sheet.name)
                else f"{sheet.place()}: skipped (an archive of ended programs, not the plan)"
                if is_archive_sheet(sheet.name)
                else f"{sheet.place()}: skipped (not a list of goals, strategies, "
                "programs, policies, links or indicators)"
            )
            continue
        if not sheet.rows:
            plan.notes.append(f"{sheet.place()}: no rows")
            continue
        columns = dict(entry["columns"]) if entry is not None else guess_columns(sheet, kind)
        unusable = [
            *(p.split(": ", 1)[-1] for p in check_mapping(kind, columns, sheet.place())),
            *(
                f"the mapping names a column {header!r} that this sheet does not have"
                for header in columns
                if header not in sheet.headers
            ),
        ]
        if unusable:
            # This sheet is left out; the others are still read (so the plan shows what
            # they would import when this sheet's problems are skipped).
            plan.problems.extend(ImportProblem(sheet.place(), message) for message in unusable)
            continue
        ignored = [
            h
            for h in unmapped_headers(sheet.headers, columns)
            if not (kind == "goal" and RowReader(sheet, kind, columns, []).number_header == h)
        ]
        if ignored:
            plan.notes.append(
                f"{sheet.place()}: columns not imported: {', '.join(repr(h) for h in ignored)}"
            )
        chosen.append((sheet, kind, columns))
    order = {kind: i for i, kind in enumerate(vocab.ITEM_KINDS)}
    item_sheets = sorted((c for c in chosen if c[1] in order), key=lambda c: order[c[1]])
    try:
        for sheet, kind, columns in item_sheets:
            planner.item_sheet(sheet, kind, columns)
    except PlanTooLarge:
        plan.cut_short = True
        plan.problems.append(too_large(district, len(plan.creates), source, at_least=True))
    if not plan.cut_short:
        planner.number_goals(item_sheets)
        for sheet, kind, columns in item_sheets:
            planner.supports_column(sheet, kind, columns)
        planner.layout_links()
        too_many = too_many_items(district, len(plan.creates), source)
        if too_many is not None:
            plan.problems.append(too_many)
    if plan.created_goals:
        plan.notes.append(
            f"no list of goals was found, so {_listing(plan.created_goals)} "
            f"{'were' if len(plan.created_goals) > 1 else 'was'} created for the "
            f"{'goals the sheet names' if planner.created_goal_names else 'goal numbers the sheet uses'}"
            "; rename them after the import"
        )
    planner.drop_unchanged_proposals()
    plan.layouts = {name: sentence for name, (_, sentence) in planner.layouts.items()}
    plan.layout_kinds = {name: key for name, (key, _) in planner.layouts.items()}
    plan.read_rows = (
        set(planner.row_items)
        | planner.layout_rows
        | {
            row_key(sheet, row)
            for sheet, kind, _ in chosen
            if kind in (LINK_SHEET, INDICATOR_SHEET)
            for row in sheet.rows
        }
    )
    for sheet, kind, columns in [] if plan.cut_short else chosen:
        if kind == LINK_SHEET:
            planner.link_sheet(sheet, columns)
        elif kind == INDICATOR_SHEET:
            plan_indicators(planner, sheet, columns)
    plan.warnings = said_once(plan.warnings)
    return plan


def said_once(warnings: list[ImportProblem]) -> list[ImportProblem]:
    """The same warning about the same column on several rows ("'Staffing' is not a
    program type" on every staffing line) said once, naming its rows."""
    groups: dict[tuple[object, ...], list[ImportProblem]] = {}
    for warning in warnings:
        row = warning.row
        key = (row[0], row[1], warning.column, warning.message) if row else (id(warning),)
        groups.setdefault(key, []).append(warning)
    out: list[ImportProblem] = []
    for same in groups.values():
        first = same[0]
        if len(same) == 1 or first.row is None:
            out.extend(same)
            continue
        rows = ", ".join(str(w.row[2]) for w in same if w.row is not None)
        place = first.place.replace(f", row {first.row[2]}", f", rows {rows}", 1)
        out.append(ImportProblem(place, first.message, first.row, first.column))
    return out


def _listing(names: list[str]) -> str:
    quoted = [f"{n!r}" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" and {quoted[-1]}"
