"""What read-only openpyxl does not give: a sheet's merged cells and its adding-up formulas.

Read-only (streaming) worksheets expose neither merges nor, with cached values, formulas.
Both matter for an inventory: merged cells make a two-row header and a fund band across the
sheet; a SUM formula that adds up the rows above marks a subtotal, which must never become a
program (in a workbook openpyxl wrote, the subtotal has no cached value at all, so the
formula is the only sign).

The sheet's XML is scanned as bytes, in chunks, with two regular expressions; it is never
parsed, so nothing in it is expanded (no entities, no bombs: workbooks.check_workbook_file has already
bounded the member's size). A `<f>` element always comes first inside its `<c>` cell
(ECMA-376 orders them f, v, is), which is what lets a byte pattern find the cell it is in.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

CHUNK = 1024 * 1024
OVERLAP = 64 * 1024  # longer than any one cell's formula a person writes

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_FORMULA_CELL = re.compile(
    rb'<(?:\w+:)?c\s+r="[A-Z]+(\d+)"[^>]*>\s*<(?:\w+:)?f(\s[^>]*)?(?:/>|>([^<]*)</(?:\w+:)?f>)'
)
_SHARED_INDEX = re.compile(rb'\bsi="(\d+)"')
_CELL_REF = re.compile(r"\$?[A-Z]{1,3}\$?(\d+)")


@dataclass
class SheetMarks:
    """Merged ranges as (first col, first row, last col, last row), 1-based, and the rows
    holding a formula that adds up other rows."""

    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    aggregate_rows: set[int] = field(default_factory=set)


def column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index


def adds_up_other_rows(formula: str, row: int) -> bool:
    """True for =SUM(D7:D9), =SUBTOTAL(9,D7:D9) or =D10+D16+D19 in row `row`.

    A formula adding cells of its own row (=B5+C5, a program's quarters) is not a total.
    """
    text = formula.upper()
    rows = {int(n) for n in _CELL_REF.findall(text)} - {row}
    if not rows:
        return False
    if re.search(r"\b(SUM|SUBTOTAL|AGGREGATE|SUMIF|SUMIFS)\s*\(", text):
        return True  # adds up cells of other rows, even a band of one (=SUM(D18:D18))
    return len(rows) >= 2 and bool(re.fullmatch(r"[\s=+$A-Z0-9()]*", text))


def overlapping_chunks(path: Path, member: str) -> Iterator[bytes]:
    """The member's bytes in chunks, each starting with the end of the one before, so a
    pattern cut at a chunk's edge is whole in the next (a match may be seen twice)."""
    with zipfile.ZipFile(path) as archive, archive.open(member) as src:
        tail = b""
        while True:
            chunk = src.read(CHUNK)
            data = tail + chunk
            yield data
            if not chunk:
                return
            tail = data[-OVERLAP:]


def scan_sheet(path: Path, member: str) -> SheetMarks:
    """Merges and adding-up rows of one worksheet member of the workbook at `path`."""
    marks = SheetMarks()
    seen_merges: set[bytes] = set()
    shared: dict[bytes, bool] = {}  # shared formula index -> adds up rows (master's verdict)
    pending_shared: list[tuple[int, bytes]] = []
    for data in overlapping_chunks(path, member):
        for match in _MERGE.finditer(data):
            if match.group(0) in seen_merges:
                continue
            seen_merges.add(match.group(0))
            c1, r1, c2, r2 = match.groups()
            marks.merges.append(
                (column_index(c1.decode()), int(r1), column_index(c2.decode()), int(r2))
            )
        for match in _FORMULA_CELL.finditer(data):
            row = int(match.group(1))
            attributes, text = match.group(2) or b"", match.group(3)
            index = _SHARED_INDEX.search(attributes)
            if text:
                verdict = adds_up_other_rows(text.decode("utf-8", "replace"), row)
                if verdict:
                    marks.aggregate_rows.add(row)
                if index is not None:
                    shared[index.group(1)] = verdict
            elif index is not None:
                pending_shared.append((row, index.group(1)))
    # A shared formula copied down a column of subtotals repeats its master's verdict.
    marks.aggregate_rows.update(row for row, index in pending_shared if shared.get(index))
    return marks
