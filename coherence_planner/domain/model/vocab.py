"""The controlled vocabularies of the interchange format (district-format.md), in one place.

Every layer (validation, storage, the inspector's combo boxes, the spreadsheet import, the
report) reads these tuples, so a value is spelt one way everywhere.
"""

from __future__ import annotations

from typing import Final

ITEM_KINDS: Final = ("goal", "strategy", "program", "policy")
KIND_LABELS: Final = {
    "goal": "Goal",
    "strategy": "Strategy",
    "program": "Program",
    "policy": "Policy",
}
KIND_PLURALS: Final = {
    "goal": "Goals",
    "strategy": "Strategies",
    "program": "Programs",
    "policy": "Policies",
}

STATUSES: Final = ("proposed", "active", "sunsetting", "retired")
DEFAULT_STATUS: Final = "active"

PROGRAM_TYPES: Final = (
    "curriculum",
    "intervention",
    "assessment",
    "professional-learning",
    "enrichment",
    "student-support",
    "family-engagement",
    "operations",
    "other",
)
DEFAULT_PROGRAM_TYPE: Final = "other"

TIERS: Final = (1, 2, 3)
EVIDENCE_TIERS: Final = (1, 2, 3, 4)
EVIDENCE_LABELS: Final = {
    1: "Tier 1 (strong)",
    2: "Tier 2 (moderate)",
    3: "Tier 3 (promising)",
    4: "Tier 4 (rationale)",
    None: "No evidence",
}

DECISIONS: Final = ("undecided", "keep", "expand", "modify", "sunset", "remove")
DEFAULT_DECISION: Final = "undecided"

LINK_KINDS: Final = ("supports", "conflicts")
DEFAULT_LINK_KIND: Final = "supports"
STRENGTHS: Final = ("strong", "moderate", "weak")
DEFAULT_STRENGTH: Final = "moderate"

# The 13 themes of improved districts, in their 4 categories, with a guiding prompt each
# (our words) that the inspector and the report show next to the theme.
THEME_CATEGORIES: Final[tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...]] = (
    (
        "Effective leadership",
        (
            (
                "focus-on-all-students-learning",
                "Focus on all students' learning",
                "Does every leader talk first about what students learn, for every group?",
            ),
            (
                "dynamic-distributed-leadership",
                "Dynamic, distributed leadership",
                "Who besides the cabinet leads this work, and do they have the authority to?",
            ),
            (
                "sustained-improvement-over-time",
                "Sustained improvement over time",
                "Will this still be running, and improving, in three years?",
            ),
        ),
    ),
    (
        "Quality teaching and learning",
        (
            (
                "high-expectations-adult-accountability",
                "High expectations and adult accountability",
                "Which adults answer for the result, and how will we know?",
            ),
            (
                "aligned-curriculum-assessment",
                "Aligned curriculum and assessment",
                "Do curriculum, instruction and assessment point at the same standards?",
            ),
            (
                "embedded-professional-development",
                "Embedded professional development",
                "Is teacher learning part of the work day and tied to this goal?",
            ),
            (
                "quality-classroom-instruction",
                "Quality classroom instruction",
                "What will change in a classroom on an ordinary Tuesday?",
            ),
        ),
    ),
    (
        "Support for systemwide improvement",
        (
            (
                "effective-use-of-data",
                "Effective use of data",
                "Which data will teachers and leaders look at, how often, and to decide what?",
            ),
            (
                "strategic-resource-allocation",
                "Strategic resource allocation",
                "Is money, time and staff moving toward the goals and away from what does not serve them?",
            ),
            (
                "policy-program-coherence",
                "Policy and program coherence",
                "Does this fit with what we already do, or compete with it?",
            ),
        ),
    ),
    (
        "Clear and collaborative relationships",
        (
            (
                "professional-culture-collaboration",
                "Professional culture and collaboration",
                "Do staff work on this together, with trust and shared responsibility?",
            ),
            (
                "clear-roles-responsibilities",
                "Clear roles and responsibilities",
                "Does everyone know who does what between the board, central office and schools?",
            ),
            (
                "managing-external-environment",
                "Managing the external environment",
                "Have families, the community and partners been told why, and brought in?",
            ),
        ),
    ),
)

THEMES: Final = tuple(slug for _, themes in THEME_CATEGORIES for slug, _, _ in themes)
THEME_LABELS: Final = {slug: label for _, ts in THEME_CATEGORIES for slug, label, _ in ts}
THEME_PROMPTS: Final = {slug: prompt for _, ts in THEME_CATEGORIES for slug, _, prompt in ts}
THEME_CATEGORY: Final = {slug: cat for cat, ts in THEME_CATEGORIES for slug, _, _ in ts}

# Grade tokens in school order; a range "K-3" covers every token from first to last.
GRADE_TOKENS: Final = ("PK", "K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12")
_GRADE_INDEX: Final = {g: i for i, g in enumerate(GRADE_TOKENS)}
ALL_GRADES: Final = frozenset(GRADE_TOKENS)

GRADE_BANDS: Final = (
    ("Early (PK-K)", frozenset({"PK", "K"})),
    ("Primary (1-3)", frozenset({"1", "2", "3"})),
    ("Upper elementary (4-5)", frozenset({"4", "5"})),
    ("Middle (6-8)", frozenset({"6", "7", "8"})),
    ("High (9-12)", frozenset({"9", "10", "11", "12"})),
)


class GradeError(ValueError):
    """A grade entry that is neither a token nor a range of tokens."""


def _grade_token(text: str) -> str:
    # Strict on purpose: the interchange format is a contract. Forgiving readings of
    # "Grades 6-8" or "kinder" belong to the spreadsheet import, which normalises first.
    if text not in _GRADE_INDEX:
        raise GradeError(f"unknown grade {text!r} (use PK, K, 1 to 12, or a range like K-3)")
    return text


def expand_grade(entry: str) -> list[str]:
    """Tokens covered by one entry: "K-3" -> ["K", "1", "2", "3"]; "5" -> ["5"]."""
    if not isinstance(entry, str):
        raise GradeError(f"grade {entry!r} is not text")
    text = entry
    if "-" in text:
        first, _, last = text.partition("-")
        lo, hi = _GRADE_INDEX[_grade_token(first)], _GRADE_INDEX[_grade_token(last)]
        if lo > hi:
            raise GradeError(f"grade range {entry!r} runs backwards")
        return list(GRADE_TOKENS[lo : hi + 1])
    return [_grade_token(text)]


def grade_set(entries: list[str] | tuple[str, ...]) -> frozenset[str]:
    """Every grade a list of entries covers; empty means every grade."""
    if not entries:
        return ALL_GRADES
    covered: set[str] = set()
    for entry in entries:
        covered.update(expand_grade(entry))
    return frozenset(covered)


def compact_grades(tokens: frozenset[str] | set[str]) -> list[str]:
    """The shortest list of entries for a set of tokens: {K,1,2,3,6} -> ["K-3", "6"]."""
    ordered = sorted(tokens, key=_GRADE_INDEX.__getitem__)
    runs: list[list[str]] = []
    for token in ordered:
        if runs and _GRADE_INDEX[token] == _GRADE_INDEX[runs[-1][-1]] + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return [run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs]


def grades_label(entries: list[str] | tuple[str, ...]) -> str:
    """Short text for a card or a table cell: "K-3", "6-8, 10", "All grades"."""
    tokens = grade_set(entries)
    if tokens == ALL_GRADES:
        return "All grades"
    return ", ".join(compact_grades(tokens))
