"""One parsing path for every cell: the parser a field of fields.py is read with, and the
plan's rules (`fields.check_value`) applied to what it gives."""

from __future__ import annotations

from collections.abc import Callable

from coherence_planner.domain.model import fields as F
from coherence_planner.storage.spreadsheets.values.choices import (
    parse_bool,
    parse_decision,
    parse_evidence,
    parse_grades,
    parse_status,
    parse_tier,
    parse_type,
)
from coherence_planner.storage.spreadsheets.values.common import Parsed
from coherence_planner.storage.spreadsheets.values.dates import parse_iso_date, parse_year
from coherence_planner.storage.spreadsheets.values.lists import (
    parse_guessed,
    parse_names,
    parse_slugs,
    parse_themes,
)
from coherence_planner.storage.spreadsheets.values.money import parse_money
from coherence_planner.storage.spreadsheets.values.numbers import (
    parse_count,
    parse_number,
    parse_signed_number,
)
from coherence_planner.storage.spreadsheets.values.text import (
    parse_long_text,
    parse_name,
    parse_text,
)

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
    if id(spec) in _INDICATOR_SPECS:
        value, error = _parse_indicator_cell(spec, raw)
    else:
        value, error = _parse_cell(spec, raw, comma_decimals, signed, known_schools)
    # Every value meets the plan's rules (fields.check_value: numbers, control characters,
    # length), the named fields too; a signed money line is checked once its lines are added.
    if error is None and not (signed and spec.type == F.MONEY) and not _unnamed(spec, value):
        problem = F.check_value(spec, value)
        if problem:
            return None, f"{spec.label} {problem}"
    return value, error


# By identity: a test per cell, so it must cost nothing beside the parser.
_INDICATOR_SPECS = frozenset(id(spec) for spec in F.INDICATOR_FIELDS)


def _parse_indicator_cell(spec: F.FieldSpec, raw: object) -> Parsed:
    """An indicator's cell: its numbers may be negative (a gap can be), and its name is
    plain text, not an item's name (the item words of `_BY_NAME` do not apply)."""
    if spec.type == F.NUMBER:
        return parse_signed_number(raw)
    if spec.type == F.TEXT:
        return parse_text(raw)
    return _parse_cell(spec, raw, False, False, ())


def _unnamed(spec: F.FieldSpec, value: object) -> bool:
    """An indicator may have no name yet, as the codec allows (codec._indicator_from_dict)."""
    return spec.name == "name" and value == "" and id(spec) in _INDICATOR_SPECS


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
