"""The sheet every reader fills: its rows, its headers, and setting them.

The readers (reading.py for .csv, workbooks.py for .xlsx) build a Sheet; header_rows.py
joins a two-row header and sets the sheet's headers again. Both import this module, so
neither imports the other back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coherence_planner.storage.spreadsheets.cell_styles import Mark
from coherence_planner.storage.spreadsheets.header_guess import guess_kind


@dataclass(frozen=True)
class Row:
    """One data row: its number as the spreadsheet shows it, and one cell per header.

    Cells are raw values: str, int, float, bool, datetime, or None for an empty cell.
    """

    number: int
    cells: tuple[Any, ...]


@dataclass
class Sheet:
    """A table found in a file: headers (one per column, made unique) and data rows.

    `kind` is the guess from the sheet name and headers (goal, strategy, program, policy,
    link, indicator) or None for a sheet to skip; callers may overwrite it.
    """

    file: str
    name: str
    header_row: int
    headers: list[str]
    rows: list[Row] = field(default_factory=list)
    kind: str | None = None
    # The texts of the non-blank rows above the header (a title block: the district's
    # name, a legend of goal numbers), one string per row.
    preamble: list[str] = field(default_factory=list)
    # The header texts as read (merged cells filled in), before they were made unique.
    raw_headers: list[str] = field(default_factory=list)
    # Rows whose formulas add up other rows (subtotals), and merged ranges
    # (first col, first row, last col, last row): from the sheet's XML, xlsx only.
    aggregate_rows: set[int] = field(default_factory=set)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    # Hidden columns (1-based, xlsx only): stale figures a person hid (money_columns.py).
    hidden_columns: set[int] = field(default_factory=set)
    # What reading the file itself could not do, cell by cell (formulas without stored
    # results that could not be computed, formulas.py), for the preview and the command line.
    reading_notes: list[str] = field(default_factory=list)
    # A header row repeated over each block (header_repeats.py): each block's header row
    # number -> the lines of one cell above it (row number, text), such as its goal line.
    block_leads: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    # Cells that stand out, xlsx only (cell_styles.py): row -> column (1-based) -> a
    # cell_styles.Mark (bold, shaded, indent), kept only for cells not plain.
    cell_marks: dict[int, dict[int, Mark]] = field(default_factory=dict)
    # The workbook's title in its properties (xlsx only), where a district may be named.
    workbook_title: str = ""

    def cell(self, row: Row, header: str) -> Any:
        index = self.headers.index(header)
        return row.cells[index] if index < len(row.cells) else None

    def place(self, row: Row | None = None, header: str | None = None) -> str:
        """Where something is, as a person would look for it."""
        where = f"{self.file}, sheet {self.name!r}" if self.name else self.file
        if row is not None:
            where += f", row {row.number}"
        if header is not None:
            where += f", column {header!r}"
        return where


def unique_headers(raw: list[str]) -> list[str]:
    out: list[str] = []
    for i, text in enumerate(raw):
        name = text or f"Column {column_letter(i + 1)}"
        base, n = name, 2
        while name in out:
            name = f"{base} ({n})"
            n += 1
        out.append(name)
    return out


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA: the column as the spreadsheet names it."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def set_headers(sheet: Sheet, raw_headers: list[str]) -> None:
    """Headers made unique, trailing empty columns dropped, and the kind guessed again."""
    sheet.raw_headers = list(raw_headers)
    width = max((len(r.cells) for r in sheet.rows), default=0)
    for i, header in enumerate(raw_headers):
        if header:
            width = max(width, i + 1)
    sheet.headers = unique_headers((raw_headers + [""] * width)[:width])
    # A row already as wide as the sheet is kept (rows are frozen): rebuilding every row of
    # a 10,000-row sheet was a thirtieth of an import (issue 29).
    sheet.rows = [
        r
        if len(r.cells) == width
        else Row(r.number, r.cells[:width] + (None,) * (width - len(r.cells)))
        for r in sheet.rows
    ]
    sheet.kind = guess_kind(sheet.name, sheet.headers)
