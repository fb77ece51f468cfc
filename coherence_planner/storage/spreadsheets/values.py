"""Forgiving readings of what people type into inventory spreadsheets.

Every parser takes a raw cell value (text, number, date, bool or None, as openpyxl or the
CSV reader gives it) and returns `(value, None)` or `(None, message)`. The message says what
was wrong in words a person can act on; the caller adds the sheet, row and column. The
values they return are exactly what the interchange format stores (district-format.md), so
`fields.check_value` accepts every one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model import vocab

Parsed = tuple[Any, str | None]

_EMPTY_WORDS = frozenset({"", "-", "--", "—", "–", "none", "(none)", "n/a", "na", "tbd", "?"})
_LIST_SPLIT = re.compile(r"[,;|/\n\r]+")
_LIST_SPLIT_NO_COMMA = re.compile(r"[;|\n\r]+")


def _text(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def is_blank(raw: object) -> bool:
    """A cell that holds nothing a person meant (None, spaces, "(none)", "n/a", "-")."""
    return _text(raw).lower() in _EMPTY_WORDS


def _key(text: str) -> str:
    """Lower-case, punctuation folded to single spaces: "Pre-K" -> "pre k"."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


# ----------------------------------------------------------------------------- numbers

_MONEY = re.compile(
    r"^(?P<neg>-|\()?\s*(?:usd)?\s*\$?\s*(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)\s*"
    r"(?P<unit>k|thousand|m|mil|million|mm|b|bn|billion)?\s*(?:usd)?\)?$"
)
_UNITS = {
    None: 1,
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mil": 1_000_000,
    "million": 1_000_000,
    "mm": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}


def _clean(value: float) -> int | float:
    cleaned = F.clean_number(round(value, 6))
    assert cleaned is not None
    return cleaned


def _grouped_ok(num: str) -> bool:
    """'1,250' and '1250' are fine; '1,25' is a typo we do not guess at."""
    whole = num.split(".")[0]
    if "," not in whole:
        return True
    groups = whole.split(",")
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def european_to_us(text: str) -> str:
    """ "52.800,00" written as "52,800.00": the one spelling the parsers below read."""
    return text.replace(".", "\x00").replace(",", ".").replace("\x00", ",")


_EUROPEAN = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^-?\d+,\d{1,2}$")
_AMERICAN = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^-?\d+\.\d{1,2}$")


def decimal_comma(cells: list[object]) -> bool:
    """Whether a column writes numbers the European way ("52.800,00").

    Decided once for the whole column, so "1.250" means the same in every row: it is a
    thousand and a quarter in a column that also holds "52.800,00", and one and a quarter in
    a column that holds "1,250.50". A column with no telling value is read the US way.
    """
    european = american = 0
    for raw in cells:
        if not isinstance(raw, str):
            continue
        text = re.sub(r"[\s$€£()]", "", raw).replace("−", "-")
        if _EUROPEAN.match(text):
            european += 1
        elif _AMERICAN.match(text):
            american += 1
    return european > american


