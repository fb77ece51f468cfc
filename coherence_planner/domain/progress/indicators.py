"""Are we moving? The status of a goal's indicators against a straight path to the target.

The rule, which the findings panel, the progress chart and the report all use:

1. Years are calendar years of results. A plan's school year "2026-27" has, as its latest
   results, those of spring 2026, so an indicator without a `current_year` is read as
   measured in the first year of the plan's school year.
2. **no data**: the baseline, the current value or the target is missing; or the target is
   not met yet and the baseline year or the target year is missing, so that there is no
   path to compare with.
3. The direction is up when the target is at or above the baseline, down otherwise
   (fewer chronic absences).
4. **met**: the current value has reached the target in that direction.
5. Otherwise the expected value is on the straight line from (baseline year, baseline) to
   (target year, target) at the current year, held at the ends of the line.
   **on track** when the current value is at or beyond the expected value in the goal's
   direction, **off track** when it falls short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal, Indicator
from coherence_planner.domain.model.wording import join_words, quoted

ON_TRACK: Final = "on track"
OFF_TRACK: Final = "off track"
NO_DATA: Final = "no data"
MET: Final = "met"
NO_INDICATORS: Final = "no indicators"
STATUSES: Final = (MET, ON_TRACK, OFF_TRACK, NO_DATA)

_SCHOOL_YEAR = re.compile(r"^\s*(\d{4})(?:\s*[-/–]\s*(\d{2}|\d{4}))?\s*$")


def results_year(school_year: str | int) -> int | None:
    """The calendar year of the latest results in a school year: "2026-27" -> 2026.

    An int is taken as that year already; text that is not a school year gives None.
    """
    if isinstance(school_year, int):
        return school_year
    match = _SCHOOL_YEAR.match(school_year or "")
    return int(match.group(1)) if match else None


def measured_year(indicator: Indicator, school_year: str | int) -> int | None:
    """The year the current value was measured: its own `current_year`, else the plan's."""
    if indicator.current_year is not None:
        return indicator.current_year
    return results_year(school_year)


def expected_value(indicator: Indicator, year: int) -> float | None:
    """Where the straight path from baseline to target stands in `year` (None without it)."""
    ind = indicator
    if ind.baseline is None or ind.target is None:
        return None
    if ind.baseline_year is None or ind.target_year is None:
        return None
    if ind.target_year <= ind.baseline_year:
        return float(ind.target) if year >= ind.target_year else float(ind.baseline)
    share = (year - ind.baseline_year) / (ind.target_year - ind.baseline_year)
    share = min(1.0, max(0.0, share))
    return float(ind.baseline + (ind.target - ind.baseline) * share)


def indicator_status(indicator: Indicator, school_year: str | int) -> str:
    """'met', 'on track', 'off track' or 'no data', by the rule in this module's docstring."""
    ind = indicator
    if ind.baseline is None or ind.current is None or ind.target is None:
        return NO_DATA
    direction = 1 if ind.target >= ind.baseline else -1
    if (ind.current - ind.target) * direction >= 0:
        return MET
    year = measured_year(ind, school_year)
    expected = None if year is None else expected_value(ind, year)
    if expected is None:
        return NO_DATA
    return ON_TRACK if (ind.current - expected) * direction >= -1e-9 else OFF_TRACK


def missing(indicator: Indicator, school_year: str | int) -> tuple[str, ...]:
    """What keeps an indicator at 'no data', in words ("baseline year", "current value")."""
    if indicator_status(indicator, school_year) != NO_DATA:
        return ()
    ind = indicator
    values = (("baseline", ind.baseline), ("current value", ind.current), ("target", ind.target))
    gone = tuple(word for word, value in values if value is None)
    if gone:
        return gone
    years = (
        ("baseline year", ind.baseline_year),
        ("target year", ind.target_year),
        ("year of the current value", measured_year(ind, school_year)),
    )
    return tuple(word for word, value in years if value is None)


@dataclass(frozen=True)
class IndicatorProgress:
    index: int  # place in goal.indicators, so views can edit the right one
    name: str
    status: str
    expected: float | None  # the value on the path in the measured year, if there is a path
    missing: tuple[str, ...] = ()  # why it is 'no data'


@dataclass(frozen=True)
class GoalProgress:
    """A goal's indicators and one word for the goal.

    `status` is 'no indicators' when it has none; else 'off track' when any indicator is,
    'no data' when any cannot be judged, 'met' when all are met, 'on track' otherwise.
    """

    goal_id: str
    goal_name: str
    status: str
    indicators: tuple[IndicatorProgress, ...]

    @property
    def needs_attention(self) -> bool:
        """Shown among the findings: nothing to measure it by, or not moving as planned."""
        return self.status in (NO_INDICATORS, OFF_TRACK, NO_DATA)

    @property
    def reason(self) -> str:
        """A sentence a superintendent can read aloud."""
        if self.status == NO_INDICATORS:
            return "has no indicators, so nobody can tell whether it is moving"
        off = [
            p.name or f"indicator {p.index + 1}" for p in self.indicators if p.status == OFF_TRACK
        ]
        parts = []
        if off:
            parts.append(f"off track on {_names(off)}")
        for p in self.indicators:
            if p.status == NO_DATA:
                name = quoted(p.name) if p.name else f"indicator {p.index + 1}"
                parts.append(f"{name} has no {join_words(list(p.missing))}")
        if parts:
            return "; ".join(parts)
        return "every indicator met" if self.status == MET else "on track"


def _names(names: list[str]) -> str:
    return join_words([quoted(n) for n in names])


def goal_progress(goal: Goal, school_year: str | int) -> GoalProgress:
    progress = []
    for n, ind in enumerate(goal.indicators):
        year = measured_year(ind, school_year)
        expected = None if year is None else expected_value(ind, year)
        status = indicator_status(ind, school_year)
        progress.append(IndicatorProgress(n, ind.name, status, expected, missing(ind, school_year)))
    statuses = {p.status for p in progress}
    if not progress:
        status = NO_INDICATORS
    elif OFF_TRACK in statuses:
        status = OFF_TRACK
    elif NO_DATA in statuses:
        status = NO_DATA
    elif statuses == {MET}:
        status = MET
    else:
        status = ON_TRACK
    return GoalProgress(goal.id, goal.name, status, tuple(progress))


def district_progress(district: District) -> list[GoalProgress]:
    """Every live goal's progress in document order, judged in the plan's school year."""
    return [
        goal_progress(goal, district.school_year)
        for goal in district.items_of("goal")
        if isinstance(goal, Goal) and goal.live
    ]


def goals_needing_attention(district: District) -> list[GoalProgress]:
    """Live goals with no indicators, or with indicators off track or missing data."""
    return [p for p in district_progress(district) if p.needs_attention]


def _shown(value: float | int | None, year: int | None) -> str:
    if value is None:
        return "—"
    return f"{value:g} ({year})" if year is not None else f"{value:g}"


def indicator_rows(goal: Goal, school_year: str | int) -> list[tuple[str, str, str, str, str]]:
    """(indicator, baseline, current, target, status) as text, for the report's table;
    values carry their year in brackets when it is known."""
    return [
        (
            f"{ind.name} ({ind.unit})" if ind.unit else ind.name,
            _shown(ind.baseline, ind.baseline_year),
            _shown(ind.current, measured_year(ind, school_year)),
            _shown(ind.target, ind.target_year),
            indicator_status(ind, school_year),
        )
        for ind in goal.indicators
    ]
