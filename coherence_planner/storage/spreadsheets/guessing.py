"""Guesses made from a sheet's values, not only its headers.

- Which column holds the name when the one its header names holds codes: a finance export's
  "Program" column is "5120", and its "Program Description" is the program's name.
- A program's type from its name (then its description) when no column gives it, marked
  in the item's notes as guessed so the planner confirms it.
- The district's name from a title block ("Maple Valley Unified School District").
"""

from __future__ import annotations

import re

from coherence_planner.storage.spreadsheets.header_guess import guess_mapping
from coherence_planner.storage.spreadsheets.header_words import ColumnMapping, target_of
from coherence_planner.storage.spreadsheets.reading import Sheet

_CODE = re.compile(r"^[A-Z]{0,4}[-.]?\d[\d.\-/]*[A-Z]?$")


def _codes(values: list[object]) -> bool:
    """True when nearly every value is a code such as 5120, "0100-5120" or "PRG-12"."""
    texts = [str(v).strip() for v in values if v is not None and str(v).strip()]
    if not texts:
        return False
    coded = sum(1 for t in texts if isinstance(t, str) and _CODE.match(t.upper()) and len(t) <= 14)
    return coded >= 0.8 * len(texts)


def guess_columns(sheet: Sheet, kind: str) -> ColumnMapping:
    """`guess_mapping` of the headers, then the name moved from codes to their descriptions."""
    columns = guess_mapping(sheet.headers, kind)
    name_header = next((h for h, t in columns.items() if t == "name"), None)
    if name_header is None:
        return _goal_name_column(sheet, columns) if kind == "goal" else columns
    index = sheet.headers.index(name_header)
    if _constant([row.cells[index] for row in sheet.rows[:200]]):
        return _name_from_varied_column(sheet, columns, name_header)
    if not _codes([row.cells[index] for row in sheet.rows[:200]]):
        return columns
    stem = name_header.lower().split()[0] if name_header.split() else ""
    candidates = [
        h
        for h in sheet.headers
        if h != name_header
        and re.search(r"(?i)\b(description|desc|name|title)\b", h)
        and (h.lower().startswith(stem) or target_of(h) in ("description", "name"))
        and not _codes([row.cells[sheet.headers.index(h)] for row in sheet.rows[:200]])
    ]
    # "Program Description" beside "Program" before any other description column.
    candidates.sort(key=lambda h: not h.lower().startswith(stem))
    if not candidates:
        return columns
    chosen = candidates[0]
    out = {h: t for h, t in columns.items() if h not in (name_header, chosen)}
    out[chosen] = "name"
    return {h: out[h] for h in sheet.headers if h in out}


def _column(sheet: Sheet, header: str) -> list[object]:
    index = sheet.headers.index(header)
    return [row.cells[index] for row in sheet.rows[:200]]


def _constant(values: list[object]) -> bool:
    """True when a column holds one text on every row (the district's name on each line
    of a state export): that names the file, not each row's program."""
    texts = [" ".join(str(v).split()) for v in values if v is not None and str(v).strip()]
    return len(texts) >= 3 and len(set(texts)) == 1 and len(texts) >= 0.8 * len(values)


_NAMING = re.compile(
    r"(?i)\b(description|desc|name|title|activity|program|project|initiative|action)\b"
)


def _name_from_varied_column(sheet: Sheet, columns: ColumnMapping, same: str) -> ColumnMapping:
    """The name from the first column whose header names things and whose values differ
    from row to row ("Activity Description" after an "LEA Name" column)."""
    # "Activity Description" before a bare "Program" (an ESSA program's title, shared by
    # many rows), and never a column that is some other field of the program.
    ranked = sorted(
        (h for h in sheet.headers if _NAMING.search(h) and target_of(h) in (None, "description")),
        key=lambda h: not re.search(r"(?i)\b(description|desc|name|title)\b", h),
    )
    for header in ranked:
        values = _column(sheet, header)
        if (
            header != same
            and not _constant(values)
            and not _codes(values)
            and any(isinstance(v, str) for v in values)
        ):
            out = {h: t for h, t in columns.items() if h not in (same, header)}
            out[header] = "name"
            return {h: out[h] for h in sheet.headers if h in out}
    return columns


