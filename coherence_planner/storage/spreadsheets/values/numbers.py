"""Numbers as people type them: FTE, counts, indicator values, and a column's decimal comma."""

from __future__ import annotations

import re

from coherence_planner.domain.model import fields as F
from coherence_planner.storage.spreadsheets.values.common import Parsed, _key, _text, is_blank


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
