"""Years and dates: "FY27", "2026-27", Excel serials, US and ISO dates."""

from __future__ import annotations

import datetime as dt
import re

from coherence_planner.storage.spreadsheets.values.common import Parsed, _key, _text, is_blank


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
    # A whole date typed as text ("2024-07-01", "7/1/24") before the school-year pattern,
    # which would read "2024-07" as a school year ending in 2107.
    as_date = parse_date(text)[0]
    if as_date is not None:
        return as_date.year, None
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


def parse_iso_date(raw: object) -> Parsed:
    """A date field (decided on): any date `parse_date` reads, kept as "2026-11-22"; a blank
    cell is "" (not decided yet)."""
    if raw is None or (isinstance(raw, str) and is_blank(raw)):
        return "", None
    value, error = parse_date(raw)
    if error or value is None:
        return None, error
    return value.isoformat(), None
