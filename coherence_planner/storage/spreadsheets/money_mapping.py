"""The cost column as a mapping has it: the line that says which money is imported, and
the person's own choice of it (`--cost-column` on the command line, a click in the wizard).

money_columns.py ranks a sheet's money columns; this module applies a choice to a mapping
and says it, the same words on the command line and in the preview.
"""

from __future__ import annotations

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model import vocab
from coherence_planner.storage.errors import KnownError
from coherence_planner.storage.spreadsheets.header_words import header_key
from coherence_planner.storage.spreadsheets.mapping import SheetMapping
from coherence_planner.storage.spreadsheets.money_columns import (
    chosen_for,
    money_columns,
    money_sentence,
)
from coherence_planner.storage.spreadsheets.plan import ImportPlan
from coherence_planner.storage.spreadsheets.planning import guess_mappings
from coherence_planner.storage.spreadsheets.reading import Sheet
from coherence_planner.storage.spreadsheets.reconcile import check_totals, total_lines
from coherence_planner.storage.spreadsheets.sheet import column_letter
from coherence_planner.storage.spreadsheets.year_tabs import earlier_year_tabs


class CostColumnError(KnownError):
    """`--cost-column` names a column no sheet of the file has."""

    def __init__(self, message: str) -> None:
        super().__init__("", message)


def _has_cost(kind: str | None) -> bool:
    return kind in vocab.ITEM_KINDS and any(s.name == "annual_cost" for s in F.fields_of(kind))


def _mapped(
    sheets: list[Sheet], mappings: dict[str, SheetMapping]
) -> list[tuple[Sheet, SheetMapping]]:
    out = []
    for sheet in sheets:
        entry = mappings.get(sheet.name) or mappings.get("*")
        if entry is not None and _has_cost(entry["kind"]) and sheet.rows:
            out.append((sheet, entry))
    return out


def cost_header(sheet: Sheet, wanted: str) -> str | None:
    """The sheet's header `wanted` names: the header's text (case and spacing aside) or
    its column letter ("M")."""
    for index, header in enumerate(sheet.headers):
        if header_key(header) == header_key(wanted) or (
            wanted.strip().isalpha() and column_letter(index + 1) == wanted.strip().upper()
        ):
            return header
    return None


def with_cost_column(
    sheets: list[Sheet], mappings: dict[str, SheetMapping], wanted: str
) -> dict[str, SheetMapping]:
    """The mappings with `wanted` as the annual cost on every sheet of programs that has
    it; refused, naming the money columns there are, when no such sheet has it."""
    out = dict(mappings)
    used = False
    for sheet, entry in _mapped(sheets, mappings):
        header = cost_header(sheet, wanted)
        if header is None:
            continue
        columns = {h: t for h, t in entry["columns"].items() if t != "annual_cost"}
        columns[header] = "annual_cost"
        out[sheet.name] = SheetMapping(kind=entry["kind"], columns=columns)
        used = True
    if not used:
        found = [
            f"{c.letter} {c.header!r}"
            for sheet, _ in _mapped(sheets, mappings)
            for c in money_columns(sheet)
        ]
        listed = "; the money columns are " + ", ".join(found) if found else ""
        raise CostColumnError(
            f"--cost-column {wanted!r}: no sheet of programs has that column{listed}."
        )
    return out


def explain_money(
    plan: ImportPlan, sheets: list[Sheet], mappings: dict[str, SheetMapping] | None
) -> None:
    """Fill `plan.money_said` (the cost line, the totals, the formulas computed or not) and
    `plan.cost_alternatives`, for the command line and the preview alike."""
    # An earlier year's tab is not read (year_tabs.py): its money is not spoken of either.
    earlier = earlier_year_tabs(sheets)
    sheets = [s for s in sheets if s.name not in earlier or (mappings or {}).get(s.name)]
    used = dict(mappings) if mappings is not None else guess_mappings(sheets)
    for sheet in sheets:  # a sheet without an entry is read with its guess
        if sheet.name not in used and "*" not in used:
            used.update(guess_mappings([sheet]))
    # A plan cut short (plan.PlanTooLarge) is refused: checked, its totals would call every
    # row after the cut left out, and the check grew with the square of those rows.
    checks = [] if plan.cut_short else check_totals(sheets, used, plan)
    plan.money_said = [
        *money_lines(sheets, used),
        *total_lines(checks),
        *(note for sheet in sheets for note in sheet.reading_notes),
    ]
    plan.cost_alternatives = []
    for sheet, entry in _mapped(sheets, used):
        header = next((h for h, t in entry["columns"].items() if t == "annual_cost"), None)
        others = chosen_for(sheet, header, entry["kind"] or "program").others
        for other in sorted(others, key=lambda c: c.hidden):  # a hidden column last
            shown = f"{other.letter} {other.header!r}" + (" (hidden)" if other.hidden else "")
            plan.cost_alternatives.append((sheet.name, other.header, shown))


def money_lines(sheets: list[Sheet], mappings: dict[str, SheetMapping]) -> list[str]:
    """One line per sheet of programs that had money columns to choose between."""
    mapped = _mapped(sheets, mappings)
    lines = []
    for sheet, entry in mapped:
        header = next((h for h, t in entry["columns"].items() if t == "annual_cost"), None)
        sentence = money_sentence(
            chosen_for(sheet, header, entry["kind"] or "program"), len(mapped) > 1
        )
        if sentence:
            lines.append(sentence)
    return lines
