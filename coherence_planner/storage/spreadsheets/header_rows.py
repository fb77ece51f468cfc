"""Two-row headers: a group heading ("Funding") above the columns it spans (Source, Budget, FTE).

Business-office workbooks head their money columns this way, with the group merged across
and the other headings merged down over both rows. The reader picks the upper row (it names
more fields); the lower row would then be read as a first, nameless program. Here the two
are joined into one header per column, which keeps working in read-only mode because the
merges come from the sheet's XML (sheet_xml.py).
"""

from __future__ import annotations

from typing import Any

from coherence_planner.storage.spreadsheets.header_guess import header_score
from coherence_planner.storage.spreadsheets.header_words import target_of
from coherence_planner.storage.spreadsheets.sheet import Sheet, set_headers


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def _under_a_group(sheet: Sheet, raw: list[str], column: int) -> bool:
    """True when the header cell above column `column` (0-based) is blank, or is a heading
    spread over several columns (merged across, or followed by blank headings)."""
    if column >= len(raw) or not raw[column]:
        return True
    row, col = sheet.header_row, column + 1
    for c1, r1, c2, r2 in sheet.merges:
        if r1 <= row <= r2 and c1 <= col <= c2 and c2 > c1:
            return True
    return column + 1 < len(raw) and not raw[column + 1]


def merge_subheader(sheet: Sheet) -> None:
    """Join the header row with the row below it when that row is a second header row."""
    if not sheet.rows or sheet.rows[0].number != sheet.header_row + 1:
        return
    below = sheet.rows[0].cells
    filled = [(i, _text(v)) for i, v in enumerate(below) if v is not None and v != ""]
    if not filled or any(not text for _, text in filled):
        return  # a number or a date below the header: that is data
    raw = list(sheet.raw_headers)
    if not all(_under_a_group(sheet, raw, i) for i, _ in filled):
        return
    joined = raw + [""] * (len(below) - len(raw))
    for i, text in filled:
        upper = joined[i]
        # "Budget 2026-27" says what it is on its own; "Source" needs "Funding" above it.
        joined[i] = text if target_of(text) or not upper else f"{upper} {text}"
    if header_score(joined) < header_score(raw):
        return
    sheet.rows = sheet.rows[1:]
    sheet.header_row += 1
    set_headers(sheet, joined)
