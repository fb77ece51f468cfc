"""The sheet's own totals beside the money imported (issue 23).

A district's sheet carries its own totals: a grand total, a subtotal per band or goal, a
tab total. The import skips those rows (nonitems.py) and adds up the programs itself; here
each total is compared with the rows it covers, and where they disagree the planner is
told why, with the rows: a row the import left out that the total counts, a row the
total leaves out, a total that counts its rows twice (it adds the subtotals too), or a
total that is simply off (typed in, or a formula that missed a row). Spreadsheets' totals
often are off, so the rows are trusted and imported as they are; the sheet's figure is
only reported.

A total covers the program rows above it: a subtotal those since the total before it; a
grand total ("Grand", "All", "Report", "Overall", or a total with nothing since the one
before it) every row above; any other total whichever of the two it matches best.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from coherence_planner.storage.spreadsheets.mapping import SheetMapping
from coherence_planner.storage.spreadsheets.nonitems import ALLOCATION
from coherence_planner.storage.spreadsheets.plan import ImportPlan, RowKey
from coherence_planner.storage.spreadsheets.reading import Row, Sheet
from coherence_planner.storage.spreadsheets.row_values import RowReader
from coherence_planner.storage.spreadsheets.values.money import format_money

_SUBTOTAL = re.compile(r"(?i)\bsub\s*-?\s*total")
_GRAND = re.compile(r"(?i)\b(grand|all|report|overall|district|whole)\b")
CENT = 0.5  # a total within half a dollar agrees (rounding of cents)


@dataclass
class TotalCheck:
    """One of the sheet's totals, the rows it covers, and whether they agree."""

    sheet: str
    row: int
    label: str
    says: float
    rows_add_up_to: float
    rows: list[int] = field(default_factory=list)
    why: str = ""  # empty when they agree
    allocation: bool = False  # the grant's money to budget, not a sum of the rows

    @property
    def agrees(self) -> bool:
        return not self.why


