"""What each field of each kind of item is: its type, its label, its allowed values.

One table serves the validator (JSON and spreadsheet import), the codec (storage and export),
the inspector (which widget edits the field) and the spreadsheet columns, so a field is
described once.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.text import visible

# Field types. Each names how a value is checked and which widget edits it.
TEXT = "text"  # one line of text
LONGTEXT = "longtext"  # paragraphs
ENUM = "enum"  # one of `choices` (strings)
INT_CHOICE = "int-choice"  # one of `choices` (ints) or null
SLUGS = "slugs"  # list of lower-case slugs
GRADES = "grades"  # list of grade tokens or ranges
NAMES = "names"  # list of free-text names (schools)
THEMES = "themes"  # list of theme slugs
MONEY = "money"  # number >= 0 or null
NUMBER = "number"  # number >= 0 or null (FTE)
COUNT = "count"  # integer >= 0 or null
YEAR = "year"  # integer year or null
BOOL = "bool"
DATE = "date"  # an ISO date "2026-11-22", or "" when unknown
INDICATORS = "indicators"  # list of indicator objects
CYCLES = "cycles"  # list of improvement cycles: {start, end, focus, evidence, next_step}
GUESSED = "guessed"  # the names of the item's fields whose values were guessed, not confirmed

# Types with no editor of their own: the inspector shows `guessed` beside each guessed field.
SHOWN_BESIDE = (GUESSED,)

# Types whose value is a list of objects: they do not fit in one spreadsheet cell (the
# indicators have a sheet of their own; cycles are left out of spreadsheets).
NESTED_TYPES = (INDICATORS, CYCLES)

# The keys of one improvement cycle, in the order the file writes them.
CYCLE_KEYS = ("start", "end", "focus", "evidence", "next_step")
CYCLE_LABELS = {
    "start": "Start",
    "end": "End",
    "focus": "Focus",
    "evidence": "Evidence",
    "next_step": "Next step",
}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    type: str
    choices: tuple[Any, ...] = ()
    help: str = ""


COMMON_FIELDS = (
    FieldSpec("name", "Name", TEXT),
    FieldSpec(
        "status", "Status", ENUM, vocab.STATUSES, "Retired items take no part in the analysis."
    ),
    FieldSpec(
        "required",
        "Required",
        BOOL,
        help="Required by law, regulation, court order or contract (a McKinney-Vento liaison, "
        "IDEA services): never proposed for removal.",
    ),
    FieldSpec("owner", "Owner", TEXT, help="Who answers for this item."),
    FieldSpec("description", "Description", LONGTEXT),
    FieldSpec("notes", "Notes", LONGTEXT),
)

DECISION_FIELDS = (
    FieldSpec("decision", "Decision", ENUM, vocab.DECISIONS, "What the cabinet decided."),
    FieldSpec("decision_rationale", "Why", LONGTEXT),
    FieldSpec("decided_by", "Decided by", TEXT),
    FieldSpec("decided_on", "Decided on", DATE),
)

KIND_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "goal": (FieldSpec("indicators", "Indicators", INDICATORS),),
    "strategy": (
        FieldSpec("themes", "Themes", THEMES, vocab.THEMES),
        FieldSpec(
            "cycles",
            "Improvement cycles",
            CYCLES,
            help="Short cycles: what we tried, what we saw, what we do next.",
        ),
    ),
    "program": (
        FieldSpec("type", "Type", ENUM, vocab.PROGRAM_TYPES),
        FieldSpec("tier", "MTSS tier", INT_CHOICE, vocab.TIERS),
        FieldSpec("grades", "Grades", GRADES, help="Empty means every grade."),
        FieldSpec("subjects", "Subjects", SLUGS, help="Empty or 'all' means every subject."),
        FieldSpec("populations", "Students", SLUGS, help="Empty or 'all' means every student."),
        FieldSpec("schools", "Schools", NAMES, help="Empty means district-wide."),
        FieldSpec("annual_cost", "Annual cost", MONEY),
        FieldSpec("fte", "FTE", NUMBER),
        FieldSpec("students_served", "Students served", COUNT),
        FieldSpec("funding_source", "Funding source", TEXT),
        FieldSpec("funding_ends", "Funding ends", YEAR),
        FieldSpec("evidence_tier", "ESSA evidence", INT_CHOICE, vocab.EVIDENCE_TIERS),
        FieldSpec("start_year", "Started", YEAR),
        FieldSpec("instructional_core", "Instructional core", BOOL),
        FieldSpec("themes", "Themes", THEMES, vocab.THEMES),
        *DECISION_FIELDS,
    ),
    "policy": (
        FieldSpec("code", "Code", TEXT, help='For example "BP 6142".'),
        FieldSpec("adopted_year", "Adopted", YEAR),
        FieldSpec("review_year", "Review due", YEAR),
        *DECISION_FIELDS,
    ),
}

INDICATOR_FIELDS = (
    FieldSpec("name", "Indicator", TEXT),
    FieldSpec("unit", "Unit", TEXT),
    FieldSpec("baseline", "Baseline", NUMBER),
    FieldSpec("current", "Current", NUMBER),
    FieldSpec("target", "Target", NUMBER),
    FieldSpec("target_year", "Target year", YEAR),
    FieldSpec("baseline_year", "Baseline year", YEAR),
    FieldSpec("current_year", "Current year", YEAR),
)


def _guessed_spec(kind: str) -> FieldSpec:
    """`guessed` (district-format.md): which of this kind's fields an import or a suggestion
    guessed and no person has confirmed yet; its choices are the kind's own field names."""
    names = tuple(spec.name for spec in COMMON_FIELDS + KIND_FIELDS[kind])
    return FieldSpec(
        "guessed",
        "Guessed",
        GUESSED,
        names,
        "Fields whose values were guessed and not yet confirmed by a person.",
    )


