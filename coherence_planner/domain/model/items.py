"""Items of a district plan (goals, strategies, programs, policies) and the links between them.

Items are plain mutable dataclasses; every change to them goes through a command in
`commands.py` so that it can be undone and stored. Unknown fields read from a file are kept
in `extra` and written back unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from coherence_planner.domain.model import vocab

Number = int | float


@dataclass
class Indicator:
    """A measure of a goal: where it started, where it is, where it should be."""

    name: str = ""
    unit: str = ""
    baseline: Number | None = None
    target: Number | None = None
    current: Number | None = None
    target_year: int | None = None
    baseline_year: int | None = None
    current_year: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Item:
    """Fields every kind of item has."""

    kind: ClassVar[str] = ""

    id: str
    name: str
    description: str = ""
    owner: str = ""
    status: str = vocab.DEFAULT_STATUS
    notes: str = ""
    # Required by law, regulation, court order or contract: ranks with the cabinet's keep
    # and is never proposed for removal (coherence-rules.md, rule 5).
    required: bool = False
    # Fields whose values an import or a suggestion guessed and no person has confirmed
    # (district-format.md): a guessed type counts as unknown for competing (rule 4, 2.1).
    guessed: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def live(self) -> bool:
        """Retired items take no part in any coherence rule."""
        return self.status != "retired"

    @property
    def label(self) -> str:
        """How the item is named in sentences: the name, and for policies the code."""
        return self.name


@dataclass
class Goal(Item):
    kind: ClassVar[str] = "goal"

    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class Strategy(Item):
    kind: ClassVar[str] = "strategy"

    themes: list[str] = field(default_factory=list)
    # Improvement cycles, oldest first: {start, end, focus, evidence, next_step} (fields.py).
    cycles: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Program(Item):
    kind: ClassVar[str] = "program"

    type: str = vocab.DEFAULT_PROGRAM_TYPE
    tier: int | None = None
    grades: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    populations: list[str] = field(default_factory=list)
    schools: list[str] = field(default_factory=list)
    annual_cost: Number | None = None
    fte: Number | None = None
    students_served: int | None = None
    funding_source: str = ""
    funding_ends: int | None = None
    evidence_tier: int | None = None
    start_year: int | None = None
    instructional_core: bool = False
    themes: list[str] = field(default_factory=list)
    decision: str = vocab.DEFAULT_DECISION
    decision_rationale: str = ""
    decided_by: str = ""
    decided_on: str = ""

    @property
    def cost_per_student(self) -> float | None:
        if self.annual_cost is None or not self.students_served:
            return None
        return self.annual_cost / self.students_served


@dataclass
class Policy(Item):
    kind: ClassVar[str] = "policy"

    code: str = ""
    adopted_year: int | None = None
    review_year: int | None = None
    decision: str = vocab.DEFAULT_DECISION
    decision_rationale: str = ""
    decided_by: str = ""
    decided_on: str = ""

    @property
    def label(self) -> str:
        # The name first: where a label is cut short (a card, a narrow column) the words a
        # person recognises survive, and the board's code follows for those who look it up.
        return f"{self.name} ({self.code})" if self.code and self.name else self.code or self.name


ITEM_CLASSES: dict[str, type[Item]] = {
    "goal": Goal,
    "strategy": Strategy,
    "program": Program,
    "policy": Policy,
}

# (kind, from, to) for supports; conflicts are symmetric, so their key orders the two ids.
LinkKey = tuple[str, str, str]


def link_key(kind: str, src: str, dst: str) -> LinkKey:
    if kind == "conflicts" and dst < src:
        src, dst = dst, src
    return (kind, src, dst)


@dataclass
class Link:
    """`src` supports `dst`, or the two conflict (symmetric; src/dst keep the file's order)."""

    src: str
    dst: str
    kind: str = vocab.DEFAULT_LINK_KIND
    strength: str = vocab.DEFAULT_STRENGTH
    rationale: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> LinkKey:
        # link_key, written out: the analysis and every open ask for tens of thousands.
        kind, src, dst = self.kind, self.src, self.dst
        if kind == "conflicts" and dst < src:
            return (kind, dst, src)
        return (kind, src, dst)

    def other(self, item_id: str) -> str:
        """The item at the other end from `item_id`."""
        return self.dst if item_id == self.src else self.src
