"""Read an inventory from .xlsx or .csv into plain sheets of rows, safely.

A spreadsheet someone emails the cabinet is untrusted input. Workbooks are checked, counted
and read in workbooks.py; a CSV file here. Rows are streamed and counted against the limits
(limits.py: per sheet, and items per file), so an oversize file is refused in well under
2 s, never read whole. Every refusal is a `SpreadsheetError` whose message names the file
(and the sheet).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coherence_planner.storage.errors import KnownError
from coherence_planner.storage.file_kinds import require_regular_file
from coherence_planner.storage.spreadsheets.header_rows import merge_subheader
from coherence_planner.storage.spreadsheets.limits import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    row_limit,
)
from coherence_planner.storage.spreadsheets.mapping import guess_kind, header_score

MAX_COLUMNS = 200
HEADER_SEARCH_ROWS = 30

ITEM_KINDS = ("goal", "strategy", "program", "policy")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


class SpreadsheetError(KnownError):
    """A spreadsheet that cannot be read; the message is one sentence naming the file."""

    def __init__(self, message: str, path: str | Path = "") -> None:
        super().__init__(path, message)


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


# Called as rows are read: (the sheet's name, "" for CSV; the row number). It may raise
# ReadCancelled to stop reading (the app's Cancel button); nothing has been changed then.
ReadProgress = Callable[[str, int], None]
PROGRESS_ROWS = 500  # rows between two progress calls


class ReadCancelled(Exception):
    """The person cancelled reading a spreadsheet."""


def _no_progress(sheet: str, row: int) -> None:
    """Nobody is watching (the command line)."""


def _reporting(
    rows: Iterator[tuple[int, tuple[Any, ...]]], sheet: str, progress: ReadProgress
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    for number, cells in rows:
        if number % PROGRESS_ROWS == 0:
            progress(sheet, number)
        yield number, cells


def read_spreadsheet(
    path: str | Path, max_rows: int = MAX_ROWS, progress: ReadProgress = _no_progress
) -> list[Sheet]:
    """Every sheet of an .xlsx workbook, or the one table of a .csv file. `progress` hears
    how far reading has come, and may stop it by raising ReadCancelled."""
    path = Path(path)
    suffix = path.suffix.lower()
    require_regular_file(path)  # a pipe named .csv would block the reader forever
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SpreadsheetError(f"{path.name} cannot be opened ({exc.strerror}).") from exc
    if size > MAX_FILE_BYTES:
        raise SpreadsheetError(
            f"{path.name} is {size // (1024 * 1024)} MB; inventories larger than "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB are not read."
        )
    if suffix in (".csv", ".txt", ".tsv"):
        return [read_csv(path, max_rows, progress)]
    if suffix in (".xlsx", ".xlsm", ".xls"):
        from coherence_planner.storage.spreadsheets.workbooks import read_xlsx

        return read_xlsx(path, max_rows, progress)
    raise SpreadsheetError(f"{path.name} is not a spreadsheet this app reads (.xlsx or .csv).")


# ----------------------------------------------------------------------------- tables


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _trimmed(cells: tuple[Any, ...]) -> tuple[Any, ...]:
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
        score = header_score([_header_text(c) for c in cells])
        if score > best_score:
            best, best_score = i, score
    if best >= 0:
        return best
    for i, (_, cells) in enumerate(candidates):
        if sum(isinstance(c, str) and bool(c.strip()) for c in cells) >= 2:
            return i
    return 0


def _unique_headers(raw: list[str]) -> list[str]:
    out: list[str] = []
    for i, text in enumerate(raw):
        name = text or f"Column {_column_letter(i + 1)}"
        base, n = name, 2
        while name in out:
            name = f"{base} ({n})"
            n += 1
        out.append(name)
    return out


def _column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


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
                "programs and policies, the most one plan holds; split it, and import the "
                "parts into separate plans."
            )
        return SpreadsheetError(
            f"{where} has more than {self.limit(kind):,} rows; split it, or remove the "
            "empty or extra rows, and import again."
        )


def _build_sheet(
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
    raw_headers = [_header_text(c) for c in header_cells]
    kind = guess_kind(name, _unique_headers(raw_headers))
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
    sheet = Sheet(file, name, header_number, [], data)
    sheet.preamble = [_row_text(cells) for _, cells in candidates[:pick]]
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


def _guessed_kind(name: str, rows: Iterator[tuple[int, tuple[Any, ...]]]) -> str | None:
    """What a sheet holds, guessed from its name and header as `_build_sheet` will."""
    candidates = _header_candidates(rows)
    if not candidates:
        return None
    raw_headers = [_header_text(c) for c in candidates[_pick_header(candidates)][1]]
    return guess_kind(name, _unique_headers(raw_headers))


def _row_text(cells: tuple[Any, ...]) -> str:
    return "  ".join(_header_text(c) for c in cells if _header_text(c))


def set_headers(sheet: Sheet, raw_headers: list[str]) -> None:
    """Headers made unique, trailing empty columns dropped, and the kind guessed again."""
    sheet.raw_headers = list(raw_headers)
    width = max((len(r.cells) for r in sheet.rows), default=0)
    for i, header in enumerate(raw_headers):
        if header:
            width = max(width, i + 1)
    sheet.headers = _unique_headers((raw_headers + [""] * width)[:width])
    sheet.rows = [
        Row(r.number, r.cells[:width] + (None,) * (width - len(r.cells))) for r in sheet.rows
    ]
    sheet.kind = guess_kind(sheet.name, sheet.headers)


# ----------------------------------------------------------------------------- csv

_ENCODINGS = ("utf-8-sig", "cp1252")


def _decode(path: Path, data: bytes) -> str:
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # cannot fail; only reached for bytes cp1252 leaves unmapped


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the most lines into the same count.

    csv.Sniffer is thrown off by a title line above the header; counting per line is not.
    """
    lines = [line for line in text[: 64 * 1024].splitlines()[:50] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in (",", ";", "\t"):
        counts = Counter(line.count(delimiter) for line in lines)
        counts.pop(0, None)
        if not counts:
            continue
        width, lines_with_it = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if (lines_with_it, width) > best_score:
            best, best_score = delimiter, (lines_with_it, width)
    return best


def read_csv(path: Path, max_rows: int = MAX_ROWS, progress: ReadProgress = _no_progress) -> Sheet:
    """A CSV table: UTF-8 (with or without BOM) or Windows-1252; comma, semicolon or tab."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SpreadsheetError(f"{path.name} cannot be opened ({exc.strerror}).") from exc
    if data.startswith(OLE_MAGIC) or data.startswith(ZIP_MAGIC):
        raise SpreadsheetError(f"{path.name} is a workbook, not CSV text; name it .xlsx.")
    if b"\x00" in data[:4096]:
        raise SpreadsheetError(f"{path.name} is not CSV text (it holds binary data).")
    text = _decode(path, data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))

    def rows() -> Iterator[tuple[int, tuple[Any, ...]]]:
        try:
            for number, cells in enumerate(reader, start=1):
                yield number, _trimmed(tuple(cells[:MAX_COLUMNS]))
        except csv.Error as exc:
            raise SpreadsheetError(
                f"{path.name}, row {reader.line_num}: cannot be read as CSV ({exc})."
            ) from exc

    budget = RowBudget(max_rows, MAX_ROWS)
    sheet, _, _ = _build_sheet(path.name, "", _reporting(rows(), "", progress), budget)
    merge_subheader(sheet)
    sheet.kind = guess_kind(path.stem, sheet.headers)
    return sheet
