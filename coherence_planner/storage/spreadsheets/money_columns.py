"""Which column holds the money a cabinet means, when a sheet has several (issue 23).

Finance exports carry Original and Revised budgets, Budget beside Actual and Encumbered,
several fiscal years, fund columns beside their total, and a hidden column of last year's
figures. The cabinet means the money the district plans to spend in the plan's year:

- revised (amended, adjusted) over original (adopted): the revised budget is what the
  district spends now;
- the plan's year (the latest year the headers name) over earlier years;
- a budget (cost, plan, proposed) over actual, year-to-date or encumbered spending;
- a total column over its parts (LCFF / Federal / Local Funds beside Total Funds);
- never a hidden column by default: people hide a column because it is stale;
- never a balance ("Available"), a change, a per-student figure or a to-date cumulation.

`choose_cost_column` picks one; `money_sentence` says which and what it was chosen over,
the line the command line prints and the wizard shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coherence_planner.storage.spreadsheets import values as V
from coherence_planner.storage.spreadsheets.header_words import header_key, target_in
from coherence_planner.storage.spreadsheets.reading import Sheet
from coherence_planner.storage.spreadsheets.sheet import column_letter

# Words that make a header a money column (besides the header words' own annual cost).
_MONEY_WORDS = re.compile(
    r"\b(cost|costs|budget|budgeted|amount|funds|funding total|expenditures?|expenses?|"
    r"spend|spending|actual|actuals|encumbered|encumbrances?|ytd|proposed|plan|planned|"
    r"allocation|appropriation|original|revised|amended|adopted|total|dollars)\b"
)
# Money columns that are never a program's annual cost.
_NEVER = re.compile(
    r"\b(available|balance|remaining|change|variance|difference|diff|increase|decrease|"
    r"percent|pct|per (student|pupil|participant|child|teacher|site|school|fte)|"
    r"to date|todate|cumulative|lifetime|life of|code|codes|number|fte|salary|rate)\b"
    r"|\byear$"  # "Plan Year", "Fiscal Year": a column of years, not of dollars
)
_REVISED = re.compile(r"\b(revised|amended|adjusted|current|final|working)\b")
_ORIGINAL = re.compile(r"\b(original|adopted|initial|approved|prior year|last year|previous)\b")
_SPENT = re.compile(r"\b(actual|actuals|ytd|encumbered|encumbrances?|spent|expended|paid)\b")
_TOTAL = re.compile(r"\btotal\b")
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*[-–/]\s*(\d\d|\d{4})\b")
_FISCAL = re.compile(r"\bfy\s*'?(\d{4}|\d\d)\b")
_PLAIN_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def header_year(header: str) -> int | None:
    """The (ending) year a header names: "FY25" and "2024-25" are 2025, "FY2024" 2024."""
    text = header.lower()
    found = _YEAR_RANGE.search(text)
    if found:
        first, second = found.group(1), found.group(2)
        end = int(second) if len(second) == 4 else int(first[:2] + second)
        return end if end > int(first) else int(first) + 1
    fiscal = _FISCAL.search(text)
    if fiscal:
        digits = fiscal.group(1)
        return int(digits) if len(digits) == 4 else 2000 + int(digits)
    plain = _PLAIN_YEAR.search(text)
    return int(plain.group(1)) if plain else None


@dataclass(frozen=True)
class MoneyColumn:
    """One column that holds money, and why it ranks where it does."""

    header: str
    letter: str
    hidden: bool
    year: int | None
    spent: bool  # actual, year-to-date or encumbered: money gone, not planned
    original: bool
    revised: bool
    total: bool
    named: bool = False  # its header names the annual cost ("Annual Cost", "Budget")


@dataclass
class MoneyChoice:
    """The cost column chosen for a sheet and the money columns it was chosen over."""

    sheet: str
    chosen: MoneyColumn | None
    others: list[MoneyColumn] = field(default_factory=list)
    plan_year: int | None = None


def _numeric_share(sheet: Sheet, index: int) -> float:
    """How many of the column's filled cells read as money (0 to 1); 0 for a column of
    years (every number a whole one from 1900 to 2100)."""
    filled = read = 0
    years = True
    for row in sheet.rows[:300]:
        raw = row.cells[index] if index < len(row.cells) else None
        if V.is_blank(raw):
            continue
        filled += 1
        value, error = V.parse_money(raw, signed=True)
        if value is not None and error is None:
            read += 1
            years = years and float(value).is_integer() and 1900 <= value <= 2100
        elif isinstance(raw, str) and "," in raw:  # "1.234,56": a decimal comma
            value, error = V.parse_money(raw, signed=True, comma_decimals=True)
            read += value is not None and error is None
    return read / filled if filled and not (read and years) else 0.0


def money_columns(sheet: Sheet, kind: str = "program") -> list[MoneyColumn]:
    """Every column of the sheet that holds money a program could cost, left to right."""
    out: list[MoneyColumn] = []
    for index, header in enumerate(sheet.headers):
        key = header_key(header)
        if not key or _NEVER.search(key):
            continue
        target = target_in(header, kind)[0]
        if target not in (None, "annual_cost"):
            continue  # another field's column: "Total Students Served", "Funding Source"
        named = target == "annual_cost"
        if not named and not _MONEY_WORDS.search(key):
            continue
        if _numeric_share(sheet, index) < 0.5:
            continue
        out.append(
            MoneyColumn(
                header=header,
                letter=column_letter(index + 1),
                hidden=index + 1 in sheet.hidden_columns,
                year=header_year(header),
                spent=bool(_SPENT.search(key)),
                original=bool(_ORIGINAL.search(key)),
                revised=bool(_REVISED.search(key)),
                total=bool(_TOTAL.search(key)),
                named=named,
            )
        )
    return out


def _rank(column: MoneyColumn, plan_year: int | None) -> tuple[int, ...]:
    """Lower is better; see the module docstring for the order of the rules."""
    earlier = bool(plan_year and column.year and column.year < plan_year)
    return (
        column.hidden,
        earlier,
        column.spent,
        0 if column.revised else 2 if column.original else 1,
        not column.total,
        not column.named,  # "Annual Cost" over a column that only sounds like money
    )


def choose_cost_column(sheet: Sheet, kind: str = "program") -> MoneyChoice:
    """The column a cabinet means by a program's annual cost, among the sheet's money
    columns; none when the sheet has no money column, or only hidden ones."""
    columns = money_columns(sheet, kind)
    years = [c.year for c in columns if c.year is not None and not c.hidden]
    plan_year = max(years) if years else None
    ranked = sorted(columns, key=lambda c: _rank(c, plan_year))
    chosen = ranked[0] if ranked and not ranked[0].hidden else None
    others = [c for c in columns if c is not chosen]
    return MoneyChoice(sheet.name, chosen, others, plan_year)


def chosen_for(sheet: Sheet, header: str | None, kind: str = "program") -> MoneyChoice:
    """The choice as a mapping has it: `header` is the cost (a person may have picked
    another column than `choose_cost_column` would)."""
    columns = money_columns(sheet, kind)
    guess = choose_cost_column(sheet, kind)
    chosen = next((c for c in columns if c.header == header), None)
    if chosen is None and header is not None and header in sheet.headers:
        index = sheet.headers.index(header)
        chosen = MoneyColumn(
            header,
            column_letter(index + 1),
            index + 1 in sheet.hidden_columns,
            header_year(header),
            False,
            False,
            False,
            False,
        )
    others = [c for c in columns if chosen is None or c.header != chosen.header]
    return MoneyChoice(sheet.name, chosen, others, guess.plan_year)


def money_sentence(choice: MoneyChoice, with_sheet: bool = False) -> str | None:
    """ "Cost: column M 'Revised Budget' (not 'Original Budget'; 'FY24 Revised' is hidden)",
    or None when the sheet has one money column or none (nothing to choose between)."""
    where = f" on sheet {choice.sheet!r}" if with_sheet and choice.sheet else ""
    if choice.chosen is None:
        if not choice.others:
            return None
        stale = ", ".join(repr(c.header) for c in choice.others)
        return f"Cost{where}: none imported ({stale} hidden; choose it to import it)"
    if not choice.others:
        return None
    shown = [c for c in choice.others if not c.hidden]
    hidden = [c for c in choice.others if c.hidden]
    parts = []
    if shown:
        parts.append("not " + ", ".join(repr(c.header) for c in shown))
    if hidden:
        names = ", ".join(repr(c.header) for c in hidden)
        parts.append(f"{names} {'is' if len(hidden) == 1 else 'are'} hidden")
    head = f"Cost{where}: column {choice.chosen.letter} {choice.chosen.header!r}"
    if choice.chosen.hidden:
        head += ", a hidden column"
    return f"{head} ({'; '.join(parts)})"