def parse_money(raw: object, *, comma_decimals: bool = False, signed: bool = False) -> Parsed:
    """Dollars: "$1,200", "1200.50", "$1.2M", "12k", "(none)" -> None.

    A cost must be 0 or more, except on one line of a program written on several lines
    (`signed`): a finance system's transfer line "-25,000.00" is added to the others, and
    only the program's total must not be negative. `comma_decimals` reads "52.800,00".
    """
    if isinstance(raw, bool):
        return None, f"{raw!r} is not an amount of money"
    if isinstance(raw, int | float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return None, "is not a number"
        if raw < 0 and not signed:
            return None, f"{raw} is negative; a cost must be 0 or more"
        return _clean(float(raw)), None
    text = _text(raw)
    if is_blank(text):
        return None, None
    lower = re.sub(r"\s*(/\s*(yr|year)|per\s+(yr|year|annum)|a\s+year|annually)$", "", text.lower())
    lower = lower.replace("−", "-").replace("€", "").replace("£", "")
    if lower.endswith("-"):  # "25,000.00-": some ledgers put the sign last
        lower = "-" + lower[:-1]
    compact = lower.replace(" ", "")
    if comma_decimals:
        compact = european_to_us(compact)
    match = _MONEY.match(compact)
    if not match or not _grouped_ok(match["num"]):
        return None, f"{text!r} is not an amount of money (write it like $120,000 or 1.2M)"
    value = float(match["num"].replace(",", "")) * _UNITS[match["unit"]]
    if match["neg"]:
        if not signed:
            return None, f"{text!r} is negative; a cost must be 0 or more"
        value = -value
    return _clean(value), None


_PLAIN_NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?$|^\.\d+$")


def parse_number(raw: object, *, comma_decimals: bool = False) -> Parsed:
    """A number >= 0 such as FTE: "1.5", "0.5 FTE", "2" ("0,5" with `comma_decimals`)."""
    if isinstance(raw, bool):
        return None, f"{raw!r} is not a number"
    if isinstance(raw, int | float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return None, "is not a number"
        if raw < 0:
            return None, f"{raw} is negative; it must be 0 or more"
        return _clean(float(raw)), None
    text = _text(raw)
    if is_blank(text):
        return None, None
    core = re.sub(r"\s*(fte|staff|positions?)$", "", text.lower()).strip()
    if comma_decimals:
        core = european_to_us(core)
    if core.startswith("-"):
        return None, f"{text!r} is negative; it must be 0 or more"
    if not _PLAIN_NUMBER.match(core) or not _grouped_ok(core):
        return None, f"{text!r} is not a number"
    return _clean(float(core.replace(",", ""))), None


def parse_signed_number(raw: object) -> Parsed:
    """An indicator number, which may be negative (a gap can be): "-3.5", "45%", "1,200"."""
    if isinstance(raw, str):
        text = raw.strip().rstrip("%").strip()
        if text.startswith(("-", "−")):
            value, error = parse_number(text[1:])
            if error:
                return None, f"{raw.strip()!r} is not a number"
            return (None if value is None else -value), None
        raw = text
    if isinstance(raw, int | float) and not isinstance(raw, bool) and raw < 0:
        value, error = parse_number(-raw)
        return (None if value is None else -value), error
    return parse_number(raw)


_ALL_STUDENTS = frozenset({"all", "all students", "everyone", "every student", "varies"})


def parse_count(raw: object, *, comma_decimals: bool = False) -> Parsed:
    """A whole number >= 0: "1,250", "300 students", "~300", "approx. 120", "120+".

    "all" is not a count: it says the program reaches everyone, whose number the sheet does
    not give, so it reads as unknown (blank) rather than as a mistake.
    """
    if isinstance(raw, str):
        if _key(raw) in _ALL_STUDENTS:
            return None, None
        raw = re.sub(
            r"^(~|about|around|roughly|ca\.?|est\.?|estimated|approx\.?|approximately)\s*",
            "",
            raw.strip().lower(),
        )
        raw = re.sub(r"\s*\+?\s*(students?|kids|learners|pupils)?\s*\+?$", "", raw)
    value, error = parse_number(raw, comma_decimals=comma_decimals)
    if error or value is None:
        return value, error
    if not isinstance(value, int):
        return None, f"{_text(raw)!r} is not a whole number"
    return value, None


def parse_year(raw: object) -> Parsed:
    """A year: 2027, "June 2027", "2026-27" (the year it ends), "FY27", a date."""
    if isinstance(raw, dt.date | dt.datetime):
        return raw.year, None
    if isinstance(raw, bool):
        return None, f"{raw!r} is not a year"
    if isinstance(raw, int | float):
        if float(raw).is_integer() and 1800 <= raw <= 2200:
            return int(raw), None
        serial = excel_serial_date(raw)
        if serial is not None:
            return serial.year, None
        return None, f"{_text(raw)!r} is not a year like 2027"
    text = _text(raw)
    if is_blank(text) or _key(text) in _UNDATED:
        return None, None
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return parse_year(float(text))
    lower = text.lower()
    school_year = re.search(r"\b((?:18|19|20|21)\d\d)\s*[-–/]\s*(\d{2}|\d{4})\b", lower)
    if school_year:
        first, second = school_year.group(1), school_year.group(2)
        end = int(second) if len(second) == 4 else int(first[:2] + second)
        if end < int(first):
            end += 100
        return end, None
    fiscal = re.fullmatch(r"fy\s*'?(\d{2}|\d{4})", lower)
    if fiscal:
        digits = fiscal.group(1)
        return (2000 + int(digits) if len(digits) == 2 else int(digits)), None
    years = re.findall(r"\b(1[89]\d\d|2[01]\d\d|2200)\b", lower)
    if len(years) == 1:
        return int(years[0]), None
    parsed = parse_date(text)
    if parsed[0] is not None:
        return parsed[0].year, None
    return None, f"{text!r} is not a year like 2027"


# "Ongoing" and its kin in a start-year column: the sheet does not know the year.
_UNDATED = frozenset({"ongoing", "on going", "continuing", "existing", "unknown", "varies"})

# Excel counts days from 1899-12-30; 20,000 to 80,000 covers 1954 to 2119, so a plain
# year (2027) or a count is never taken for a date.
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def excel_serial_date(raw: object) -> dt.date | None:
    """The date an Excel date serial stands for (45170 -> 2023-09-01), when it is one."""
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return None
    if not 20_000 <= raw <= 80_000:
        return None
    return _EXCEL_EPOCH + dt.timedelta(days=int(raw))


_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%d %B %Y", "%B %d, %Y", "%b %d, %Y")


def parse_date(raw: object) -> Parsed:
    """A calendar date (a datetime cell, an Excel serial, ISO, US m/d/y, "June 30, 2027")."""
    if isinstance(raw, dt.datetime):
        return raw.date(), None
    if isinstance(raw, dt.date):
        return raw, None
    serial = excel_serial_date(raw)
    if serial is not None:
        return serial, None
    text = _text(raw)
    if is_blank(text):
        return None, None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date(), None
        except ValueError:
            continue
    return None, f"{text!r} is not a date (write it like 2027-06-30)"


# ----------------------------------------------------------------------------- grades

_GRADE_WORDS = {
    "pk": "PK",
    "prek": "PK",
    "pre k": "PK",
    "pre kindergarten": "PK",
    "prekindergarten": "PK",
    "tk": "PK",
    "transitional kindergarten": "PK",
    "preschool": "PK",
    "k": "K",
    "kg": "K",
    "kinder": "K",
    "kindergarten": "K",
}
_ALL_GRADES_WORDS = frozenset({"all", "all grades", "k 12 all", "districtwide", "district wide"})
_BAND_WORDS = {
    "elementary": "K-5",
    "elementary school": "K-5",
    "middle": "6-8",
    "middle school": "6-8",
    "high": "9-12",
    "high school": "9-12",
    "secondary": "6-12",
}


def _grade_token(text: str) -> str | None:
    key = _key(text)
    key = re.sub(r"^(grades?|gr)\s*", "", key)
    if key in _GRADE_WORDS:
        return _GRADE_WORDS[key]
    number = re.fullmatch(r"(\d{1,2})\s*(st|nd|rd|th)?(\s*grade)?", key)
    if number and 1 <= int(number.group(1)) <= 12:
        return str(int(number.group(1)))
    return None


def parse_grades(raw: object) -> Parsed:
    """Grade entries: "K-3", "Grades 6-8", "K–5", "9th-12th", "Kindergarten", "K,1,2"."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raw = _text(raw)
    text = _text(raw)
    if is_blank(text) or _key(text) in _ALL_GRADES_WORDS:
        return [], None
    text = re.sub(r"(?i)^\s*(grades?|gr\.?)\s*", "", text)
    tokens: set[str] = set()
    for part in re.split(r"[,;|/\n\r&]+|\s+and\s+", text, flags=re.I):
        part = part.strip()
        if not part:
            continue
        part = _BAND_WORDS.get(_key(part), part)
        pieces = re.split(r"\s*(?:[-–—]|\bto\b|\bthrough\b|\bthru\b)\s*", part, flags=re.I)
        if len(pieces) == 2 and (pieces[0].lower(), pieces[1].lower()) == ("pre", "k"):
            pieces = ["PK"]
        if len(pieces) == 3 and pieces[0].lower() == "pre" and pieces[1].lower() == "k":
            pieces = ["PK", pieces[2]]
        grades = [_grade_token(p) for p in pieces]
        if len(pieces) > 2 or any(g is None for g in grades):
            return None, f"{part!r} is not a grade (use PK, K, 1 to 12, or a range like K-3)"
        try:
            if len(grades) == 2:
                tokens.update(vocab.expand_grade(f"{grades[0]}-{grades[1]}"))
            else:
                tokens.add(str(grades[0]))
        except vocab.GradeError:
            return None, f"{part!r} runs backwards (write it like K-3)"
    if frozenset(tokens) == vocab.ALL_GRADES:
        return ["PK-12"], None
    return vocab.compact_grades(tokens), None


# ----------------------------------------------------------------------------- tiers

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _tier_number(text: str) -> int | None:
    key = _key(text)
    key = re.sub(r"^(mtss|rti|essa)\s*", "", key)
    key = re.sub(r"^(tier|level)\s*", "", key)
    first = key.split(" ")[0] if key else ""
    if first.isdigit():
        return int(first)
    return _ROMAN.get(first)


# The words districts use for the three MTSS tiers.
_TIER_WORDS = {
    "universal": 1,
    "core": 1,
    "all": 1,
    "all students": 1,
    "schoolwide": 1,
    "school wide": 1,
    "targeted": 2,
    "strategic": 2,
    "supplemental": 2,
    "small group": 2,
    "intensive": 3,
    "intensified": 3,
    "individualized": 3,
    "individual": 3,
}


def parse_tier(raw: object) -> Parsed:
    """MTSS tier 1-3 or None: "Tier 2", "2", "II", "Universal", "Targeted", "Intensive".

    A program written for two tiers ("2/3", "Tier 2-3") is read as the first: the tier it
    starts at, which is the one the competing-programs rule compares.
    """
    text = _text(raw)
    if is_blank(text):
        return None, None
    key = _key(text)
    if key in _TIER_WORDS:
        return _TIER_WORDS[key], None
    named = sorted({int(n) for n in re.findall(r"\b[1-3]\b", key)})
    if len(named) > 1 and re.fullmatch(r"((mtss|rti)\s*)?(tiers?\s*)?[1-3]( (and )?[1-3])+", key):
        return named[0], None
    if len(set(re.findall(r"\b(?:[1-9]|i{1,3}|iv)\b", key))) > 1:
        return None, f"{text!r} names more than one MTSS tier; a program has one"
    for word, tier in _TIER_WORDS.items():
        if " " not in word and re.search(rf"\b{word}\b", key) and not re.search(r"\d", key):
            return tier, None
    number = _tier_number(text)
    if number in vocab.TIERS:
        return number, None
    return None, f"{text!r} is not an MTSS tier (use 1, 2, 3 or leave it blank)"


_EVIDENCE_WORDS = {
    "strong": 1,
    "moderate": 2,
    "promising": 3,
    "rationale": 4,
    "demonstrates a rationale": 4,
    "demonstrates rationale": 4,
    "logic model": 4,
    # "Y" says there is evidence without saying how strong: the least it can claim is a
    # rationale (tier 4); "N" says there is none.
    "y": 4,
    "yes": 4,
    "evidence based": 4,
    "no evidence": None,
    "none": None,
    "n a": None,
    "no": None,
    "n": None,
    "not rated": None,
    "unknown": None,
}


def parse_evidence(raw: object) -> Parsed:
    """ESSA evidence tier 1-4 or None: "Tier 1 (Strong)", "Strong", "Promising", "n/a"."""
    text = _text(raw)
    if is_blank(text):
        return None, None
    key = _key(text)
    if key in _EVIDENCE_WORDS:
        return _EVIDENCE_WORDS[key], None
    number = _tier_number(text)
    if number in vocab.EVIDENCE_TIERS:
        return number, None
    for word, value in _EVIDENCE_WORDS.items():
        if value is not None and re.search(rf"\b{word}\b", key):
            return value, None
    return None, (
        f"{text!r} is not an ESSA evidence level (use Strong, Moderate, Promising, "
        "Rationale, a tier 1 to 4, or None)"
    )


# ----------------------------------------------------------------------------- words


def parse_bool(raw: object) -> Parsed:
    """yes/no, y/n, true/false, x (ticked) or blank (no)."""
    if isinstance(raw, bool):
        return raw, None
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw), None
    key = _key(_text(raw))
    if key in ("", "no", "n", "false", "f", "0", "none", "n a"):
        return False, None
    if key in ("yes", "y", "true", "t", "x", "1", "checked", "✓"):
        return True, None
    if _text(raw) in ("✓", "✔"):
        return True, None
    return None, f"{_text(raw)!r} is not yes or no"


_STATUS_WORDS = {
    "proposed": "proposed",
    "planned": "proposed",
    "pilot": "proposed",
    "piloting": "proposed",
    "new": "proposed",
    "active": "active",
    "current": "active",
    "ongoing": "active",
    "in use": "active",
    "running": "active",
    "sunsetting": "sunsetting",
    "sunset": "sunsetting",
    "retiring": "sunsetting",
    "phasing out": "sunsetting",
    "phase out": "sunsetting",
    "ending": "sunsetting",
    "retired": "retired",
    "ended": "retired",
    "discontinued": "retired",
    "inactive": "retired",
    "closed": "retired",
}

_DECISION_WORDS = {
    "undecided": "undecided",
    "pending": "undecided",
    "tbd": "undecided",
    "under review": "undecided",
    "review": "undecided",
    "keep": "keep",
    "continue": "keep",
    "retain": "keep",
    "maintain": "keep",
    "expand": "expand",
    "grow": "expand",
    "scale": "expand",
    "scale up": "expand",
    "modify": "modify",
    "revise": "modify",
    "change": "modify",
    "adjust": "modify",
    "sunset": "sunset",
    "phase out": "sunset",
    "retire": "sunset",
    "remove": "remove",
    "cut": "remove",
    "stop": "remove",
    "eliminate": "remove",
    "discontinue": "remove",
    "drop": "remove",
}

_TYPE_WORDS = {
    "curriculum": "curriculum",
    "core curriculum": "curriculum",
    "instructional materials": "curriculum",
    "core": "curriculum",
    "intervention": "intervention",
    "interventions": "intervention",
    "tutoring": "intervention",
    "assessment": "assessment",
    "assessments": "assessment",
    "screener": "assessment",
    "screening": "assessment",
    "diagnostic": "assessment",
    "test": "assessment",
    "pd": "professional-learning",
    "pl": "professional-learning",
    "professional development": "professional-learning",
    "professional learning": "professional-learning",
    "coaching": "professional-learning",
    "training": "professional-learning",
    "enrichment": "enrichment",
    "gate": "enrichment",
    "after school": "enrichment",
    "student support": "student-support",
    "student supports": "student-support",
    "support": "student-support",
    "sel": "student-support",
    "social emotional learning": "student-support",
    "counseling": "student-support",
    "mental health": "student-support",
    "family engagement": "family-engagement",
    "family": "family-engagement",
    "parent engagement": "family-engagement",
    "community": "family-engagement",
    "operations": "operations",
    "ops": "operations",
    "technology": "operations",
    "transportation": "operations",
    "other": "other",
    "misc": "other",
}


def _word_parser(
    words: dict[str, str], choices: tuple[str, ...], what: str, default: str
) -> Callable[[object], Parsed]:
    table = {**{_key(c): c for c in choices}, **words}

    def parse(raw: object) -> Parsed:
        text = _text(raw)
        if is_blank(text) and text.lower() != "tbd":
            return default, None
        key = _key(text)
        if key in table:
            return table[key], None
        return None, f"{text!r} is not a {what} (use one of: {', '.join(choices)})"

    parse.__doc__ = f"A {what}: one of {', '.join(choices)}, or a common synonym."
    return parse


parse_status = _word_parser(_STATUS_WORDS, vocab.STATUSES, "status", vocab.DEFAULT_STATUS)
parse_decision = _word_parser(_DECISION_WORDS, vocab.DECISIONS, "decision", vocab.DEFAULT_DECISION)
parse_type = _word_parser(
    _TYPE_WORDS, vocab.PROGRAM_TYPES, "program type", vocab.DEFAULT_PROGRAM_TYPE
)

# ----------------------------------------------------------------------------- lists

_SLUG_WORDS = {
    "english learners": "ell",
    "english learner": "ell",
    "english language learners": "ell",
    "el": "ell",
    "els": "ell",
    "ell": "ell",
    "ells": "ell",
    "ml": "ell",
    "multilingual learners": "ell",
    "students with disabilities": "swd",
    "swd": "swd",
    "sped": "swd",
    "special education": "swd",
    "special ed": "swd",
    "iep": "swd",
    "ela": "ela",
    "english language arts": "ela",
    "english": "ela",
    "reading": "ela",
    "literacy": "ela",
    "writing": "ela",
    "math": "math",
    "maths": "math",
    "mathematics": "math",
    "numeracy": "math",
    "social emotional learning": "sel",
    "social emotional": "sel",
    "all students": "all",
    "everyone": "all",
    "gate": "gifted",
    "gifted and talented": "gifted",
    "low income": "low-income",
    "socioeconomically disadvantaged": "low-income",
    "sed": "low-income",
    "frl": "low-income",
}


def split_list(raw: object) -> list[str]:
    """Entries of a list cell, split on , ; / | and new lines; blanks dropped."""
    text = _text(raw)
    if is_blank(text):
        return []
    return [part.strip() for part in _LIST_SPLIT.split(text) if part.strip()]


def slug(text: str) -> str:
    """A lower-case hyphenated slug, with the usual abbreviations folded together."""
    key = _key(text)
    return _SLUG_WORDS.get(key, key.replace(" ", "-"))


def parse_slugs(raw: object) -> Parsed:
    """Subjects or student groups: "ELA; Math", "English Learners, SWD" -> ["ela", "math"]."""
    out: list[str] = []
    for part in split_list(raw):
        value = slug(part)
        if not value:
            return None, f"{part!r} has no letters or digits"
        if value not in out:
            out.append(value)
    return out, None


_FIELD_BY_WORDS = {
    **{_key(label): name for name, label in F.FIELD_LABELS.items()},
    **{_key(name.replace("_", " ")): name for name in F.FIELD_LABELS},
}


def parse_guessed(raw: object, spec: F.FieldSpec) -> Parsed:
    """The Guessed column: the fields' labels as the export writes them ("Type, MTSS
    tier"), or their names ("annual_cost"), read as the item's field names."""
    out: list[str] = []
    for part in split_list(raw):
        name = _FIELD_BY_WORDS.get(_key(part.replace("_", " ")))
        if name is None or name not in spec.choices:
            return None, f"{part!r} is not a field of this sheet"
        if name not in out:
            out.append(name)
    return out, None


_EVERY_SCHOOL = frozenset(
    {
        "all",
        "all schools",
        "all sites",
        "all campuses",
        "districtwide",
        "district wide",
        "district",
        "every school",
        "systemwide",
        "system wide",
    }
)
# "All elementary schools" and the like, with the words a school of that level has in
# its name ("Lincoln Elementary", "Adams ES").
_LEVELS = {
    "elementary": ("elementary", "es", "primary"),
    "middle": ("middle", "ms", "intermediate", "junior high", "jhs"),
    "high": ("high", "hs", "senior high"),
}
_LEVEL_PHRASE = re.compile(
    r"^(?:all\s+)?(?P<level>elementary|middle|high)(?:\s+(?:schools?|sites?|campuses))?$"
)


def school_level(text: str) -> str | None:
    """ "elementary", "middle" or "high" for "All elementary (schools)"; None otherwise."""
    key = _key(text)
    match = _LEVEL_PHRASE.match(key)
    return match["level"] if match and key.startswith("all") else None


def schools_of_level(level: str, known: list[str] | tuple[str, ...]) -> list[str]:
    """The known schools whose names say they are of this level (empty when none do)."""
    words = _LEVELS[level]
    return [s for s in known if any(re.search(rf"\b{w}\b", _key(s)) for w in words)]


def split_outside_parentheses(text: str, separators: str = ",;|/\n\r") -> list[str]:
    """Parts of a list, split only where no parenthesis is open.

    "Title I schools (Lincoln, Jefferson, Adams)" is one entry, not three.
    """
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(depth - 1, 0)
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [" ".join(p.split()) for p in parts if p.strip()]


def parse_names(raw: object, known_schools: list[str] | tuple[str, ...] = ()) -> Parsed:
    """School names: split on , ; | and new lines outside parentheses.

    "All sites" and "District-wide" are the empty list (district-wide). "All elementary"
    is the plan's elementary schools when it knows them, else district-wide too.
    """
    text = _text(raw)
    if is_blank(text) or _key(text) in _EVERY_SCHOOL:
        return [], None
    out: list[str] = []
    for part in split_outside_parentheses(text, ",;|\n\r"):
        level = school_level(part)
        if level is not None:
            of_level = schools_of_level(level, known_schools)
            if not of_level:
                return [], None
            names = of_level
        elif _key(part) in _EVERY_SCHOOL:
            return [], None
        else:
            names = [part]
        out.extend(n for n in names if n not in out)
    return out, None


_THEMES_BY_KEY = {
    **{_key(slug_): slug_ for slug_ in vocab.THEMES},
    **{_key(label): slug_ for slug_, label in vocab.THEME_LABELS.items()},
}


def parse_themes(raw: object) -> Parsed:
    """Theme slugs or labels ("Effective use of data"), split on ; | and new lines."""
    text = _text(raw)
    if is_blank(text):
        return [], None
    parts = [p.strip() for p in _LIST_SPLIT_NO_COMMA.split(text) if p.strip()]
    if len(parts) == 1 and _key(parts[0]) not in _THEMES_BY_KEY:
        parts = [p.strip() for p in parts[0].split(",") if p.strip()]
    out: list[str] = []
    for part in parts:
        theme = _THEMES_BY_KEY.get(_key(part))
        if theme is None:
            return None, f"{part!r} is not one of the 13 themes"
        if theme not in out:
            out.append(theme)
    return out, None


# OWASP "CSV Injection": a cell a spreadsheet may run as a formula starts with = + - @,
# tab or carriage return. Spreadsheets also skip what comes before (spaces, no-break and
# zero-width spaces, a BOM, line breaks) and read the full-width and small forms of the
# signs, and "|" starts a DDE command in old Excel; so all of those count.
FORMULA_SIGNS = frozenset("=+-@|\uff1d\uff0b\uff0d\uff20\uff5c\ufe66\ufe62\ufe63")
_SKIPPED = frozenset(["Zs", "Zl", "Zp", "Cc", "Cf"])


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet could take `text` for a formula (see FORMULA_SIGNS)."""
    if text[:1] in ("\t", "\r"):
        return True
    for char in text:
        if unicodedata.category(char) not in _SKIPPED:
            return char in FORMULA_SIGNS
    return False


def needs_guard(text: str) -> bool:
    """Exported text that gets a leading "'": formula-like text, and text that already
    starts with "'" (so that the guard is always removed exactly once on import)."""
    return text.startswith("'") or looks_like_formula(text)


def unneutralise(text: str) -> str:
    """Undo the export's guard: "'=SUM(A1)" was written for the text "=SUM(A1)", and
    "''x" for "'x". A "'" before anything else is the person's own text and stays."""
    rest = text[1:]
    if text.startswith("'") and rest and (rest.startswith("'") or looks_like_formula(rest)):
        return rest
    return text


def parse_text(raw: object) -> Parsed:
    """Free text; dates and numbers become their usual spelling."""
    if isinstance(raw, str):
        return unneutralise(raw.strip()), None
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat(), None
    if isinstance(raw, dt.date):
        return raw.isoformat(), None
    return _text(raw) if raw is not None else "", None


def parse_iso_date(raw: object) -> Parsed:
    """A date field (decided on): any date `parse_date` reads, kept as "2026-11-22"; a blank
    cell is "" (not decided yet)."""
    if raw is None or (isinstance(raw, str) and is_blank(raw)):
        return "", None
    value, error = parse_date(raw)
    if error or value is None:
        return None, error
    return value.isoformat(), None


def parse_long_text(raw: object) -> Parsed:
    """Paragraphs: like text, but inner line breaks are kept (only the ends are trimmed)."""
    if isinstance(raw, str):
        return unneutralise(raw.replace("\r\n", "\n").strip()), None
    return parse_text(raw)


def parse_name(raw: object) -> Parsed:
    text, _ = parse_text(raw)
    text = " ".join(str(text).split())
    if not text:
        return None, "the name is empty"
    return text, None


_BY_TYPE: dict[str, Callable[[object], Parsed]] = {
    F.TEXT: parse_text,
    F.LONGTEXT: parse_long_text,
    F.SLUGS: parse_slugs,
    F.GRADES: parse_grades,
    F.NAMES: parse_names,
    F.THEMES: parse_themes,
    F.MONEY: parse_money,
    F.NUMBER: parse_number,
    F.COUNT: parse_count,
    F.YEAR: parse_year,
    F.BOOL: parse_bool,
    F.DATE: parse_iso_date,
}

_BY_NAME: dict[str, Callable[[object], Parsed]] = {
    "name": parse_name,
    "status": parse_status,
    "decision": parse_decision,
    "type": parse_type,
    "tier": parse_tier,
    "evidence_tier": parse_evidence,
}


def parse_field(
    spec: F.FieldSpec,
    raw: object,
    *,
    comma_decimals: bool = False,
    signed: bool = False,
    known_schools: list[str] | tuple[str, ...] = (),
) -> Parsed:
    """Read one cell for one field of fields.py; the result passes `check_value`.

    `comma_decimals` is the column's decimal convention (`decimal_comma`); `signed` lets a
    money cell be negative (one line of a program on several lines); `known_schools` are
    the plan's schools, for "All elementary".
    """
    value, error = _parse_cell(spec, raw, comma_decimals, signed, known_schools)
    # Every value meets the plan's rules (fields.check_value: numbers, control characters,
    # length), the named fields too; a signed money line is checked once its lines are added.
    if error is None and not (signed and spec.type == F.MONEY):
        problem = F.check_value(spec, value)
        if problem:
            return None, f"{spec.label} {problem}"
    return value, error


def _parse_cell(
    spec: F.FieldSpec,
    raw: object,
    comma_decimals: bool,
    signed: bool,
    known_schools: list[str] | tuple[str, ...],
) -> Parsed:
    special = _BY_NAME.get(spec.name)
    if special is not None:
        return special(raw)
    if spec.type == F.MONEY:
        return parse_money(raw, comma_decimals=comma_decimals, signed=signed)
    if spec.type == F.NUMBER:
        return parse_number(raw, comma_decimals=comma_decimals)
    if spec.type == F.COUNT:
        return parse_count(raw, comma_decimals=comma_decimals)
    if spec.type == F.NAMES:
        return parse_names(raw, known_schools)
    if spec.type == F.GUESSED:
        return parse_guessed(raw, spec)
    parser = _BY_TYPE.get(spec.type)
    if parser is None:
        return None, f"the {spec.label.lower()} field cannot be read from one cell"
    return parser(raw)


# ----------------------------------------------------------------------------- writing


def format_money(value: int | float) -> str:
    """The spelling a person would type: 1200 -> "$1,200", 1200.5 -> "$1,200.50"."""
    if float(value).is_integer():
        return f"${int(value):,}"
    return f"${value:,.2f}"