def _label(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_totals(
    sheets: list[Sheet], mappings: dict[str, SheetMapping], plan: ImportPlan
) -> list[TotalCheck]:
    """Every total row of every sheet of programs, checked against the rows it covers."""
    checks: list[TotalCheck] = []
    totals = {key: label for key, label, why in plan.left_out if why.startswith("a total")}
    allocations = {key: label for key, label, why in plan.left_out if why == ALLOCATION}
    for sheet in sheets:
        entry = mappings.get(sheet.name) or mappings.get("*")
        if entry is None or entry["kind"] != "program":
            continue
        if "annual_cost" not in entry["columns"].values():
            continue
        reader = RowReader(sheet, "program", entry["columns"], [])
        checks.extend(_sheet_checks(sheet, reader.amount, totals, plan, allocations))
    return checks


def _sheet_checks(
    sheet: Sheet,
    amount: Callable[[Row], float | None],
    totals: dict[RowKey, str],
    plan: ImportPlan,
    allocations: dict[RowKey, str],
) -> list[TotalCheck]:
    out: list[TotalCheck] = []
    every: list[tuple[Row, float]] = []  # program rows above, with their amounts
    block: list[tuple[Row, float]] = []  # program rows since the last total
    missed: list[tuple[Row, float]] = []  # rows with money the import did not take
    # Each subtotal with the rows it closed: a grand total may leave a whole block out.
    blocks: list[tuple[Row, str, list[tuple[Row, float]]]] = []
    problem_rows = plan.problem_rows()
    read: dict[int, float] = {}  # row number -> amount, of the program rows read
    unread: dict[int, float] = {}  # and of the rows with money the import did not take
    goal_rows: list[tuple[Row, float]] = []
    allocated: list[tuple[Row, float]] = []
    for row in sheet.rows:
        key: RowKey = (sheet.file, sheet.name, row.number)
        value = amount(row)
        if key in allocations:
            if value is not None:
                allocated.append((row, value))
            continue
        if key in plan.goal_blocks:
            if value is not None:  # a goal's subtotal, checked against its actions below
                goal_rows.append((row, value))
            continue
        if key in totals:
            if value is not None:
                check = _check(sheet, row, totals[key], value, block, every, missed)
                if check.why and check.rows == [r.number for r, _ in every]:
                    check.why = _block_left_out(value, every, blocks) or check.why
                out.append(check)
                if block:
                    blocks.append((row, totals[key], block))
            block = []
            continue
        if value is None:
            continue
        if key in plan.read_rows and key not in problem_rows:
            every.append((row, value))
            block.append((row, value))
            read[row.number] = value
        else:
            missed.append((row, value))
            unread[row.number] = value
    by_number = {row.number: row for row in sheet.rows}
    for row, says in goal_rows:
        name, members = plan.goal_blocks[(sheet.file, sheet.name, row.number)]
        covered = [(by_number[n], read[n]) for n in members if n in read]
        within = [(by_number[n], unread[n]) for n in members if n in unread]
        label = f"the subtotal of the goal {_label(name, 32)}"
        out.append(_compare(sheet, row, label, says, covered, within))
    for row, says in allocated:
        label = _label(allocations[(sheet.file, sheet.name, row.number)].rstrip(" :"))
        spent = round(sum(v for _, v in every), 2)
        rows = [r.number for r, _ in every]
        out.append(TotalCheck(sheet.name, row.number, label, says, spent, rows, allocation=True))
    return sorted(out, key=lambda c: c.row)


def _check(
    sheet: Sheet,
    row: Row,
    label: str,
    says: float,
    block: list[tuple[Row, float]],
    every: list[tuple[Row, float]],
    missed: list[tuple[Row, float]],
) -> TotalCheck:
    if _SUBTOTAL.search(label) and block:
        covered = block
    elif _GRAND.search(label) or not block:
        covered = every
    else:
        covered = min(
            (every, block), key=lambda rows: abs(sum(v for _, v in rows) - says)
        )  # ties: every row, the first of the two
    first = covered[0][0].number if covered else row.number
    # `missed` is in row order: the rows between are found by bisection, not by reading all
    # of them for every total (a sheet of many rows left out made that quadratic).
    start = bisect_left(missed, first, key=lambda pair: pair[0].number)
    end = bisect_left(missed, row.number, lo=start, key=lambda pair: pair[0].number)
    within = missed[start:end]
    return _compare(sheet, row, label, says, covered, within)


def _compare(
    sheet: Sheet,
    row: Row,
    label: str,
    says: float,
    covered: list[tuple[Row, float]],
    within: list[tuple[Row, float]],
) -> TotalCheck:
    """The total of `row` beside the rows it covers; `within` are the rows among them the
    import did not take, which may explain a gap."""
    total = round(sum(v for _, v in covered), 2)
    check = TotalCheck(
        sheet.name, row.number, _label(label), says, total, [r.number for r, _ in covered]
    )
    if abs(total - says) > CENT:
        check.why = _why(says, total, covered, within)
    return check


def _block_left_out(
    says: float,
    every: list[tuple[Row, float]],
    blocks: list[tuple[Row, str, list[tuple[Row, float]]]],
) -> str | None:
    """A grand total short by exactly one block's rows (it stops before the last fund)."""
    gap = round(says - sum(v for _, v in every), 2)
    for subtotal, label, rows in blocks:
        if abs(sum(v for _, v in rows) + gap) <= CENT:
            return (
                f"the sheet's total leaves out {_spans([r.number for r, _ in rows])} "
                f"({format_money(-gap)}, the '{_label(label)}' of row {subtotal.number}); "
                "those rows were imported"
            )
    return None


def _why(
    says: float,
    total: float,
    covered: list[tuple[Row, float]],
    missed: list[tuple[Row, float]],
) -> str:
    """Why the sheet's total and the rows it covers disagree, naming the rows."""
    gap = round(says - total, 2)
    for row, value in missed:
        if abs(value - gap) <= CENT:
            return (
                f"the import left out row {row.number} ({format_money(value)}), which the "
                "sheet's total counts; check that row"
            )
    if missed and abs(sum(v for _, v in missed) - gap) <= CENT:
        rows = ", ".join(str(r.number) for r, _ in missed)
        return f"the import left out rows {rows}, which the sheet's total counts; check them"
    for row, value in covered:
        if abs(value + gap) <= CENT:
            return (
                f"the sheet's total leaves out row {row.number} ({format_money(value)}); "
                "the row was imported"
            )
    if total and abs(says - 2 * total) <= CENT:
        return "the sheet's total counts its rows twice (it adds up its subtotals as well)"
    direction = "too high" if gap > 0 else "too low"
    return (
        f"the sheet's own total is {format_money(abs(gap))} {direction}: no row explains it "
        "(it may be typed in, or miss a row), so the rows were imported as they are"
    )


def total_lines(checks: list[TotalCheck]) -> list[str]:
    """What the command line prints and the preview shows: one line for the totals that
    agree, one per total that does not, with its rows."""
    lines = [_allocation_line(c) for c in checks if c.allocation]
    checks = [c for c in checks if not c.allocation]
    agree = [c for c in checks if c.agrees]
    several = len({c.sheet for c in checks}) > 1
    if agree:
        rows = ", ".join(
            f"{f'{c.sheet!r} ' if several else ''}row {c.row} ({format_money(c.says)})"
            for c in agree
        )
        head = (
            "the sheet's total agrees"
            if len(checks) == 1
            else f"{len(agree)} of the sheet's {len(checks)} totals agree"
        )
        lines.append(f"Totals: {head} with the rows imported: {rows}")
    for c in checks:
        if c.agrees:
            continue
        where = f"sheet {c.sheet!r}, " if c.sheet and (several or not agree) else ""
        count = len(c.rows)
        lines.append(
            f"Totals: {where}row {c.row} {c.label!r} says {format_money(c.says)}, but its "
            f"{count} row{'s' if count != 1 else ''} ({_spans(c.rows)}) add up to "
            f"{format_money(c.rows_add_up_to)}: {c.why}"
        )
    return lines


def _allocation_line(check: TotalCheck) -> str:
    """The grant's allocation beside what the rows budget of it."""
    left = round(check.says - check.rows_add_up_to, 2)
    count = len(check.rows)
    rows = f"{count} row{'s' if count != 1 else ''} ({_spans(check.rows)})"
    if abs(left) <= CENT:
        rest = "all of it budgeted"
    elif left > 0:
        rest = f"{format_money(left)} not budgeted yet"
    else:
        rest = f"{format_money(-left)} more than the allocation"
    return (
        f"Allocation: row {check.row} {check.label!r} is {format_money(check.says)}; "
        f"the {rows} imported come to {format_money(check.rows_add_up_to)}, {rest}"
    )


def _spans(numbers: list[int]) -> str:
    """[5, 6, 7, 9] -> "rows 5-7, 9"."""
    if not numbers:
        return "none"
    spans: list[str] = []
    start = prev = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == prev + 1:
            prev = number
            continue
        spans.append(f"{start}-{prev}" if prev != start else str(start))
        if number is not None:
            start = prev = number
    return "rows " + ", ".join(spans)
