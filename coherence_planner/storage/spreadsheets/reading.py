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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from coherence_planner.domain.model.collector import collector_paused
from coherence_planner.storage.file_kinds import require_regular_file
from coherence_planner.storage.spreadsheets.header_guess import guess_kind
from coherence_planner.storage.spreadsheets.header_rows import merge_subheader
from coherence_planner.storage.spreadsheets.limits import MAX_FILE_BYTES, MAX_ROWS, row_limit

# Row, Sheet, SpreadsheetError, ReadProgress and ReadCancelled are read from here by the
# rest of spreadsheets/ and the importer's views: this is the module that reads a file.
from coherence_planner.storage.spreadsheets.sheet import Row as Row
from coherence_planner.storage.spreadsheets.sheet import Sheet as Sheet
from coherence_planner.storage.spreadsheets.tables import (
    HEADER_SEARCH_ROWS,
    MAX_COLUMNS,
    OLE_MAGIC,
    ZIP_MAGIC,
    RowBudget,
    build_sheet,
    no_progress,
    reporting,
    trimmed,
)
from coherence_planner.storage.spreadsheets.tables import ReadCancelled as ReadCancelled
from coherence_planner.storage.spreadsheets.tables import ReadProgress as ReadProgress
from coherence_planner.storage.spreadsheets.tables import SpreadsheetError as SpreadsheetError


# A sheet read is a burst of small objects (rows, cells) and no cycles: with the collector on,
# its full collections walked every row read so far, a tenth of reading 20,000 rows.
@collector_paused()
def read_spreadsheet(
    path: str | Path, max_rows: int = MAX_ROWS, progress: ReadProgress = no_progress
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


def _refuse_runaway_lines(path: Path, text: str, most: int) -> None:
    """Refuse at once a CSV file that reading would refuse after `most` rows: without a
    quote, each line is one row, and past twice the most a sheet may hold (blank lines
    and all) the reading below would stop anyway, after parsing 120,000 rows first."""
    if '"' not in text and text.count("\n") > most * 2 + HEADER_SEARCH_ROWS * 4:
        raise SpreadsheetError(
            f"{path.name} has more than {most:,} rows; split it, or remove the empty or "
            "extra rows, and import again."
        )


def read_csv(path: Path, max_rows: int = MAX_ROWS, progress: ReadProgress = no_progress) -> Sheet:
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
    _refuse_runaway_lines(path, text, row_limit("link", max_rows))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))

    def rows() -> Iterator[tuple[int, tuple[Any, ...]]]:
        try:
            for number, cells in enumerate(reader, start=1):
                yield number, trimmed(tuple(cells[:MAX_COLUMNS]))
        except csv.Error as exc:
            raise SpreadsheetError(
                f"{path.name}, row {reader.line_num}: cannot be read as CSV ({exc})."
            ) from exc

    budget = RowBudget(max_rows, MAX_ROWS)
    sheet, _, _ = build_sheet(path.name, "", reporting(rows(), "", progress), budget)
    merge_subheader(sheet)
    sheet.kind = guess_kind(path.stem, sheet.headers)
    return sheet
