"""The vocabularies people write in words: grades ("K-5"), MTSS tiers, ESSA evidence
levels, yes or no, and the status, decision and program-type words with their synonyms."""

from __future__ import annotations

import re
from collections.abc import Callable

from coherence_planner.domain.model import vocab
from coherence_planner.storage.spreadsheets.values.common import Parsed, _key, _text, is_blank

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
