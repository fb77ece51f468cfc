"""The district a spreadsheet belongs to, for naming the plan after it (not after the
file): the title block ("Maple Valley Unified School District"), a state export's "LEA
Name" column holding one name on every row, the workbook's own title in its properties,
or a sheet named after the district (issue 23).
"""

from __future__ import annotations

import re

from coherence_planner.storage.spreadsheets.header_words import header_key
from coherence_planner.storage.spreadsheets.sheet import Sheet

_DISTRICT_WORDS = re.compile(
    r"(?i)\b(school district|district|unified|usd|isd|cusd|public schools|schools|"
    r"county schools|academy|charter|board of education|sd)\b"
)
_NOT_A_NAME = re.compile(
    r"(?i)\b(report|plan|inventory|budget|spending|review|fiscal|prepared|page|run date|"
    r"goals?|detail|worksheet|summary)\b"
)


def district_name(sheets: list[Sheet]) -> str | None:
    """The district named in a title block, else in an "LEA Name" column, else in the
    workbook's title or a sheet's name; None when the file never names it.

    A title line is cut at " - ", ":" and "," ("Maple Valley USD - Budget Detail Report"),
    and the first piece that sounds like a district and not like a report is the name.
    """
    for sheet in sheets:
        if sheet.kind is None:
            continue
        for line in sheet.preamble[:4]:
            named = _named_in(line)
            if named:
                return named
    for sheet in sheets:
        named = _lea_column(sheet)
        if named:
            return named
    for sheet in sheets:
        for line in (sheet.workbook_title, sheet.name):
            named = _named_in(line)
            if named:
                return named
    return None


def _named_in(line: str) -> str | None:
    """The piece of a title line that sounds like a district and not like a report."""
    for piece in re.split(r"\s+[-–—|]\s+|:\s+|,\s+|\s{2,}", line):
        piece = piece.strip(" .")
        named = _DISTRICT_WORDS.search(piece) and not _NOT_A_NAME.search(piece)
        if named and 3 <= len(piece) <= 80:
            return piece
    return None


# A state export names the district on every row: "LEA Name", "District Name".
_LEA_HEADERS = frozenset(
    {"lea", "lea name", "district", "district name", "local education agency", "lea district"}
)


def _lea_column(sheet: Sheet) -> str | None:
    """The one value of the sheet's "LEA Name" column, when every row holds the same."""
    for index, header in enumerate(sheet.headers):
        if header_key(header) not in _LEA_HEADERS:
            continue
        values = {
            " ".join(str(row.cells[index]).split())
            for row in sheet.rows[:500]
            if index < len(row.cells) and row.cells[index] not in (None, "")
        }
        if len(values) == 1:
            name = values.pop()
            if 3 <= len(name) <= 80 and not name.isdigit():
                return name
    return None
