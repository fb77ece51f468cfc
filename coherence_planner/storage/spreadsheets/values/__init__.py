"""Forgiving readings of what people type into inventory spreadsheets.

Every parser takes a raw cell value (text, number, date, bool or None, as openpyxl or the
CSV reader gives it) and returns `(value, None)` or `(None, message)`. The message says what
was wrong in words a person can act on; the caller adds the sheet, row and column. The
values they return are exactly what the interchange format stores (district-format.md), so
`fields.check_value` accepts every one.

One module per kind of value (money, numbers, dates, text, lists, the vocabularies'
words) over `common.py`; `cells.py` is the one path every cell of a sheet takes
(`parse_field`). This package's names are its public API: callers write `values.parse_money`.
"""

from coherence_planner.storage.spreadsheets.values.cells import parse_field
from coherence_planner.storage.spreadsheets.values.choices import (
    parse_bool,
    parse_decision,
    parse_evidence,
    parse_grades,
    parse_status,
    parse_tier,
    parse_type,
)
from coherence_planner.storage.spreadsheets.values.common import Parsed, is_blank
from coherence_planner.storage.spreadsheets.values.dates import (
    excel_serial_date,
    parse_date,
    parse_iso_date,
    parse_year,
)
from coherence_planner.storage.spreadsheets.values.lists import (
    parse_guessed,
    parse_names,
    parse_slugs,
    parse_themes,
    school_level,
    schools_of_level,
    slug,
    split_list,
    split_outside_parentheses,
)
from coherence_planner.storage.spreadsheets.values.money import format_money, parse_money
from coherence_planner.storage.spreadsheets.values.numbers import (
    decimal_comma,
    european_to_us,
    parse_count,
    parse_number,
    parse_signed_number,
)
from coherence_planner.storage.spreadsheets.values.text import (
    FORMULA_SIGNS,
    looks_like_formula,
    needs_guard,
    parse_long_text,
    parse_name,
    parse_text,
    unneutralise,
)

__all__ = [
    "FORMULA_SIGNS",
    "Parsed",
    "decimal_comma",
    "european_to_us",
    "excel_serial_date",
    "format_money",
    "is_blank",
    "looks_like_formula",
    "needs_guard",
    "parse_bool",
    "parse_count",
    "parse_date",
    "parse_decision",
    "parse_evidence",
    "parse_field",
    "parse_grades",
    "parse_guessed",
    "parse_iso_date",
    "parse_long_text",
    "parse_money",
    "parse_name",
    "parse_names",
    "parse_number",
    "parse_signed_number",
    "parse_slugs",
    "parse_status",
    "parse_text",
    "parse_themes",
    "parse_tier",
    "parse_type",
    "parse_year",
    "school_level",
    "schools_of_level",
    "slug",
    "split_list",
    "split_outside_parentheses",
    "unneutralise",
]
