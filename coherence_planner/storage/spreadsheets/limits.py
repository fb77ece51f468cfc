"""How much of a spreadsheet is read: the limits, and a count made before openpyxl starts.

openpyxl builds Python objects for every sheet and every cell, tens of microseconds each: a
workbook of 2,000 sheets took 18 s just to open, 8 million cells 58 s to refuse, and 40,000
program rows 208 s to import. So before openpyxl sees a workbook, `count_workbook` counts its
sheets (in xl/workbook.xml) and, per worksheet, the rows and the cells that hold something,
straight from the compressed XML with byte searches (no parsing, nothing expanded), and stops
at the first limit passed. A refusal then comes in well under 2 s, whatever the file's size
up to MAX_FILE_BYTES. The counts are upper bounds of what openpyxl would yield; the streamed
count in reading.py remains the exact check for what a count here cannot see (a sheet whose
cells carry no references, a CSV file).

Rows are not items: a finance system's ledger has several account lines per program, and
subtotals, headings and blank rows make none. So the rows read are capped for memory
(MAX_ROWS data rows per sheet, and in all the sheets of items of one file; a sheet of links
up to MAX_LINKS), measured at 100,000 rows (README, issue 29), and the items an import would
create are held to what one plan holds (fields.MAX_ITEMS) while it is planned: planning
stops at the item that passes it (plan.PlanTooLarge, plan.too_many_items).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from coherence_planner.domain.model import fields as F

MAX_ROWS = 120_000  # data rows of one sheet (of links: MAX_LINKS), and of a file's item sheets
_MOST_ROWS = max(MAX_ROWS, F.MAX_LINKS)
MAX_SHEETS = 200  # an export of the largest plan has about a dozen
# Cells holding a value, in the whole workbook: the export of a plan at the size limits
# (items, links, findings) holds about 2.5 million.
MAX_CELLS = 4_000_000
MAX_FILE_BYTES = 100 * 1024 * 1024  # on disk, for every format
CHUNK = 4 * 1024 * 1024

# A cell with content ends with </c>; an empty formatted cell is <c r="B7" s="3"/>. A row
# holds something when, after its last </c>, only empty cells come before </row>.
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
_ROW_WITH_CONTENT = re.compile(rb"</(?:\w+:)?c>\s*(?:<(?:\w+:)?c\b[^>]*/>\s*)*</(?:\w+:)?row>")
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b")
_WORKSHEET = re.compile(r"(?:^|/)worksheets/[^/]+\.xml$")


@dataclass
class WorkbookCounts:
    """Rows that hold something, per worksheet member (as openpyxl names it)."""

    rows: dict[str, int] = field(default_factory=dict)


def row_limit(kind: str | None, max_rows: int = MAX_ROWS) -> int:
    """The data rows a sheet of this guessed kind may hold."""
    return max(max_rows, F.MAX_LINKS) if kind == "link" else max_rows


def count_workbook(path: Path, refuse: Callable[[str], Exception]) -> WorkbookCounts:
    """Count the sheets, and the rows and cells of each worksheet, stopping at a limit.

    `refuse(sentence)` makes the exception raised for a limit passed; the sentence names
    the limit and the place. The zip has been checked already (workbooks.check_workbook_file).
    """
    counts = WorkbookCounts()
    cells = 0
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        if "xl/workbook.xml" in names:
            sheets = len(_SHEET.findall(archive.read("xl/workbook.xml")))
            if sheets > MAX_SHEETS:
                raise refuse(
                    f"{path.name} has {sheets:,} sheets; a workbook may have at most "
                    f"{MAX_SHEETS:,}. Nothing was imported."
                )
        for member in names:
            if not _WORKSHEET.search(member):
                continue
            rows, sheet_cells = _count_member(archive, member, MAX_CELLS - cells)
            counts.rows[member] = rows
            cells += sheet_cells
            if cells > MAX_CELLS:
                raise refuse(
                    f"{path.name} has more than {MAX_CELLS:,} filled cells (counted up to "
                    f"{member.rsplit('/', 1)[-1]}); a workbook may hold at most "
                    f"{MAX_CELLS:,}. Split it, and import the parts. Nothing was imported."
                )
            if rows > _MOST_ROWS + 1:  # more than any sheet may hold, whatever its kind
                break
    return counts


def _count_member(archive: zipfile.ZipFile, member: str, cells_left: int) -> tuple[int, int]:
    """(rows holding something, cells holding something) of one worksheet; stops counting
    once the cells pass `cells_left` or the rows pass what any sheet may hold."""
    rows = cells = 0
    tail = b""
    with archive.open(member) as src:
        while True:
            chunk = src.read(CHUNK)
            data = tail + chunk
            # A match may straddle two chunks: count up to the last row end of this one
            # (the rest is counted with the next), and everything at the end of the file.
            cut = len(data) if not chunk else data.rfind(b"row>") + 4
            if cut < 4:  # no row ends here (one enormous row): count its cells, go on
                cut = max(len(data) - 16, 0)
                cells += _cells(data, cut)
            else:
                cells += _cells(data, cut)
                rows += _rows(data, cut)
            tail = data[cut:]
            if not chunk or cells > cells_left or rows > _MOST_ROWS + 1:
                return rows, cells


# Byte counts run at memory speed; the regular expressions, needed only for a namespace
# prefix (<x:c>) or empty cells (<c r="B7" s="3"/>) in the chunk, are ten times slower.
def _cells(data: bytes, end: int) -> int:
    if data.find(b":c>", 0, end) >= 0:
        return len(_CELL_END.findall(data, 0, end))
    return data.count(b"</c>", 0, end)


def _rows(data: bytes, end: int) -> int:
    if data.find(b"/>", 0, end) >= 0 or data.find(b":row>", 0, end) >= 0:
        return len(_ROW_WITH_CONTENT.findall(data, 0, end))
    return data.count(b"</row>", 0, end)
