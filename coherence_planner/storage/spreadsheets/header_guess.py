"""Guessing from a sheet's headers and name: each column's field, the header row, the kind
of sheet, and the export's report sheets that are for reading only."""

from __future__ import annotations

import re

from coherence_planner.storage.spreadsheets.header_words import (
    EXACT,
    INDICATOR_HEADERS,
    INDICATOR_SHEET,
    LINK_HEADERS,
    LINK_SHEET,
    ColumnMapping,
    header_key,
    target_in,
    target_of,
    targets_of,
)


def guess_mapping(headers: list[str], kind: str) -> ColumnMapping:
    """A column mapping for a sheet of this kind, from the wording of its headers.

    Each target goes to the header that names it most exactly ("Annual Cost" before a
    pattern such as "Cost per Student"), then to the first; a later header naming the same
    field is left unmapped (and so reported), never silently merged.
    """
    guesses: list[tuple[int, int, str, str]] = []  # (rank, position, header, target)
    if kind in (LINK_SHEET, INDICATOR_SHEET):
        table = LINK_HEADERS if kind == LINK_SHEET else INDICATOR_HEADERS
        for position, header in enumerate(headers):
            target = table.get(header_key(header))
            if target is not None:
                guesses.append((EXACT, position, header, target))
    else:
        allowed = {t for t, _ in targets_of(kind)}
        for position, header in enumerate(headers):
            target, rank = target_in(header, kind)
            if target is not None and target in allowed:
                guesses.append((rank, position, header, target))
    chosen: dict[str, tuple[int, str]] = {}  # target -> (position, header)
    for _, position, header, target in sorted(guesses):
        if target not in chosen and header not in {h for _, h in chosen.values()}:
            chosen[target] = (position, header)
    return {header: target for target, (_, header) in sorted(chosen.items(), key=lambda kv: kv[1])}


# Columns the export writes for people to read (the name beside an id); not worth reporting.
_READING_AIDS = frozenset({"from name", "to name", "goal name"})


def unmapped_headers(headers: list[str], mapping: ColumnMapping) -> list[str]:
    """Headers the mapping ignores, except the export's own reading aids ("From name")."""
    return [h for h in headers if h and h not in mapping and header_key(h) not in _READING_AIDS]


def header_score(cells: list[str]) -> int:
    """How many cells read as known column headers: the header row scores highest."""
    return sum(
        1
        for cell in cells
        if cell
        and (
            target_of(cell) is not None
            or header_key(cell) in LINK_HEADERS
            or header_key(cell) in INDICATOR_HEADERS
        )
    )


_SHEET_WORDS = (
    ("program", "program"),
    ("initiative", "program"),
    ("inventory", "program"),
    ("polic", "policy"),
    ("strateg", "strategy"),
    ("indicator", INDICATOR_SHEET),
    ("link", LINK_SHEET),
    ("goal", "goal"),
    ("priorit", "goal"),  # "Priorities", "Strategic Priorities": a district's goals
)
_SKIPPED_SHEETS = ("finding", "instruction", "read me", "readme", "about", "help", "lookup", "list")


# Sheets the export writes for reading, not for importing: the findings and the retreat
# tables (domain/retreat/tables.py titles; a scenario's sheet is "Scenario - its name").
REPORT_SHEETS = ("findings", "decision log", "ratings", "initiative load")
REPORT_SHEET_PREFIXES = ("scenario - ",)


def is_report_sheet(sheet_name: str) -> bool:
    """A sheet of the export's report part (which an import skips), by its name."""
    name = re.sub(r" \(\d+\)$", "", sheet_name.strip()).casefold()
    return name in REPORT_SHEETS or name.startswith(REPORT_SHEET_PREFIXES)


_ARCHIVE = re.compile(r"(?i)\b(archived?|archives|ended|inactive|retired|discontinued)\b")


def is_archive_sheet(sheet_name: str) -> bool:
    """A tab of ended programs ("Archived", "Archived Projects"), kept for the record."""
    return bool(_ARCHIVE.search(sheet_name))


_PROGRAM_ONLY = {"type", "tier", "annual_cost", "fte", "students_served", "evidence_tier"}


def guess_kind(sheet_name: str, headers: list[str]) -> str | None:
    """Which kind of rows a sheet holds, from its name, else its headers; None to skip it."""
    if is_report_sheet(sheet_name):
        return None
    if is_archive_sheet(sheet_name):
        return None  # ended programs, kept for the record: not part of the plan
    name = sheet_name.lower()
    for word, kind in _SHEET_WORDS:
        if word in name:
            # "Goal 1 - Literacy" is one goal's tab of programs when its columns are a
            # program's (a cost, a tier), not a list of goals.
            if kind == "goal" and {target_of(h) for h in headers} & _PROGRAM_ONLY:
                return "program"
            return kind
    if any(word in name for word in _SKIPPED_SHEETS):
        return None
    keys = {header_key(h) for h in headers}
    if {"from", "to"} <= keys or {"from id", "to id"} <= keys:
        return LINK_SHEET
    targets = {target_of(h) for h in headers}
    if targets & {"code", "adopted_year", "review_year"}:
        return "policy"
    # Programs have themes too (the export's program CSV has a Themes column): only a
    # table of themes without a program's own columns is one of strategies.
    if "themes" in targets and not targets & _PROGRAM_ONLY:
        return "strategy"
    if keys & {"goal", "goal name", "goal statement"} and not targets & {"annual_cost", "tier"}:
        return "goal"
    if "name" in targets or any(_ITEM_DESCRIPTION.match(h) for h in headers):
        return "program"
    return None


# "Project Description", "Activity Title": a column describing each program, which names it
# when no other column does (guessing.py moves the name there).
_ITEM_DESCRIPTION = re.compile(
    r"(?i)^\W*(project|program|activity|initiative|action|strategy)\s+(description|title)\W*$"
)