_FIELDS_OF = {
    kind: COMMON_FIELDS + KIND_FIELDS[kind] + (_guessed_spec(kind),) for kind in KIND_FIELDS
}


# Every field's label by its name (a name has one label in every kind): how a spreadsheet's
# Guessed column names the guessed fields, so a person reads "Type", not "type".
FIELD_LABELS = {spec.name: spec.label for specs in _FIELDS_OF.values() for spec in specs}


def fields_of(kind: str) -> tuple[FieldSpec, ...]:
    """Every field of a kind, common ones first, `guessed` last (id excluded: it never
    changes)."""
    return _FIELDS_OF[kind]


# Fields an item of a kind holds but that mean nothing for it, so a form does not offer
# them: "never proposed for removal" on a goal, which nothing ever proposes to remove.
NOT_ON_FORM: dict[str, frozenset[str]] = {"goal": frozenset({"required"})}


def form_fields(kind: str) -> tuple[FieldSpec, ...]:
    """The fields a person edits on a `kind`'s form, in order."""
    hidden = NOT_ON_FORM.get(kind, frozenset())
    return tuple(spec for spec in fields_of(kind) if spec.name not in hidden)


def field_spec(kind: str, name: str) -> FieldSpec | None:
    for spec in fields_of(kind):
        if spec.name == name:
            return spec
    return None


# What a plan may hold, decided once here and checked wherever values come in (the codec,
# so JSON, spreadsheets and `.coherence` files alike; and edit commands). Refusing at the
# boundary, with the place, rather than cleaning: a silently changed name is a changed plan,
# and every later consumer (SQLite, openpyxl, XML, reportlab, copy.deepcopy) can then trust
# the values instead of each guarding against them.
# - Numbers: finite and at most a quadrillion either way; a district budget is billions, and
#   anything bigger is a typo or an attack (10**309 raised OverflowError in math.isfinite).
MAX_NUMBER = 10**15
# - Text: no C0 control character except tab, line feed and carriage return, and not the
#   noncharacters U+FFFE/U+FFFF: XML 1.0 cannot hold them (xlsx and SVG exports broke) and
#   no person means them (a vertical tab comes pasted from a slide deck).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# - Length: a one-line field holds a long sentence, a paragraph field a long document.
MAX_LINE = 1_000
MAX_PARAGRAPHS = 100_000
# - Unknown fields (kept for the interchange format) nest at most this deep.
MAX_DEPTH = 32
# - Size: twice the largest district the benchmarks measure (10,000 programs, 30,000 links,
#   a 10 MB plan that opens in under a second), so every plan within them opens within the
#   open budget (storage/connection.py) on an ordinary laptop.
MAX_ITEMS = 25_000
MAX_LINKS = 100_000


