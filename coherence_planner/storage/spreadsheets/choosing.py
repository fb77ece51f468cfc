"""Which sheet of a workbook is the inventory, and why an import found nothing in it.

A workbook holds a read-me, a lookup list, a chart's data and, somewhere, the inventory.
The wizard opens on the sheet most like one, and an import that finds no items names that
sheet and says what stopped it, instead of quietly writing an empty plan.
"""

from __future__ import annotations

from coherence_planner.domain.model import vocab
from coherence_planner.storage.errors import KnownError
from coherence_planner.storage.spreadsheets.guessing import guess_columns
from coherence_planner.storage.spreadsheets.header_guess import header_score, is_report_sheet
from coherence_planner.storage.spreadsheets.mapping import SheetMapping
from coherence_planner.storage.spreadsheets.plan import ImportPlan
from coherence_planner.storage.spreadsheets.planning import guess_mappings
from coherence_planner.storage.spreadsheets.reading import Sheet


class NothingToImport(KnownError):
    """An import that would find no goals, strategies, programs or policies."""

    def __init__(self, message: str) -> None:
        super().__init__("", message)


def inventory_score(sheet: Sheet) -> tuple[int, int, int]:
    """Higher for a sheet more like a program inventory: a program sheet first, then the
    headers the app knows, then the number of rows."""
    return (
        2 if sheet.kind == "program" else 1 if sheet.kind is not None else 0,
        header_score(sheet.headers),
        len(sheet.rows),
    )


def most_like_inventory(sheets: list[Sheet]) -> Sheet | None:
    """The sheet to open the import on; None when there is no sheet with rows."""
    candidates = [s for s in sheets if s.rows]
    return max(candidates, key=inventory_score) if candidates else None


def opening_mappings(sheets: list[Sheet]) -> dict[str, SheetMapping]:
    """The mapping the wizard opens with: the guesses, and never "skip" for the inventory.

    When no sheet was guessed to hold goals, strategies, programs or policies (a sheet
    named "Budget list" is skipped by its name), the sheet most like an inventory is read
    as programs, provided one of its columns can be the name.
    """
    mappings = guess_mappings(sheets)
    if any(m["kind"] in vocab.ITEM_KINDS for m in mappings.values()):
        return mappings
    sheet = most_like_inventory(sheets)
    if sheet is None or is_report_sheet(sheet.name) or mappings[sheet.name]["kind"] is not None:
        return mappings
    columns = guess_columns(sheet, "program")
    if "name" in columns.values():
        mappings[sheet.name] = SheetMapping(kind="program", columns=columns)
    return mappings


def why_nothing(sheets: list[Sheet], mappings: dict[str, SheetMapping], plan: ImportPlan) -> str:
    """One sentence: the sheet that looked like the inventory and why no item came of it."""
    sheet = most_like_inventory(sheets)
    if sheet is None:
        return "nothing was imported: no sheet has any rows"
    where = sheet.place()
    mapping = mappings.get(sheet.name) or mappings.get("*")
    kind = mapping["kind"] if mapping else sheet.kind
    shown = ", ".join(repr(h) for h in sheet.headers[:6]) + (
        ", ..." if len(sheet.headers) > 6 else ""
    )
    if kind is None:
        reason = (
            f"its headers (row {sheet.header_row}: {shown}) name no column the app knows; "
            "give a mapping file (--mapping, see the README) that names its columns"
        )
    elif (
        mapping is not None
        and "name" not in mapping["columns"].values()
        and ("id" not in mapping["columns"].values())
    ):
        reason = (
            f"no column holds the name (row {sheet.header_row}: {shown}); "
            "map one column to name in a mapping file (--mapping)"
        )
    else:
        skipped = [n for n in plan.notes if n.startswith(where) and "skipped" in n]
        problems = [p for p in plan.problems if p.place.startswith(where)]
        if problems:
            reason = f"every row has a problem, the first: {problems[0]}"
        elif skipped:
            reason = f"every row read as a heading, total or note ({skipped[0].split(': ', 1)[-1]})"
        else:
            reason = f"none of its {len(sheet.rows)} rows names an item"
    return f"nothing was imported: {where} looks like the inventory, but {reason}"
