"""What a merge found, in words people read: the changes taken from one side, and the
conflicts (both sides changed one thing differently) with both values and who, when known.

Every subject is named (an item's name, a link as "A supports B", a rating by program and
member), never by id. A place (`where`) says what a conflict's choice writes; its values are
plain interchange data, MISSING standing for "not there" (deleted, or never added).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.progress.diff_words import show_value

MINE = "mine"
THEIRS = "theirs"
SIDES = (MINE, THEIRS)


class _Missing:
    """Not there: a deleted item, a field an item does not have, a record never made."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __reduce__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

Where = tuple[Any, ...]


@dataclass(frozen=True)
class Conflict:
    where: Where
    subject: str  # what the conflict is about, by name
    what: str  # which field, or "deleted on one side, changed on the other"
    base: Any
    mine: Any
    theirs: Any
    type: str = ""  # the fields.py type of the field, for showing its values
    mine_who: str = ""  # who changed it and when, when known
    theirs_who: str = ""
    # Fields that go with this one's choice (a decision's rationale, who and when), with
    # theirs' values: the same conflict's other half, never chosen apart from it.
    together: tuple[tuple[str, Any], ...] = ()

    @property
    def key(self) -> str:
        return "/".join(str(part) for part in self.where)

    def value_text(self, side: str) -> str:
        value = self.mine if side == MINE else self.theirs
        whole = len(self.where) == 2 or (len(self.where) == 5 and self.where[-1] is None)
        if whole and value is not MISSING:  # an item, link or entry the other side deleted
            return "kept, with its changes"
        return describe_value(value, self.type)

    def line(self) -> str:
        mine = self.value_text(MINE) + (f" ({self.mine_who})" if self.mine_who else "")
        theirs = self.value_text(THEIRS) + (f" ({self.theirs_who})" if self.theirs_who else "")
        return f"{self.subject}: {self.what}: mine {mine}; theirs {theirs}"


@dataclass(frozen=True)
class Taken:
    """A change only one side made, taken into the result (or kept, when it is mine)."""

    side: str
    subject: str
    what: str
    old: Any
    new: Any
    type: str = ""

    def line(self) -> str:
        if self.old is MISSING:
            return f"{self.subject}: added"
        if self.new is MISSING:
            return f"{self.subject}: deleted"
        if self.what == "changed":  # a record: its values are not worded one by one
            return f"{self.subject}: changed"
        old, new = describe_value(self.old, self.type), describe_value(self.new, self.type)
        return f"{self.subject}: {self.what}: {old} → {new}"


def describe_value(value: Any, type: str = "") -> str:
    if value is MISSING:
        return "(deleted)"
    if isinstance(value, dict):
        shown = value.get("name") or value.get("focus") or value.get("start")
        if shown:
            return f"“{shown}”"
        # A rating and the like: its few values, said plainly ("impact 3, fit 4").
        parts = ", ".join(
            f"{key.replace('_', ' ')} {show_value(v, 20)}" for key, v in value.items()
        )
        return parts if len(parts) <= 80 else parts[:79] + "…"
    return show_value(value, 80, type)