def _is_number(value: Any) -> bool:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    if isinstance(value, int):
        return -MAX_NUMBER <= value <= MAX_NUMBER
    return math.isfinite(value) and -MAX_NUMBER <= value <= MAX_NUMBER


def _number_problem(value: Any, what: str) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"must be {what} between -10^15 and 10^15; got {_short(value)}"
    return f"must be {what}; got {_short(value)}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def text_problem(value: str, limit: int = MAX_PARAGRAPHS) -> str | None:
    """Why a piece of text may not be in a plan, or None (see FORBIDDEN and MAX_LINE)."""
    if len(value) > limit:
        return f"is {len(value):,} characters long; the most is {limit:,}"
    bad = FORBIDDEN.search(value)
    if bad:
        return (
            f"contains the invisible character U+{ord(bad.group()):04X} at character "
            f"{bad.start() + 1}; remove it"
        )
    return None


def free_value_problem(value: Any, depth: int = 0) -> str | None:
    """Why a value of an unknown field may not be kept, or None: the same text and number
    rules as known fields, and nesting at most MAX_DEPTH deep."""
    if depth > MAX_DEPTH:
        return f"is nested more than {MAX_DEPTH} levels deep"
    if isinstance(value, str):
        return text_problem(value)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return None if _is_number(value) else _number_problem(value, "a number")
    if isinstance(value, list):
        for entry in value:
            problem = free_value_problem(entry, depth + 1)
            if problem:
                return problem
        return None
    if isinstance(value, dict):
        for key, entry in value.items():
            problem = text_problem(str(key), MAX_LINE) or free_value_problem(entry, depth + 1)
            if problem:
                return problem
        return None
    return f"cannot be kept ({type(value).__name__})"


# One checker per field type: check(spec, value) -> why the value is not allowed, or None.
# A table lookup instead of a chain of type tests, because opening a 10,000-program plan
# checks a quarter of a million values.
Check = Callable[[FieldSpec, Any], str | None]


