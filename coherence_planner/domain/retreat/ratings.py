"""Ratings by the cabinet: who is in the room, how each member rates each program, and where
they disagree.

Each member rates a program on implementation and impact (1 to 4) and on the six hexagon
dimensions fit, evidence, resources, readiness, capacity and need (1 to 5); any score may be
"don't know". The app shows the spread and sorts programs by disagreement so the room spends
its time where views differ, and places programs on an implementation-by-impact quadrant.

Records: `members` (key: the member's name; value {"role": ...}) and `ratings`
(key: "PROGRAM|MEMBER"; value {dimension: score or "dk"}). A dimension left out is unrated.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.model.commands import Batch, Command, DeleteRecord, PutRecord
from coherence_planner.domain.model.district import District, DistrictError

MEMBERS = "members"
RATINGS = "ratings"
DONT_KNOW = "dk"

# Dimension -> highest score (every scale starts at 1).
SCALES: dict[str, int] = {
    "implementation": 4,
    "impact": 4,
    "fit": 5,
    "evidence": 5,
    "resources": 5,
    "readiness": 5,
    "capacity": 5,
    "need": 5,
}
DIMENSIONS = tuple(SCALES)
DIMENSION_LABELS = {d: d.capitalize() for d in DIMENSIONS}
# What each score means, in the words the cabinet rates in (score n is SCORE_WORDS[d][n - 1]).
_FIVE = ("Very low", "Low", "Medium", "High", "Very high")
SCORE_WORDS: dict[str, tuple[str, ...]] = {
    "implementation": ("Not started", "Partly in place", "Mostly in place", "Fully in place"),
    "impact": ("No visible effect", "Some effect", "Clear effect", "Strong effect"),
    **{d: _FIVE for d in DIMENSIONS if SCALES[d] == 5},
}

# Quadrant thresholds: a mean at or above the middle of the 1-4 scale counts as high.
IMPLEMENTATION_HIGH = 2.5
IMPACT_HIGH = 2.5
# high implementation and high impact: lead with it (the model to spread);
# low implementation, high impact: invest (it works where it is done; do it properly);
# high implementation, low impact: weed (done well and still not moving results: stop it);
# low implementation, low impact: evaluate (too little done to know; decide on evidence).
QUADRANTS = ("lead", "invest", "evaluate", "weed")
QUADRANT_LABELS = {
    "lead": "Lead",
    "invest": "Invest",
    "evaluate": "Evaluate",
    "weed": "Weed",
    "unrated": "Not rated",
}


@dataclass(frozen=True)
class Member:
    name: str
    role: str = ""


def members(district: District) -> list[Member]:
    """Cabinet members in the order they were added."""
    return [Member(k, str(v.get("role", ""))) for k, v in district.records_of(MEMBERS).items()]


def add_member(district: District, name: str, role: str = "") -> Command:
    name = name.strip() if isinstance(name, str) else ""
    if not name:
        raise DistrictError("a cabinet member needs a name")
    if "|" in name:
        raise DistrictError(f"a member's name cannot contain '|': {name!r}")
    if district.record(MEMBERS, name) is not None:
        raise DistrictError(f"{name} is already a cabinet member")
    return PutRecord(MEMBERS, name, {"role": role}, text=f"Add cabinet member {name}")


def remove_member(district: District, name: str) -> Command:
    """Remove a member and their ratings in one step (undo brings both back)."""
    if district.record(MEMBERS, name) is None:
        raise DistrictError(f"{name!r} is not a cabinet member")
    commands: list[Command] = [DeleteRecord(MEMBERS, name, text=f"Remove {name}")]
    for key in list(district.records_of(RATINGS)):
        if key.split("|", 1)[1] == name:
            commands.append(DeleteRecord(RATINGS, key, text="Remove rating"))
    return Batch(f"Remove cabinet member {name}", commands)


def _check_score(dimension: str, score: Any) -> None:
    if dimension not in SCALES:
        raise DistrictError(f"unknown rating dimension {dimension!r}; use {', '.join(DIMENSIONS)}")
    if score == DONT_KNOW:
        return
    top = SCALES[dimension]
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= top:
        raise DistrictError(f"{dimension} must be 1 to {top} or don't know; got {score!r}")


def rate(district: District, program_id: str, member: str, scores: dict[str, Any]) -> Command:
    """Set some of a member's scores for a program (None clears a score); one undo step."""
    item = district.get(program_id)
    if item.kind != "program":
        raise DistrictError(f"{program_id} is a {item.kind}; the cabinet rates programs")
    if district.record(MEMBERS, member) is None:
        raise DistrictError(f"{member!r} is not a cabinet member; add them first")
    key = f"{program_id}|{member}"
    current = dict(district.record(RATINGS, key) or {})
    for dimension, score in scores.items():
        if score is None:
            if dimension not in SCALES:
                raise DistrictError(f"unknown rating dimension {dimension!r}")
            current.pop(dimension, None)
            continue
        _check_score(dimension, score)
        current[dimension] = score
    text = f"{member} rates {item.name}"
    if not current:
        if district.record(RATINGS, key) is None:
            raise DistrictError("nothing to rate")
        return DeleteRecord(RATINGS, key, text=text)
    return PutRecord(RATINGS, key, current, text=text)


