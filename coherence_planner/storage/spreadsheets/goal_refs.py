"""Goal references as districts write them: "Goal 1", "Goal 1: Early Literacy", "1/2",
"1,3", "Goals 1 & 2", "All goals", or a goal's name.

A number means the goal with that number: from a goals sheet (its "Goal #" column, else a
"Goal N" at the start of the name, else its place in the list), else from a legend line
on the inventory ("Goals: 1 = Early Literacy; 2 = Math"), else from the plan's goals (the
same three ways). With no list anywhere, the import creates "Goal 1", "Goal 2"... for the
numbers the sheet uses, and says so in the preview, so the planner can rename them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

_ALL = re.compile(r"(?i)^\s*(all|all goals|every goal|all of the goals|goals? 1\s*-\s*all)\s*$")
_NUMBER_LIST = r"\d{1,2}(?:\s*(?:,|/|&|\+|;|and|-(?=\s*\d)|–)\s*\d{1,2})*"
_GOAL_PREFIX = re.compile(
    rf"(?i)^\s*(?:lcap\s+|strategic\s+|district\s+)?goals?\s*(?:#|no\.?|number)?\s*"
    rf"(?P<numbers>{_NUMBER_LIST})\s*(?:[:.)\-–—]\s*(?P<rest>.*))?$"
)
_BARE_NUMBERS = re.compile(rf"^\s*#?\s*(?P<numbers>{_NUMBER_LIST})\s*$")
# One entry of a legend: "1 = Early Literacy", "Goal 2: Math", "3 - Attendance".
_LEGEND_ENTRY = re.compile(
    r"(?i)(?:goal\s*)?(?<![\d/.:])(?P<number>\d{1,2})\s*(?:=|:|-|–|—|\))\s*(?P<name>[^;|\n]+?)\s*"
    r"(?=;|\||\n|,?\s*(?:goal\s*)?\d{1,2}\s*(?:=|:|\)|-\s)|$)"
)
# Words of a report's title block (who ran it, when, which page), never a goal's name.
_TITLE_BLOCK = re.compile(
    r"(?i)\b(user|run date|run time|printed|prepared by|page \d|report date|as of)\b"
)
_LEGEND_LINE = re.compile(r"(?i)^\s*(goals?|legend|key|goal key|goal legend)\b")


def numbers_in(text: str) -> list[int]:
    """The goal numbers of "1/2", "1,3", "1 & 2", "1-3" (a range), in order, no repeats."""
    out: list[int] = []
    for match in re.finditer(r"(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?", text):
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        for n in range(first, last + 1) if last >= first else (first,):
            if n not in out:
                out.append(n)
    return out


@dataclass(frozen=True)
class Reference:
    """One reference in a cell: numbers, or a name/id, or every goal."""

    text: str
    numbers: tuple[int, ...] = ()
    name: str = ""  # a name or id to look up; for "Goal 1: Early Literacy", the name part
    every_goal: bool = False


def split_references(text: str, is_known: Callable[[str], bool]) -> list[Reference]:
    """The references in one cell. `is_known(text)` says whether text names an item, so a
    goal whose name holds a comma or a slash is never cut in two."""
    text = " ".join(text.split())
    if not text:
        return []
    if is_known(text):
        return [Reference(text, name=text)]
    if _ALL.match(text):
        return [Reference(text, every_goal=True)]
    out: list[Reference] = []
    for part in [p.strip() for p in re.split(r"[;|\n\r]+", text) if p.strip()]:
        out.extend(_part(part, is_known))
    return out


def _part(part: str, is_known: Callable[[str], bool]) -> list[Reference]:
    if is_known(part):
        return [Reference(part, name=part)]
    if _ALL.match(part):
        return [Reference(part, every_goal=True)]
    prefixed = _GOAL_PREFIX.match(part)
    if prefixed:
        rest = (prefixed["rest"] or "").strip()
        return [Reference(part, tuple(numbers_in(prefixed["numbers"])), rest)]
    bare = _BARE_NUMBERS.match(part)
    if bare:
        return [Reference(part, tuple(numbers_in(bare["numbers"])))]
    pieces = [p.strip() for p in re.split(r"[,/]", part) if p.strip()]
    if len(pieces) > 1:
        return [r for piece in pieces for r in _part(piece, is_known)]
    return [Reference(part, name=part)]


def legend(lines: Iterable[str]) -> dict[int, str]:
    """Goal numbers and names from a legend line, or {} when no line is one.

    A legend names at least two goals, or starts with "Goals"/"Legend"/"Key".
    """
    for line in lines:
        if _TITLE_BLOCK.search(line):
            continue  # "12 - User: dpatel", "2025 - Run Date: 05/19": a report's title block
        entries = {int(m["number"]): m["name"].strip(" .,") for m in _LEGEND_ENTRY.finditer(line)}
        entries = {n: name for n, name in entries.items() if name and not name.isdigit()}
        if len(entries) >= 2 or (entries and _LEGEND_LINE.match(line)):
            return dict(sorted(entries.items()))
    return {}


def number_in_name(name: str) -> int | None:
    """3 for "Goal 3: Attendance" or "Goal #3 - Attendance"; None when the name has none."""
    match = re.match(r"(?i)^\s*goal\s*(?:#|no\.?)?\s*(\d{1,2})\b", name)
    return int(match.group(1)) if match else None


@dataclass
class GoalNumbers:
    """Which goal each number means, and where that was learnt (said in the preview)."""

    by_number: dict[int, str] = field(default_factory=dict)  # number -> goal id
    source: str = ""

    def number_goals(self, ordered: list[tuple[str, str, int | None]], source: str) -> None:
        """Number goals given as (id, name, explicit number or None), in list order."""
        if self.by_number or not ordered:
            return
        explicit = {}
        for place, (goal_id, name, number) in enumerate(ordered, start=1):
            explicit[number or number_in_name(name) or place] = goal_id
        if len(explicit) == len(ordered):  # two goals claiming one number: trust neither
            self.by_number = explicit
        else:
            self.by_number = {place: goal_id for place, (goal_id, _, _) in enumerate(ordered, 1)}
        self.source = source
