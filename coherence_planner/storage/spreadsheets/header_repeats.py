"""A header row repeated over each block of a sheet, with the block's own lines above it.

A campus improvement plan (and many plans printed for a binder) writes one table per goal:
the goal's line ("Goal 2: Students will attend school in a safe…"), an objective line, then
the same header row again, then the goal's strategies. Read as one table, the repeated
headers become programs named "Strategy", and the goal lines above them become programs or
notes. Here each repeated header row is taken out of the data, and the lines of one filled
cell directly above it (and the same number of lines above the first header) are kept as
that block's lead lines, which layouts.py reads for the block's goal.
"""

from __future__ import annotations

from typing import Any

from coherence_planner.storage.spreadsheets.sheet import Row

MAX_LEAD_LINES = 3  # a goal line, an objective line, a note: more is a table, not a lead


def _key(value: Any) -> str:
    return " ".join(str(value).split()).casefold() if value is not None else ""


def _one_line(cells: tuple[Any, ...]) -> str:
    """The text of a row with exactly one filled cell, else ''."""
    filled = [_key(c) for c in cells if _key(c)]
    if len(filled) != 1:
        return ""
    return next(" ".join(str(c).split()) for c in cells if _key(c))


def _repeats(wanted: list[str], cells: tuple[Any, ...]) -> bool:
    """True when the row says the header's words (`wanted`, as _key reads them) again,
    column for column; most rows differ at their first cell, and stop there."""
    for i, word in enumerate(wanted):
        if _key(cells[i] if i < len(cells) else None) != word:
            return False
    return not any(_key(c) for c in cells[len(wanted) :])


def split_blocks(
    header_number: int,
    raw_headers: list[str],
    data: list[Row],
    above: list[tuple[int, tuple[Any, ...]]],
) -> tuple[list[Row], dict[int, list[tuple[int, str]]], set[int]]:
    """The data rows without repeated headers and without the lead lines above them; each
    block's lead lines (row number, text) by its header row's number; and the numbers of
    the rows above the first header that are its block's lead lines, not the title block.

    A sheet whose header appears once has no blocks: ({}, nothing taken out). A block
    with no lead lines has an empty list: it still ends the block above it.
    """
    wanted = [_key(h) for h in raw_headers]
    if sum(bool(w) for w in wanted) < 2:
        return data, {}, set()
    repeated = [i for i, row in enumerate(data) if _repeats(wanted, row.cells)]
    if not repeated:
        return data, {}, set()
    starts = set(repeated)
    leads: dict[int, list[tuple[int, str]]] = {}
    dropped: set[int] = set()
    for i in repeated:
        lines: list[tuple[int, str]] = []
        j = i - 1
        while j >= 0 and j not in starts and len(lines) < MAX_LEAD_LINES:
            text = _one_line(data[j].cells)
            if not text:
                break
            lines.insert(0, (data[j].number, text))
            j -= 1
        leads[data[i].number] = lines
        dropped.add(i)
        dropped.update(k for k in range(j + 1, i))
    # The first block's lead lines stand above the first header: as many one-cell lines as
    # the other blocks have, counted up from the header (the title block stays above).
    most = max(len(lines) for lines in leads.values())
    first: list[tuple[int, str]] = []
    for number, cells in reversed(above):
        text = _one_line(cells)
        if not text or len(first) >= most:
            break
        first.insert(0, (number, text))
    leads[header_number] = first
    kept = [row for i, row in enumerate(data) if i not in dropped]
    return kept, leads, {number for number, _ in first}
