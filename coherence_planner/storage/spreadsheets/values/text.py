"""Text cells: one line, paragraphs, names, and the guard against cells a spreadsheet
would run as formulas."""

from __future__ import annotations

import datetime as dt
import unicodedata

from coherence_planner.storage.spreadsheets.values.common import Parsed, _text

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
