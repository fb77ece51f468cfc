"""Finding the table in a sheet: the header among the first rows, the data rows under it,
and the row budget they are counted against (limits.py).

The CSV reader (reading.py) and the workbook reader (workbooks.py) both build their sheets
here, so neither imports the other: reading.py only hands a workbook to workbooks.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coherence_planner.storage.errors import KnownError
from coherence_planner.storage.spreadsheets.header_guess import guess_kind, header_score
from coherence_planner.storage.spreadsheets.header_repeats import split_blocks
from coherence_planner.storage.spreadsheets.limits import MAX_ROWS, row_limit
from coherence_planner.storage.spreadsheets.sheet import Row, Sheet, set_headers, unique_headers

MAX_COLUMNS = 200
HEADER_SEARCH_ROWS = 30

ITEM_KINDS = ("goal", "strategy", "program", "policy")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


class SpreadsheetError(KnownError):
    """A spreadsheet that cannot be read; the message is one sentence naming the file."""

    def __init__(self, message: str, path: str | Path = "") -> None:
        super().__init__(path, message)


# Called as rows are read: (the sheet's name, "" for CSV; the row number). It may raise
# ReadCancelled to stop reading (the app's Cancel button); nothing has been changed then.
ReadProgress = Callable[[str, int], None]
PROGRESS_ROWS = 500  # rows between two progress calls


class ReadCancelled(Exception):
    """The person cancelled reading a spreadsheet."""


def no_progress(sheet: str, row: int) -> None:
    """Nobody is watching (the command line)."""


def reporting(
    rows: Iterator[tuple[int, tuple[Any, ...]]], sheet: str, progress: ReadProgress
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    for number, cells in rows:
        if number % PROGRESS_ROWS == 0:
            progress(sheet, number)
        yield number, cells


# ----------------------------------------------------------------------------- tables


def header_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def trimmed(cells: tuple[Any, ...]) -> tuple[Any, ...]:
    """The cells without the empty ones at the end (read-only rows are padded to the width)."""
    end = len(cells)
    while end and (cells[end - 1] is None or cells[end - 1] == ""):
        end -= 1
    return cells[:end]


def _blank(cells: Iterable[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _pick_header(candidates: list[tuple[int, tuple[Any, ...]]]) -> int:
    """Index into candidates of the header row: the one with the most known headers."""
    best, best_score = -1, 0
    for i, (_, cells) in enumerate(candidates):
        texts = [header_text(c) for c in cells]
        if sum(bool(t) for t in texts) < 2:
            continue  # a title line ("Year 1 Budget") above the table, not its header
        score = header_score(texts)
        if score > best_score:
            best, best_score = i, score
    if best >= 0:
        return best
    for i, (_, cells) in enumerate(candidates):
        if sum(isinstance(c, str) and bool(c.strip()) for c in cells) >= 2:
            return i
    return 0


@dataclass
class RowBudget:
    """What the rest of a file may hold: `max_rows` data rows per sheet (of links:
    limits.row_limit), and `items_left` rows of items (goals, strategies, programs and
    policies) in all its sheets together."""

    max_rows: int
    items_left: int

    def limit(self, kind: str | None) -> int:
        return (
            min(self.max_rows, self.items_left)
            if kind in ITEM_KINDS
            else row_limit(kind, self.max_rows)
        )

    def too_many(self, where: str, kind: str | None) -> SpreadsheetError:
        if kind in ITEM_KINDS and self.items_left < self.max_rows:
            return SpreadsheetError(
                f"{where} brings the file past {MAX_ROWS:,} rows of goals, strategies, "
                "programs and policies, the most one import reads; split it, and import the "
                "parts one after the other."
            )
        return SpreadsheetError(
            f"{where} has more than {self.limit(kind):,} rows; split it, or remove the "
            "empty or extra rows, and import again."
        )


def build_sheet(
    file: str,
    name: str,
    rows: Iterator[tuple[int, tuple[Any, ...]]],
    budget: RowBudget,
    counted: int | None = None,
) -> tuple[Sheet, list[str], list[tuple[int, tuple[Any, ...]]]]:
    """Find the header among the first rows, then collect non-blank data rows up to the cap.

    `counted` is how many rows hold something, when the file's XML was counted before
    reading (limits.count_workbook): then a sheet over its limit is refused as soon as its
    header says what it holds, without reading its rows. Returns the sheet, the header
    row's raw texts, and the non-blank rows above the header (where the top-left value of a
    merged header cell may sit).
    """
    where = f"{file}, sheet {name!r}" if name else file
    candidates = _header_candidates(rows)
    if not candidates:
        return Sheet(file, name, 0, []), [], []
    pick = _pick_header(candidates)
    header_number, header_cells = candidates[pick]
    raw_headers = [header_text(c) for c in header_cells]
    kind = guess_kind(name, unique_headers(raw_headers))
    max_rows = budget.limit(kind)
    if counted is not None and counted - (pick + 1) > max_rows:
        raise budget.too_many(where, kind)
    data: list[Row] = [Row(n, c) for n, c in candidates[pick + 1 :] if not _blank(c)]
    count = len(data)
    if count > max_rows:
        raise budget.too_many(where, kind)
    for number, cells in rows:
        if number > max_rows * 2 + HEADER_SEARCH_ROWS * 4:
            raise SpreadsheetError(
                f"{where} runs past row {number - 1:,}; remove the empty or extra rows "
                "(or split it), and import again."
            )
        if _blank(cells):
            continue
        count += 1
        if count > max_rows:
            raise budget.too_many(where, kind)
        data.append(Row(number, cells))
    data, leads, lead_rows = split_blocks(header_number, raw_headers, data, candidates[:pick])
    sheet = Sheet(file, name, header_number, [], data, block_leads=leads)
    sheet.preamble = [_row_text(cells) for n, cells in candidates[:pick] if n not in lead_rows]
    set_headers(sheet, raw_headers)
    if kind in ITEM_KINDS:
        budget.items_left -= len(data)
    return sheet, raw_headers, candidates[:pick]


def _header_candidates(
    rows: Iterator[tuple[int, tuple[Any, ...]]],
) -> list[tuple[int, tuple[Any, ...]]]:
    """The non-blank rows among which the header is: read from `rows`, which then goes on
    with the data."""
    candidates: list[tuple[int, tuple[Any, ...]]] = []
    for number, cells in rows:
        if _blank(cells):
            if number > HEADER_SEARCH_ROWS * 4:
                break  # the rest (if any) is data, read below with the row cap
            continue
        candidates.append((number, cells))
        if len(candidates) >= HEADER_SEARCH_ROWS:
            break
    return candidates


def guessed_kind(name: str, rows: Iterator[tuple[int, tuple[Any, ...]]]) -> str | None:
    """What a sheet holds, guessed from its name and header as `build_sheet` will."""
    candidates = _header_candidates(rows)
    if not candidates:
        return None
    raw_headers = [header_text(c) for c in candidates[_pick_header(candidates)][1]]
    return guess_kind(name, unique_headers(raw_headers))


def _row_text(cells: tuple[Any, ...]) -> str:
    return "  ".join(header_text(c) for c in cells if header_text(c))