def scores_of(district: District, program_id: str) -> dict[str, dict[str, Any]]:
    """member -> {dimension: score or "dk"} for one program."""
    found = {}
    for key, value in district.records_of(RATINGS).items():
        pid, member = key.split("|", 1)
        if pid == program_id:
            found[member] = dict(value)
    return found


@dataclass(frozen=True)
class Spread:
    """What the room said on one dimension of one program."""

    count: int  # numeric scores
    dont_know: int
    mean: float | None
    low: int | None
    high: int | None
    stdev: float | None  # population standard deviation

    @property
    def disagreement(self) -> float:
        """0 (everyone agrees) to 1 (the whole scale), the range over the scale's width."""
        return 0.0 if self.low is None or self.high is None else float(self.high - self.low)


def spread(scores: list[Any]) -> Spread:
    numbers = [s for s in scores if s != DONT_KNOW]
    dont_know = len(scores) - len(numbers)
    if not numbers:
        return Spread(0, dont_know, None, None, None, None)
    return Spread(
        len(numbers),
        dont_know,
        statistics.fmean(numbers),
        min(numbers),
        max(numbers),
        statistics.pstdev(numbers),
    )


@dataclass(frozen=True)
class ProgramRatings:
    program_id: str
    name: str
    raters: int
    spreads: dict[str, Spread]
    disagreement: float  # the widest dimension range as a share of its scale (0 to 1)
    quadrant: str  # lead / invest / evaluate / weed / unrated


def quadrant(implementation: float | None, impact: float | None) -> str:
    """The quadrant for mean implementation and impact (thresholds above); unrated if either
    mean is missing."""
    if implementation is None or impact is None:
        return "unrated"
    high_impl = implementation >= IMPLEMENTATION_HIGH
    high_impact = impact >= IMPACT_HIGH
    if high_impact:
        return "lead" if high_impl else "invest"
    return "weed" if high_impl else "evaluate"


def program_ratings(district: District, program_id: str) -> ProgramRatings:
    item = district.get(program_id)
    by_member = scores_of(district, program_id)
    spreads = {d: spread([s[d] for s in by_member.values() if d in s]) for d in DIMENSIONS}
    disagreement = max(
        (sp.disagreement / (SCALES[d] - 1) for d, sp in spreads.items()), default=0.0
    )
    impl, impact = spreads["implementation"].mean, spreads["impact"].mean
    return ProgramRatings(
        program_id, item.name, len(by_member), spreads, disagreement, quadrant(impl, impact)
    )


def rated_programs(district: District) -> list[ProgramRatings]:
    """Every program with at least one rating, most disagreement first (then by id)."""
    ids = sorted({key.split("|", 1)[0] for key in district.records_of(RATINGS)})
    found = [program_ratings(district, i) for i in ids if i in district.items]
    found.sort(key=lambda r: (-r.disagreement, r.program_id))
    return found


def rating_rows(district: District) -> list[dict[str, Any]]:
    """One row per rated program for the report and the spreadsheet: raters, quadrant,
    disagreement (0-1) and, per dimension, the mean and the low-high range."""
    rows = []
    for r in rated_programs(district):
        row: dict[str, Any] = {
            "Program": r.program_id,
            "Name": r.name,
            "Raters": r.raters,
            "Quadrant": QUADRANT_LABELS[r.quadrant],
            "Disagreement": round(r.disagreement, 2),
        }
        for d in DIMENSIONS:
            sp = r.spreads[d]
            row[DIMENSION_LABELS[d]] = None if sp.mean is None else round(sp.mean, 2)
            row[f"{DIMENSION_LABELS[d]} range"] = "" if sp.low is None else f"{sp.low}-{sp.high}"
        rows.append(row)
    return rows