def _check_text(spec: FieldSpec, value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be text"
    # A name of nothing but invisible characters (a right-to-left override, a soft hyphen)
    # draws as an empty card and an empty sentence: it is as empty as one of spaces.
    if spec.name == "name" and not visible(value).strip():
        return "must not be empty"
    return text_problem(value, MAX_LINE if spec.type == TEXT else MAX_PARAGRAPHS)


def _check_enum(spec: FieldSpec, value: Any) -> str | None:
    if value not in spec.choices:
        return f"must be one of {', '.join(spec.choices)}; got {_short(value)}"
    return None


def _check_int_choice(spec: FieldSpec, value: Any) -> str | None:
    if value is not None and (isinstance(value, bool) or value not in spec.choices):
        allowed = ", ".join(str(c) for c in spec.choices)
        return f"must be one of {allowed}, or null; got {_short(value)}"
    return None


@functools.lru_cache(maxsize=1024)
def grade_problem(entry: str) -> str | None:
    """Why a grade entry is wrong, remembered: a district writes the same few ranges."""
    try:
        vocab.expand_grade(entry)
    except vocab.GradeError as exc:
        return str(exc)
    return None


def _all_text(value: list[Any]) -> bool:
    """Every entry is text: str.join refuses anything else, in C (a test per entry in Python
    was a tenth of opening a large plan)."""
    try:
        "".join(value)
    except TypeError:
        return False
    return True


THEME_SET = frozenset(vocab.THEMES)


def _check_text_list(spec: FieldSpec, value: Any) -> str | None:
    if not isinstance(value, list) or not _all_text(value):
        return "must be a list of text"
    for entry in value:
        problem = text_problem(entry, MAX_LINE)
        if problem:
            return f"entry {entry[:40]!r} {problem}"
    kind = spec.type
    if kind == THEMES:
        if not THEME_SET.issuperset(value):
            unknown = [v for v in value if v not in THEME_SET]
            return f"unknown theme {unknown[0]!r}"
    elif kind == GRADES:
        for entry in value:
            problem = grade_problem(entry)
            if problem:
                return problem
    elif kind == NAMES and not all(visible(v).strip() for v in value):
        return "must not contain an empty name"
    return None


def _check_guessed(spec: FieldSpec, value: Any) -> str | None:
    if not isinstance(value, list) or not _all_text(value):
        return "must be a list of field names"
    for entry in value:
        if entry not in spec.choices:
            return f"names no field of this kind: {_short(entry)}"
    if len(set(value)) != len(value):
        return "names a field twice"
    return None


def _check_number(spec: FieldSpec, value: Any) -> str | None:
    """Indicator numbers may be negative (a gap can be); money and FTE may not."""
    if value is None:
        return None
    if not _is_number(value):
        return _number_problem(value, "a number or null")
    if value < 0 and spec.name not in ("baseline", "current", "target"):
        return f"must not be negative; got {_short(value)}"
    return None


def _check_count(spec: FieldSpec, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        return f"must be a whole number or null; got {_short(value)}"
    if not _is_number(value):
        return _number_problem(value, "a whole number or null")
    if value < 0:
        return f"must not be negative; got {_short(value)}"
    return None


def _check_year(spec: FieldSpec, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1800 <= value <= 2200:
        return f"must be a year like 2027, or null; got {_short(value)}"
    return None


def _check_bool(spec: FieldSpec, value: Any) -> str | None:
    if not isinstance(value, bool):
        return f"must be true or false; got {_short(value)}"
    return None


def _check_date(spec: FieldSpec, value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be a date like 2026-11-22, or empty"
    if value:
        try:
            _dt.date.fromisoformat(value)
        except ValueError:
            return f"must be a date like 2026-11-22; got {_short(value)}"
    return None


def _check_indicators(spec: FieldSpec, value: Any) -> str | None:
    if not isinstance(value, list):
        return "must be a list of indicators"
    return None


def _check_cycles(spec: FieldSpec, value: Any) -> str | None:
    """Each cycle is an object of text fields; start and end are ISO dates or empty, and a
    cycle does not end before it starts. Unknown keys are kept, like unknown item fields."""
    if not isinstance(value, list):
        return "must be a list of cycles"
    for n, cycle in enumerate(value, start=1):
        if not isinstance(cycle, dict):
            return f"cycle {n} must be an object"
        for key in CYCLE_KEYS:
            if not isinstance(cycle.get(key, ""), str):
                return f"cycle {n}: {CYCLE_LABELS[key].lower()} must be text"
        problem = free_value_problem(cycle)
        if problem:
            return f"cycle {n}: {problem}"
        dates: dict[str, _dt.date] = {}
        for key in ("start", "end"):
            text = cycle.get(key, "")
            if text:
                try:
                    dates[key] = _dt.date.fromisoformat(text)
                except ValueError:
                    return f"cycle {n}: {key} must be a date like 2026-11-22; got {text!r}"
        if "start" in dates and "end" in dates and dates["end"] < dates["start"]:
            return f"cycle {n} ends ({cycle['end']}) before it starts ({cycle['start']})"
    return None


CHECKS: dict[str, Check] = {
    TEXT: _check_text,
    LONGTEXT: _check_text,
    ENUM: _check_enum,
    INT_CHOICE: _check_int_choice,
    SLUGS: _check_text_list,
    NAMES: _check_text_list,
    THEMES: _check_text_list,
    GRADES: _check_text_list,
    MONEY: _check_number,
    NUMBER: _check_number,
    COUNT: _check_count,
    YEAR: _check_year,
    BOOL: _check_bool,
    DATE: _check_date,
    INDICATORS: _check_indicators,
    CYCLES: _check_cycles,
    GUESSED: _check_guessed,
}


def check_value(spec: FieldSpec, value: Any) -> str | None:
    """Why `value` is not allowed in this field, or None when it is."""
    try:
        check = CHECKS[spec.type]
    except KeyError:
        raise AssertionError(f"unknown field type {spec.type}") from None
    return check(spec, value)


def clean_cycle(cycle: dict[str, Any]) -> dict[str, Any]:
    """A cycle with every known key present (empty text when missing), known keys first."""
    out: dict[str, Any] = {key: cycle.get(key) or "" for key in CYCLE_KEYS}
    out.update((k, v) for k, v in cycle.items() if k not in CYCLE_KEYS)
    return out


def clean_number(value: float | int | None) -> float | int | None:
    """A whole float becomes an int, so 120000.0 from a spin box is stored as 120000."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value
