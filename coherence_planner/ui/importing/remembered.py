"""The column choices a planner made for a workbook, remembered for the next import of it.

A district imports the same workbook again and again (an updated spending plan, the
finance export of next month). What the planner corrected in the mapping the first time is
kept in the app's settings under a key made of its sheets' names and headers, not its file
name: the same layout arrives as "Budget March.xlsx", then "Budget April.xlsx", and opens
with the same choices; a workbook whose columns changed opens with fresh guesses. The value is the JSON
of a mapping file (storage.spreadsheets.mapping: `mappings_to_json`), read back with the
same checks as a mapping file; anything unreadable is forgotten, never shown as an error.
"""

from __future__ import annotations

import hashlib
import json

from coherence_planner.storage.spreadsheets import MappingError, Sheet, SheetMapping
from coherence_planner.storage.spreadsheets.mapping import mappings_from_json, mappings_to_json
from coherence_planner.ui.settings import settings

GROUP = "import_mappings"


def workbook_key(source: str, sheets: list[Sheet]) -> str:
    """The settings key of a workbook: its sheets and their headers (`source`, the file's
    name, is left out on purpose: next month's copy has another name)."""
    shape = [[sheet.name, sheet.headers] for sheet in sheets]
    digest = hashlib.sha256(json.dumps(shape, ensure_ascii=False).encode("utf-8"))
    return f"{GROUP}/{digest.hexdigest()[:32]}"


def remembered_mappings(source: str, sheets: list[Sheet]) -> dict[str, SheetMapping] | None:
    """The mapping last imported from this workbook, or None."""
    text = settings().value(workbook_key(source, sheets))
    if not isinstance(text, str) or not text:
        return None
    try:
        mappings = mappings_from_json(json.loads(text), source)
    except (ValueError, MappingError):
        return None
    names = {sheet.name for sheet in sheets}
    return {name: m for name, m in mappings.items() if name in names} or None


def remember_mappings(source: str, sheets: list[Sheet], mappings: dict[str, SheetMapping]) -> None:
    settings().setValue(
        workbook_key(source, sheets), json.dumps(mappings_to_json(mappings), ensure_ascii=False)
    )
