"""Guesses made from a sheet's values, not only its headers.

- Which column holds the name when the one its header names holds codes: a finance export's
  "Program" column is "5120", and its "Program Description" is the program's name.
- A program's type from its name (then its description) when no column gives it, marked
  in the item's notes as guessed so the planner confirms it.
"""

from __future__ import annotations

import re

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model import vocab
from coherence_planner.storage.spreadsheets import values as V

# district_name is read from here by planning.py; it lives in district_name.py.
from coherence_planner.storage.spreadsheets.district_name import district_name as district_name
from coherence_planner.storage.spreadsheets.header_guess import guess_mapping
from coherence_planner.storage.spreadsheets.header_words import LINKS, ColumnMapping, target_of
from coherence_planner.storage.spreadsheets.money_columns import choose_cost_column
from coherence_planner.storage.spreadsheets.reading import Sheet

# One word of capitals, digits and separators: 5120, "0100-5120", "PRG-12", "3213-LEX".
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9.\-/_]*$")


def _is_code(text: str) -> bool:
    """A code, not a name: one short word of capitals and digits, with a digit in it, or
    of at most three capitals ("AVD", a ledger's project key)."""
    return (
        len(text) <= 14
        and bool(_CODE.match(text))
        and (any(ch.isdigit() for ch in text) or len(text) <= 3)
    )


def _codes(values: list[object]) -> bool:
    """True when nearly every value is a code, or every row holds the same value (the
    district's name on every row of a state export's "LEA Name" is no program's name)."""
    texts = [str(v).strip() for v in values if v is not None and str(v).strip()]
    if not texts:
        return False
    if len(texts) >= 3 and len(set(texts)) == 1:
        return True
    coded = sum(1 for t in texts if _is_code(t))
    return coded >= 0.8 * len(texts)


def _distinct(sheet: Sheet, header: str) -> int:
    index = sheet.headers.index(header)
    return len({str(row.cells[index]).strip() for row in sheet.rows[:200]})


def guess_columns(sheet: Sheet, kind: str) -> ColumnMapping:
    """`guess_mapping` of the headers, the cost moved to the money a cabinet means
    (money_columns.py), the name found from the values where the headers do not say it,
    then the name and funding moved from codes to their descriptions."""
    columns = with_cost_column(sheet, kind, guess_mapping(sheet.headers, kind))
    columns = _without_account_goal(sheet, _named_by_content(sheet, kind, columns))
    return without_unreadable_choices(sheet, kind, names_over_codes(sheet, kind, columns))


def _without_account_goal(sheet: Sheet, columns: ColumnMapping) -> ColumnMapping:
    """A finance ledger's account string (California's SACS: Fund, Resource, Project, Goal,
    Function, Object) has a "Goal" segment of codes that says which students the money is
    for (1110 regular education, 5001 special education), not which of the district's
    goals a program serves: beside Function and Object columns, a "Goal" column of numeric
    codes is not a goal link."""
    headers = {h.strip().lower() for h in sheet.headers}
    if not {"function", "object"} <= headers:
        return columns
    out = dict(columns)
    for header, target in columns.items():
        values = [v for v in _column(sheet, header) if v is not None and str(v).strip()]
        if (
            target == LINKS
            and re.fullmatch(r"(?i)\s*goals?\s*(code)?\s*", header)
            and values
            and all(re.fullmatch(r"\d{3,5}", str(v).strip()) for v in values)
        ):
            del out[header]
    return out


def _named_by_content(sheet: Sheet, kind: str, columns: ColumnMapping) -> ColumnMapping:
    """The name column found from the values when the headers name none ("Goal #" beside
    "Goal Area") or name one that holds the same text on every row (an "LEA Name")."""
    name_header = next((h for h, t in columns.items() if t == "name"), None)
    if name_header is None:
        return _goal_name_column(sheet, columns) if kind == "goal" else _own_names(sheet, columns)
    if _constant(_column(sheet, name_header)):
        return _name_from_varied_column(sheet, columns, name_header)
    return columns


def without_unreadable_choices(sheet: Sheet, kind: str, columns: ColumnMapping) -> ColumnMapping:
    """The mapping without a guessed column of choices (evidence, tier, status, type) whose
    cells mostly are not among them: a consolidated application's "ESSA Program" ("Title
    I, Part A") names a title, not an evidence level, and read as one it warned on every
    row. The column is then reported as not imported, once."""
    if kind not in vocab.ITEM_KINDS:
        return columns
    specs = {s.name: s for s in F.fields_of(kind)}
    out = dict(columns)
    for header, target in columns.items():
        spec = specs.get(target)
        if spec is None or spec.type not in (F.ENUM, F.INT_CHOICE) or header not in sheet.headers:
            continue
        index = sheet.headers.index(header)
        filled = [r.cells[index] for r in sheet.rows[:300] if not V.is_blank(r.cells[index])]
        unread = sum(1 for raw in filled if V.parse_field(spec, raw)[1] is not None)
        if len(filled) >= 3 and unread > len(filled) / 2:
            del out[header]
    return out