def _goal_name_column(sheet: Sheet, columns: ColumnMapping) -> ColumnMapping:
    """A goals sheet with no "Goal" or "Name" column ("Goal #" beside "Goal Area"): the
    first column of words, not numbers or codes, whose header speaks of goals."""
    for header in sheet.headers:
        values = _column(sheet, header)
        texts = [v for v in values if isinstance(v, str) and re.search(r"[^\W\d_]{3}", v)]
        if (
            header not in columns
            and re.search(r"(?i)\b(goal|area|priority)\b", header)
            and len(texts) >= max(1, len(values) // 2)
            and not _codes(values)
        ):
            out = dict(columns)
            out[header] = "name"
            return {h: out[h] for h in sheet.headers if h in out}
    return columns


# Words in a program's name or description, and the type they say, first match wins.
_TYPE_HINTS: tuple[tuple[str, str], ...] = (
    (
        r"screen(er|ing)?|assessments?|diagnostics?|benchmark(ing)? test|progress monitoring|"
        r"\bmap growth\b|\bdibels\b|\bi-?ready diagnostic",
        "assessment",
    ),
    (
        r"coach(es|ing)?|\bpd\b|\bpl\b|professional (development|learning)|training|"
        r"\bplcs?\b|workshops?|institute for teachers",
        "professional-learning",
    ),
    (
        r"tutor(s|ing)?|interventions?|intervention(ist)?s?|\bread 180\b|\bwilson\b|"
        r"remediation|credit recovery",
        "intervention",
    ),
    (r"curricul(um|a)|instructional materials|textbooks?|core (program|materials)", "curriculum"),
    (r"family|families|parent|caregiver|community", "family-engagement"),
    (
        r"mentor(s|ing)?|counsel(ing|or|ors)|mental health|social[- ]emotional|\bsel\b|\bpbis\b|"
        r"behavior|attendance|wellness|restorative|nurse|health",
        "student-support",
    ),
    (
        r"enrichment|gifted|\bgate\b|after[- ]school|summer camp|arts?|music|robotics|stem club",
        "enrichment",
    ),
    (r"transportation|technology|devices|software licen|facilities|operations", "operations"),
)


def guess_type(name: str, description: str = "") -> str | None:
    """The program type a name (else its description) suggests, or None."""
    for text in (name, description):
        lowered = text.lower()
        for pattern, program_type in _TYPE_HINTS:
            if re.search(pattern, lowered):
                return program_type
    return None


def type_note(program_type: str) -> str:
    """The sentence left in the program's notes, so the planner knows to confirm it."""
    return f"Type guessed from the name at import ({program_type}); confirm or change it."


_DISTRICT_WORDS = re.compile(
    r"(?i)\b(school district|district|unified|usd|isd|cusd|public schools|schools|"
    r"county schools|academy|charter|board of education|sd)\b"
)
_NOT_A_NAME = re.compile(
    r"(?i)\b(report|plan|inventory|budget|spending|review|fiscal|prepared|page|run date|"
    r"goals?|detail|worksheet|summary)\b"
)


def district_name(sheets: list[Sheet]) -> str | None:
    """The district named in a title block, or None.

    A title line is cut at " - ", ":" and "," ("Maple Valley USD - Budget Detail Report"),
    and the first piece that sounds like a district and not like a report is the name.
    """
    for sheet in sheets:
        if sheet.kind is None:
            continue
        for line in sheet.preamble[:4]:
            for piece in re.split(r"\s+[-–—|]\s+|:\s+|,\s+|\s{2,}", line):
                piece = piece.strip(" .")
                named = _DISTRICT_WORDS.search(piece) and not _NOT_A_NAME.search(piece)
                if named and 3 <= len(piece) <= 80:
                    return piece
    return None
