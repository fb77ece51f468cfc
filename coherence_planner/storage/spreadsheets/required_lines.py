"""Lines the law requires, proposed as required at import, with why (issue 23).

A district's budget carries lines no cabinet may cut: the McKinney-Vento reservation for
homeless students, equitable services for private-school students, the grant's indirect
costs, IDEA special education, Section 504 coordination, a state-mandated screener, the
Title I parent and family engagement reservation. Imported as ordinary programs they were
proposed for removal. When no column says which lines are required, a line whose name (or
description) names one of these is marked required, and `guessed` says so, so a person
confirms it; a guess of "required" only ever keeps a line out of the removal candidates.
"""

from __future__ import annotations

import re
from typing import Any

# (pattern over the name and description, why: the words the preview shows)
_REQUIRED: tuple[tuple[str, str], ...] = (
    (r"mckinney[- ]?vento|\bhomeless", "McKinney-Vento: services for homeless students"),
    (
        r"equitable services|private[- ]school|non[- ]?public school",
        "equitable services for private-school students (ESEA)",
    ),
    (r"\bindirect costs?\b", "the indirect cost rate charged to the grant"),
    (
        r"(?-i:\bIDEA\b)|special education|\bsped\b|students with disabilities",
        "IDEA: special education services",
    ),
    (r"\bsection 504\b|\b504 (plan|coordinat)", "Section 504 of the Rehabilitation Act"),
    (
        r"(parent|family)( and | & |/)?(family )?engagement.*(reservation|set[- ]aside|1 ?%)"
        r"|(reservation|set[- ]aside).*(parent|family) engagement",
        "the Title I parent and family engagement reservation",
    ),
    (r"state[- ]mandated|mandated by (the )?state|required by (state )?law", "a state mandate"),
    (r"dyslexia screen", "a state-mandated dyslexia screener"),
)


# Compiled once, and one search over all of them first: almost no line is required, and
# eight searches of `re.search`'s cache per row were a twentieth of an import (issue 29).
_PATTERNS = tuple((re.compile(pattern, re.IGNORECASE), why) for pattern, why in _REQUIRED)
_ANY = re.compile("|".join(f"(?:{pattern})" for pattern, _ in _REQUIRED), re.IGNORECASE)


def required_because(name: str, description: str = "") -> str | None:
    """Why a line is required by law, from its name (then its description), or None."""
    for text in (name, description):
        if not _ANY.search(text):
            continue
        for pattern, why in _PATTERNS:
            if pattern.search(text):  # IDEA only in capitals ("Idea Lab")
                return why
    return None


def required_note(why: str) -> str:
    """The sentence left in the item's notes, so the planner confirms it."""
    return f"Marked required at import ({why}); confirm it, or clear Required."


def propose_required(values: dict[str, Any]) -> str | None:
    """Mark `values` required, guessed, with a note, when its name says the law requires
    it; returns why (None when it does not, or a column already said)."""
    if "required" in values:
        return None
    why = required_because(str(values.get("name", "")), str(values.get("description", "")))
    if why is None:
        return None
    values["required"] = True
    values["guessed"] = [*(n for n in values.get("guessed", []) if n != "required"), "required"]
    values["notes"] = "\n".join(n for n in (values.get("notes", ""), required_note(why)) if n)
    return why