def with_cost_column(sheet: Sheet, kind: str, columns: ColumnMapping) -> ColumnMapping:
    """The mapping with `choose_cost_column`'s choice as the annual cost, or with no cost
    when every money column is hidden."""
    if kind not in vocab.ITEM_KINDS or not any(
        spec.name == "annual_cost" for spec in F.fields_of(kind)
    ):
        return columns
    choice = choose_cost_column(sheet, kind)
    out = {h: t for h, t in columns.items() if t != "annual_cost"}
    if choice.chosen is not None:
        out[choice.chosen.header] = "annual_cost"
    elif not any(c.hidden for c in choice.others):
        return columns  # no money column read from the values: keep the header's guess
    return {h: out[h] for h in sheet.headers if h in out}


def names_over_codes(sheet: Sheet, kind: str, columns: ColumnMapping) -> ColumnMapping:
    """The name (and the funding source) read from the description beside a column of
    codes: "ESSER III – Lexia Core5 Reading" beside "3213-LEX", "General Fund" beside "01"."""
    for target in ("name", "funding_source"):
        columns = _described(sheet, columns, target)
    return columns


def _described(sheet: Sheet, columns: ColumnMapping, target: str) -> ColumnMapping:
    """`columns` with `target` moved from a column of codes to its description column."""
    name_header = next((h for h, t in columns.items() if t == target), None)
    if name_header is None:
        return columns
    index = sheet.headers.index(name_header)
    if not _codes([row.cells[index] for row in sheet.rows[:200]]):
        return columns
    stem = name_header.lower().split()[0] if name_header.split() else ""
    candidates = [
        h
        for h in sheet.headers
        if h != name_header
        and re.search(r"(?i)\b(description|desc|name|title)\b", h)
        and (h.lower().startswith(stem) or target_of(h) in ("description", "name"))
        and (target == "name" or h.lower().startswith(stem))
        and not _codes([row.cells[sheet.headers.index(h)] for row in sheet.rows[:200]])
    ]
    # "Program Description" beside "Program" before any other description column.
    # then the description that tells the most rows apart.
    candidates.sort(key=lambda h: (not h.lower().startswith(stem), -_distinct(sheet, h)))
    if not candidates:
        return columns
    chosen = candidates[0]
    out = {h: t for h, t in columns.items() if h not in (name_header, chosen)}
    out[chosen] = target
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


def _own_names(sheet: Sheet, columns: ColumnMapping) -> ColumnMapping:
    """The name column when no header names one: a "Strategy" column read as the strategy
    each program serves, or a "Project Description", when it says something different on
    every row. A campus plan lists its strategies, one a row ("Strategy 1: Lexia Core5
    Reading"), while the strategies a list of programs serves repeat down the column."""
    for header in [
        *(h for h, t in columns.items() if t == LINKS),
        # Else "Project Description" with no project code beside it: the description is all
        # the sheet says of each program, so it is its name.
        *(h for h in sheet.headers if columns.get(h) == "description" and _NAMING.search(h)),
    ]:
        texts = [
            " ".join(str(v).split())
            for v in _column(sheet, header)
            if isinstance(v, str) and v.strip()
        ]
        if len(texts) < 3 or len(set(texts)) != len(texts) or _codes(list(texts)):
            continue
        if len(texts) < 0.8 * len(sheet.rows[:200]):
            continue
        out = dict(columns)
        out[header] = "name"
        return out
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


# Compiled once, and one search over all of them first: most names name no type, and 16
# searches of `re.search`'s cache per row were a twentieth of an import (issue 29).
_TYPE_PATTERNS = tuple((re.compile(pattern), kind) for pattern, kind in _TYPE_HINTS)
_ANY_TYPE = re.compile("|".join(f"(?:{pattern})" for pattern, _ in _TYPE_HINTS))


def guess_type(name: str, description: str = "") -> str | None:
    """The program type a name (else its description) suggests, or None."""
    for text in (name, description):
        lowered = text.lower()
        if not _ANY_TYPE.search(lowered):
            continue
        for pattern, program_type in _TYPE_PATTERNS:
            if pattern.search(lowered):
                return program_type
    return None


def type_note(program_type: str) -> str:
    """The sentence left in the program's notes, so the planner knows to confirm it."""
    return f"Type guessed from the name at import ({program_type}); confirm or change it."
