"""What-if scenarios: "if we stopped these, what would it free and what would it break?"

A scenario is a named set of items to remove. It is evaluated by analysing a copy of the
district in which those items are retired, so the answer comes from the same engine as
every other finding: money and FTE freed, competing groups that no longer compete, goals the
removal would leave with no support at all, students no longer served, and the findings
after. Scenarios are stored in the record collection `scenarios`, keyed by name. Applying
one records a `remove` decision for each of its programs and policies in one undo step.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from typing import Any

from coherence_planner.domain.analysis.coherence import Analysis, analyse
from coherence_planner.domain.analysis.rules.keeping import CompetingGroup
from coherence_planner.domain.model.commands import Command, DeleteRecord, PutRecord
from coherence_planner.domain.model.district import District, DistrictError
from coherence_planner.domain.model.items import Program
from coherence_planner.domain.model.naming import Names
from coherence_planner.domain.model.wording import join_words
from coherence_planner.domain.retreat.decisions import DECIDABLE_KINDS, Decision, decide_all

COLLECTION = "scenarios"


@dataclass(frozen=True)
class Scenario:
    """A named set of item ids to remove; `applied_*` say whether the cabinet chose it."""

    name: str
    remove: tuple[str, ...] = ()
    notes: str = ""
    applied_on: str = ""
    applied_by: str = ""

    def with_items(self, item_ids: list[str] | tuple[str, ...]) -> Scenario:
        """This scenario with more items to remove (kept in the order they were added)."""
        return replace(self, remove=tuple(dict.fromkeys((*self.remove, *item_ids))))

    def without_items(self, item_ids: list[str] | tuple[str, ...]) -> Scenario:
        gone = set(item_ids)
        return replace(self, remove=tuple(i for i in self.remove if i not in gone))

    def as_record(self) -> dict[str, Any]:
        return {
            "remove": list(self.remove),
            "notes": self.notes,
            "applied_on": self.applied_on,
            "applied_by": self.applied_by,
        }

    @classmethod
    def from_record(cls, name: str, value: dict[str, Any]) -> Scenario:
        return cls(
            name=name,
            remove=tuple(str(i) for i in value.get("remove", [])),
            notes=str(value.get("notes", "")),
            applied_on=str(value.get("applied_on", "")),
            applied_by=str(value.get("applied_by", "")),
        )


def with_removal_candidates(scenario: Scenario, analysis: Analysis) -> Scenario:
    """The one-click "add all current removal candidates"."""
    return scenario.with_items([c.id for c in analysis.removal_candidates])


def scenarios(district: District) -> list[Scenario]:
    """The district's scenarios in the order they were made."""
    return [Scenario.from_record(k, v) for k, v in district.records_of(COLLECTION).items()]


def scenario(district: District, name: str) -> Scenario:
    value = district.record(COLLECTION, name)
    if value is None:
        raise DistrictError(f"no scenario named {name!r}")
    return Scenario.from_record(name, value)


def _check(district: District, sc: Scenario) -> None:
    if not isinstance(sc.name, str) or not sc.name.strip():
        raise DistrictError("a scenario needs a name")
    unknown = [i for i in sc.remove if i not in district.items]
    if unknown:
        raise DistrictError(f"scenario {sc.name!r} names unknown items: {', '.join(unknown)}")
    goals = [i for i in sc.remove if district.items[i].kind == "goal"]
    if goals:
        raise DistrictError(
            f"scenario {sc.name!r} removes goals ({', '.join(goals)}); scenarios remove "
            "strategies, programs and policies"
        )


def save_scenario(district: District, sc: Scenario) -> Command:
    """Create or replace a scenario (one undo step); refuses unknown items and goals."""
    _check(district, sc)
    verb = "Update" if district.record(COLLECTION, sc.name) is not None else "Add"
    return PutRecord(COLLECTION, sc.name, sc.as_record(), text=f"{verb} scenario {sc.name}")


def delete_scenario(district: District, name: str) -> Command:
    scenario(district, name)  # refuses an unknown name now, not when the command runs
    return DeleteRecord(COLLECTION, name, text=f"Delete scenario {name}")


# ------------------------------------------------------------------------------ evaluation


@dataclass(frozen=True)
class Findings:
    """How many of each finding: what the side-by-side compares."""

    orphans: int
    unsupported_goals: int
    conflicts: int
    competing_groups: int
    removal_candidates: int
    total_cost: float
    freed_cost: float

    @classmethod
    def of(cls, analysis: Analysis) -> Findings:
        return cls(
            orphans=len(analysis.orphans),
            unsupported_goals=len(analysis.unsupported_goals),
            conflicts=len(analysis.conflicts),
            competing_groups=len(analysis.competing),
            removal_candidates=len(analysis.removal_candidates),
            total_cost=analysis.resources.total_cost,
            freed_cost=analysis.resources.freed_cost,
        )


@dataclass
class ScenarioResult:
    """Today against the scenario. `newly_unsupported` is the loud warning."""

    scenario: Scenario
    removed: tuple[str, ...]  # the live items actually retired by the scenario
    freed_cost: float
    freed_fte: float
    students_no_longer_served: int
    resolved_groups: list[CompetingGroup]
    newly_unsupported: list[str]  # goals supported today that nothing would reach after
    newly_orphaned: list[str]  # items still in place that would lose every path to a goal
    before: Findings
    after: Findings
    analysis_after: Analysis = field(repr=False)

    @property
    def warns(self) -> bool:
        return bool(self.newly_unsupported)


