"""Rows of an inventory that are not items: headings, totals, notes.

A district's spending plan is written for people: fund bands ("TITLE I, PART A"), subtotals
("Subtotal - Title I-A", or a SUM formula, or just a number that is the sum of the rows
above), a grand total, footnotes ("* Budgeted amounts, not actuals"). Imported as programs,
the totals double or triple the spend and become removal candidates. Each such row is
skipped here with the reason, so the import's note can name every row it left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from coherence_planner.storage.spreadsheets.header_words import ID, ColumnMapping
from coherence_planner.storage.spreadsheets.reading import Row, Sheet

_TOTAL_WORDS = re.compile(
    r"(?i)^\W*(?:(?:grand|sub|report|fund|net|overall|budget|program|column|page|sheet)"
    r"\s*[-–]?\s*)?(?:totals?|sum)\b"
    r"|\btotals?\s*:?\s*$|^\W*(?:subtotal|grand\s+total)\b"
)
# A heading over a band of rows: "TITLE I, PART A", "Goal 2: Math", "Section 3 - Staffing".
_HEADING_START = re.compile(
    r"(?i)^\W*(goal|section|part|tier|title\s+[ivx]+\b|esser|fund|funding|category|priority|"
    r"area|strand|focus|pillar|domain|objective|resource)\b"
)
_NOTE_START = re.compile(
    r"(?i)^\s*(\*|†|‡|¹|note\b|notes\b|source\b|sources\b|prepared\b|updated\b|as of\b|"
    r"last updated\b|footnote|legend\b|key\b|goals?\s*:)"
)
# Fields a subtotal row leaves blank: everything but its label and its amounts.
_AMOUNTS = frozenset({"annual_cost", "fte", "students_served"})
_LABELS = frozenset({"name", ID, "funding_source", "description", "notes"})


@dataclass(frozen=True)
class Skipped:
    row: Row
    label: str  # what the row says, for the note
    reason: str  # "a total", "a heading", ...


# "Allocation 2025-26", "Title I, Part A Allocation", "Preliminary ESSER III Award": the
# grant's money to budget, not a program and not a sum of the rows.
_ALLOCATION = re.compile(
    r"(?i)^\W*(?:(?:title|part|[ivx]{1,4}|[a-d]|esser|grant|total|final|preliminary|"
    r"estimated|revised|lea|district|federal|state|fy\s?\d{2,4}|\d{4}(?:-\d{2,4})?)\W+){0,5}"
    r"(?:allocation|allotment|entitlement|award)\b"
)
ALLOCATION = "the allocation: the money to budget, not a program"


def is_allocation_label(text: str) -> bool:
    return bool(_ALLOCATION.search(text))


def is_total_label(text: str) -> bool:
    return bool(_TOTAL_WORDS.search(text))


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _is_heading(sheet: Sheet, row: Row, text: str, in_name_column: bool) -> bool:
    if not in_name_column:
        return True  # a lone label outside the name column never names an item
    merged = any(r1 <= row.number <= r2 and c2 > c1 for c1, r1, c2, r2 in sheet.merges)
    letters = [ch for ch in text if ch.isalpha()]
    shouting = len(letters) >= 3 and all(ch.isupper() for ch in letters) and " " in text.strip()
    return merged or shouting or text.rstrip().endswith(":") or bool(_HEADING_START.match(text))


def _is_note(text: str) -> bool:
    words = text.split()
    return bool(_NOTE_START.match(text)) or (len(words) >= 8 and text.rstrip().endswith("."))


def classify(
    sheet: Sheet,
    columns: ColumnMapping,
    amount: Callable[[Row], float | None],
) -> tuple[list[Row], list[Skipped]]:
    """The rows that are items, and the rows skipped with why.

    `amount(row)` is the row's money as the import reads it (None when blank or unreadable),
    used to spot a subtotal that has neither a word nor a formula: a row with nothing but
    a label and an amount equal to the sum of the rows above it (since the last heading or
    subtotal) or of every item row above it.
    """
    by_target = {target: header for header, target in columns.items() if header in sheet.headers}
    name_header = by_target.get("name")
    name_index = sheet.headers.index(name_header) if name_header else None
    mapped = [sheet.headers.index(h) for h in columns if h in sheet.headers]
    detail = [
        sheet.headers.index(h)
        for h, t in columns.items()
        if h in sheet.headers and t not in _AMOUNTS | _LABELS
    ]
    full = _full_rows(sheet)
    kept: list[Row] = []
    skipped: list[Skipped] = []
    # Amounts of the item rows since the last heading or subtotal, and of every item row so
    # far, with their running sums (summed in the same order as sum() would: the same
    # floats; summing the lists again on every row was quadratic, issue 29).
    block: list[float] = []
    every: list[float] = []
    block_sum: float = 0
    every_sum: float = 0
    for row in sheet.rows:
        cells = row.cells
        filled = [i for i, v in enumerate(cells) if _filled(v)]
        texts = [str(cells[i]).strip() for i in filled if isinstance(cells[i], str)]
        name = (
            str(cells[name_index]).strip()
            if name_index is not None and _filled(cells[name_index])
            else ""
        )
        label = name or (texts[0] if texts else "")
        reason = None
        if (name and is_total_label(name)) or (not name and any(map(is_total_label, texts))):
            reason = "a total"
        elif row.number in sheet.aggregate_rows and not any(_filled(cells[i]) for i in detail):
            reason = "a total (it adds up the rows above)"
        elif len(filled) == 1 and texts and re.search(r"[^\W\d_]", texts[0]):
            if _is_note(texts[0]):
                reason = "a note"
            elif len(mapped) > 1 and (
                _is_heading(sheet, row, texts[0], filled[0] == name_index)
                or row.number in full.heads
            ):
                reason = "a heading"
        elif not any(_filled(cells[i]) for i in mapped):
            reason = "a note" if texts else "not part of the list"
        elif is_allocation_label(label) and not any(_filled(cells[i]) for i in detail):
            reason = ALLOCATION  # the money to budget, which reconcile.py sets the rows against
        elif name.endswith(":"):
            reason = "a labelled figure, not an item"  # "Allocation 2025-26 (preliminary):"
        if reason is None and not any(_filled(cells[i]) for i in detail):
            value = amount(row)
            if value is not None and value != 0:
                if len(block) >= 2 and _same(value, block_sum):
                    reason = f"a total (it equals the sum of the {len(block)} rows above)"
                elif len(every) >= 2 and _same(value, every_sum):
                    reason = f"a total (it equals the sum of the {len(every)} rows above)"
        if reason is None:
            kept.append(row)
            value = amount(row)
            if value is not None:
                block.append(value)
                every.append(value)
                block_sum += value
                every_sum += value
            continue
        skipped.append(Skipped(row, label, reason))
        if reason != "a note":
            block, block_sum = [], 0
    return kept, skipped


@dataclass(frozen=True)
class _Full:
    heads: frozenset[int]  # rows of one label standing over a band of full rows


def _full_rows(sheet: Sheet) -> _Full:
    """The lone labels that head a band: where most rows fill three cells or more, a row
    holding only a label, followed by such a full row, is a section's heading
    ("Administration", "DISTRICT RESERVATIONS (off the top)"), not a program."""
    counts = [sum(_filled(v) for v in row.cells) for row in sheet.rows]
    several = [c for c in counts if c >= 2]
    if len(counts) < 4 or sum(c >= 3 for c in several) < max(2, 0.7 * len(several)):
        return _Full(frozenset())
    heads = {
        row.number for i, row in enumerate(sheet.rows[:-1]) if counts[i] == 1 and counts[i + 1] >= 3
    }
    return _Full(frozenset(heads))


def _same(a: float, b: float) -> bool:
    return abs(a - b) < 0.005


def describe(skipped: list[Skipped], what: str, one: str) -> str:
    """One note naming every skipped row: "row 10 'Subtotal - Title I-A' (a total)"."""
    parts = [
        f"row {s.row.number}" + (f" {_short(s.label)!r}" if s.label else "") + f" ({s.reason})"
        for s in skipped
    ]
    head = (
        f"skipped 1 row that is not a {one}"
        if len(skipped) == 1
        else f"skipped {len(skipped)} rows that are not {what}"
    )
    return f"{head}: " + "; ".join(parts)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
