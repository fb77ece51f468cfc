"""Workbooks that keep one tab per fiscal year ("FY2024", "FY2025"; "2023-24", "2024-25"):
the plan is this year's tab, and the earlier years are history.

A finance export or a tracker copied forward each year holds the same projects on every
year's tab; read together they are the same program twice, which the import refused as
duplicates. The cabinet plans from the latest year, so only the latest of a set of tabs
with the same columns is read, and the others are named as left out.
"""

from __future__ import annotations

import re

from coherence_planner.storage.spreadsheets.sheet import Sheet


def fiscal_year(sheet_name: str) -> int | None:
    """The fiscal year a tab's name gives, the year it ends ("FY2025", "FY 25", "2024-25",
    "2024–2025", "2025"), or None."""
    named = re.search(r"(?i)\bFY\s?(\d{2}|20\d{2})\b", sheet_name)
    if named:
        year = int(named.group(1))
        return year + 2000 if year < 100 else year
    match = re.search(r"\b(20\d{2})(?:\s*[-–/]\s*(20\d{2}|\d{2}))?\b", sheet_name)
    if not match:
        return None
    start, end = int(match.group(1)), match.group(2)
    if end is None:
        return start
    later = int(end) + (start // 100) * 100 if len(end) == 2 else int(end)
    return later if later == start + 1 else None


def earlier_year_tabs(sheets: list[Sheet]) -> dict[str, str]:
    """Each tab that is an earlier year of another tab with the same columns, mapped to the
    name of the latest year's tab (which is the one read)."""
    groups: dict[tuple[str | None, tuple[str, ...]], list[tuple[int, str]]] = {}
    for sheet in sheets:
        year = fiscal_year(sheet.name)
        if year is not None and sheet.rows:
            key = (sheet.kind, tuple(h.strip().casefold() for h in sheet.headers))
            groups.setdefault(key, []).append((year, sheet.name))
    out: dict[str, str] = {}
    for tabs in groups.values():
        if len(tabs) < 2:
            continue
        tabs.sort()
        latest_year, latest = tabs[-1]
        for year, name in tabs[:-1]:
            if year < latest_year:
                out[name] = latest
    return out
