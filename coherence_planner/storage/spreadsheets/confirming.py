"""Confirming in the preview, in one click, what the import guessed.

The import marks what it guessed (a program's type from its name, a line required by law
from its name) in each item's `guessed` list, with a note to confirm it: a guessed type
competes with nothing until a person confirms it (coherence rules 2.1). A planner who reads
the preview's list and agrees confirms them all at once before Import, instead of opening
each program afterwards; the items then carry the values as a person's.
"""

from __future__ import annotations

from coherence_planner.storage.spreadsheets.plan import ImportPlan

# The field each confirmation clears from `guessed`, and the start of the note it removes
# (guessing.type_note, required_lines.required_note).
CONFIRMABLE = {
    "type": "Type guessed from the name at import",
    "required": "Marked required at import",
}


def confirm_guessed(plan: ImportPlan, field_name: str) -> None:
    """Every new item's guessed `field_name` confirmed as it stands, and its note gone."""
    note = CONFIRMABLE[field_name]
    for new in plan.creates:
        item = new.item
        if field_name not in item.guessed:
            continue
        item.guessed = [name for name in item.guessed if name != field_name]
        notes = getattr(item, "notes", "")
        if notes:
            item.notes = "\n".join(line for line in notes.split("\n") if not line.startswith(note))
    plan.confirmed.add(field_name)
