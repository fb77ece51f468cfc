"""Cells that hold several things: tags, the fields an import guessed, schools, themes."""

from __future__ import annotations

import re

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model import vocab
from coherence_planner.storage.spreadsheets.values.common import (
    _LIST_SPLIT,
    _LIST_SPLIT_NO_COMMA,
    Parsed,
    _key,
    _text,
    is_blank,
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