def retired_copy(district: District, item_ids: tuple[str, ...] | list[str]) -> District:
    """A deep copy of the district with these items retired (the original is untouched)."""
    twin = copy.deepcopy(district)
    for item_id in item_ids:
        twin.get(item_id).status = "retired"
    return twin


def evaluate(district: District, sc: Scenario, today: Analysis | None = None) -> ScenarioResult:
    """Analyse the district with the scenario's items retired and compare with today.

    `today` may be passed when the caller already has the current analysis. Items already
    retired, and ids no longer in the district, are ignored (a scenario may outlive an item).
    Students no longer served is the sum of `students_served` over the removed programs: a
    count of places in programs, not of distinct students.
    """
    before = today if today is not None else analyse(district)
    removed = tuple(i for i in sc.remove if i in district.items and district.items[i].live)
    after = analyse(retired_copy(district, removed))
    cost = fte = 0.0
    students = 0
    for item_id in removed:
        item = district.items[item_id]
        if isinstance(item, Program):
            cost += item.annual_cost or 0
            fte += item.fte or 0
            students += item.students_served or 0
    still_competing = set(after.group_of)
    resolved = [
        group for group in before.competing if not any(m in still_competing for m in group.members)
    ]
    was_unsupported = set(before.unsupported_goals)
    newly_unsupported = [g for g in after.unsupported_goals if g not in was_unsupported]
    was_orphan = {o.id for o in before.orphans}
    newly_orphaned = [o.id for o in after.orphans if o.id not in was_orphan]
    return ScenarioResult(
        scenario=sc,
        removed=removed,
        freed_cost=cost,
        freed_fte=fte,
        students_no_longer_served=students,
        resolved_groups=resolved,
        newly_unsupported=newly_unsupported,
        newly_orphaned=newly_orphaned,
        before=Findings.of(before),
        after=Findings.of(after),
        analysis_after=after,
    )


# ------------------------------------------------------------------------------ applying


def apply_as_decisions(
    district: District, sc: Scenario, who: str, on: str, rationale: str = ""
) -> Command:
    """Decide `remove` on every program and policy of the scenario and mark the scenario
    as the one chosen, all in one undo step.

    Strategies in a scenario have no decision field: they are left for the cabinet to
    retire in the inspector (`undecidable()` lists them so the ui can say so).
    """
    _check(district, sc)
    why = rationale or f"Removed with scenario {sc.name!r}"
    wanted = [
        Decision(i, "remove", why) for i in sc.remove if district.items[i].kind in DECIDABLE_KINDS
    ]
    if not wanted:
        raise DistrictError(f"scenario {sc.name!r} has no programs or policies to decide on")
    batch = decide_all(
        district, wanted, who, on, scenario=sc.name, text=f"Apply scenario {sc.name}"
    )
    chosen = replace(sc, applied_on=on, applied_by=who)
    batch.commands.append(
        PutRecord(COLLECTION, sc.name, chosen.as_record(), text=f"Choose scenario {sc.name}")
    )
    return batch


def undecidable(district: District, sc: Scenario) -> list[str]:
    """Items of the scenario that applying it does not decide on (strategies)."""
    return [
        i
        for i in sc.remove
        if i in district.items and district.items[i].kind not in DECIDABLE_KINDS
    ]


def chosen_scenarios(district: District) -> list[Scenario]:
    """Scenarios the cabinet applied, for the report: the most recent last."""
    return sorted((s for s in scenarios(district) if s.applied_on), key=lambda s: s.applied_on)


def summary_rows(
    district: District, sc: Scenario, today: Analysis | None = None
) -> list[dict[str, Any]]:
    """Today against the scenario as rows (Measure, Today, Scenario), for reports and sheets."""
    result = evaluate(district, sc, today)
    b, a = result.before, result.after
    naming = Names(district)

    def names(ids: list[str]) -> str:
        return join_words([naming.plain(i) for i in ids]) or "none"

    return [
        {"Measure": "Items removed", "Today": 0, "Scenario": len(result.removed)},
        {"Measure": "Annual cost", "Today": b.total_cost, "Scenario": a.total_cost},
        {"Measure": "Money freed", "Today": 0, "Scenario": result.freed_cost},
        {"Measure": "FTE freed", "Today": 0, "Scenario": result.freed_fte},
        {
            "Measure": "Students no longer served",
            "Today": 0,
            "Scenario": result.students_no_longer_served,
        },
        {
            "Measure": "Competing groups",
            "Today": b.competing_groups,
            "Scenario": a.competing_groups,
        },
        {"Measure": "Orphans", "Today": b.orphans, "Scenario": a.orphans},
        {"Measure": "Conflicts", "Today": b.conflicts, "Scenario": a.conflicts},
        {
            "Measure": "Goals with no support",
            "Today": b.unsupported_goals,
            "Scenario": a.unsupported_goals,
        },
        {
            "Measure": "Removal candidates",
            "Today": b.removal_candidates,
            "Scenario": a.removal_candidates,
        },
        {
            "Measure": "Goals left unsupported by it",
            "Today": "",
            "Scenario": names(result.newly_unsupported),
        },
    ]
