"""Dollars as people type them ("$1.2M", "12k", "25,000.00-"), and back out as text."""

from __future__ import annotations

import re

from coherence_planner.storage.spreadsheets.values.common import Parsed, _text, is_blank
from coherence_planner.storage.spreadsheets.values.numbers import (
    _clean,
    _grouped_ok,
    european_to_us,
)

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


def format_money(value: int | float) -> str:
    """The spelling a person would type: 1200 -> "$1,200", 1200.5 -> "$1,200.50"."""
    if float(value).is_integer():
        return f"${int(value):,}"
    return f"${value:,.2f}"
