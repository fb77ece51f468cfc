"""The cabinet's decisions on programs and policies, and the log of every decision taken.

A decision lives in two places on purpose. The item's own fields (`decision`,
`decision_rationale`, `decided_by`, `decided_on`) hold the current word, which the analysis
reads (a kept program wins its competing group). The record collection `decision_log` holds
every decision ever taken, including the ones the cabinet later changed its mind about, with
the decision it replaced, so the log answers "who decided what, when, and why" for the whole
retreat. One `decide()` is one undo step that changes both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.commands import Batch, Command, PutRecord, SetItemFields
from coherence_planner.domain.model.district import District, DistrictError

LOG = "decision_log"
DECIDABLE_KINDS = ("program", "policy")

DECISION_LABELS = {
    "undecided": "Undecided",
    "keep": "Keep",
    "expand": "Expand",
    "modify": "Modify",
    "sunset": "Sunset",
    "remove": "Remove",
}
# The number keys of presenter mode and the decision panel: 1 keep ... 5 remove, 0 undecided.
DECISION_KEYS = {
    "1": "keep",
    "2": "expand",
    "3": "modify",
    "4": "sunset",
    "5": "remove",
    "0": "undecided",
}
# Decisions that stop spending on an item: what "money freed" adds up.
STOPPING = ("sunset", "remove")


@dataclass(frozen=True)
class LogEntry:
    """One decision as it was taken: `previous` is the decision it replaced."""

    key: str
    item_id: str
    kind: str
    name: str
    decision: str
    previous: str
    rationale: str
    who: str
    on: str  # ISO date the cabinet decided
    scenario: str = ""  # the scenario it was applied from, if any

    def as_record(self) -> dict[str, Any]:
        return {
            "item": self.item_id,
            "kind": self.kind,
            "name": self.name,
            "decision": self.decision,
            "previous": self.previous,
            "rationale": self.rationale,
            "who": self.who,
            "on": self.on,
            "scenario": self.scenario,
        }

    @classmethod
    def from_record(cls, key: str, value: dict[str, Any]) -> LogEntry:
        return cls(
            key=key,
            item_id=str(value.get("item", "")),
            kind=str(value.get("kind", "")),
            name=str(value.get("name", "")),
            decision=str(value.get("decision", "")),
            previous=str(value.get("previous", "")),
            rationale=str(value.get("rationale", "")),
            who=str(value.get("who", "")),
            on=str(value.get("on", "")),
            scenario=str(value.get("scenario", "")),
        )


def check_date(on: str) -> str:
    """`on` if it is an ISO date, else a DistrictError naming the problem."""
    try:
        dt.date.fromisoformat(on)
    except (TypeError, ValueError):
        raise DistrictError(f"decision date must be a date like 2026-11-22; got {on!r}") from None
    return on


def _next_number(district: District) -> int:
    keys = [int(k) for k in district.records_of(LOG) if k.isdigit()]
    return max(keys, default=0) + 1


@dataclass(frozen=True)
class Decision:
    """What one person decided about one item; `decide_all` turns several into one step."""

    item_id: str
    decision: str
    rationale: str = ""


def decide(
    district: District,
    item_id: str,
    decision: str,
    rationale: str,
    who: str,
    on: str,
    *,
    scenario: str = "",
) -> Command:
    """One undoable step: set the item's decision fields and append to the decision log."""
    return decide_all(
        district, [Decision(item_id, decision, rationale)], who, on, scenario=scenario
    )


def decide_all(
    district: District,
    decisions: list[Decision],
    who: str,
    on: str,
    *,
    scenario: str = "",
    text: str | None = None,
) -> Batch:
    """Several decisions as one undo step (a scenario applied); each gets its own log entry.

    Raises DistrictError, building nothing, when an item is unknown or cannot be decided on,
    a decision is not in the vocabulary, or the date is not a date.
    """
    check_date(on)
    if not isinstance(who, str) or not isinstance(scenario, str):
        raise DistrictError("who decided and the scenario name must be text")
    number = _next_number(district)
    commands: list[Command] = []
    for n, wanted in enumerate(decisions):
        item = district.get(wanted.item_id)
        if item.kind not in DECIDABLE_KINDS:
            raise DistrictError(
                f"{item.id} is a {item.kind}; decisions are taken on programs and policies"
            )
        if wanted.decision not in vocab.DECISIONS:
            allowed = ", ".join(vocab.DECISIONS)
            raise DistrictError(
                f"decision on {item.id} must be one of {allowed}; got {wanted.decision!r}"
            )
        if not isinstance(wanted.rationale, str):
            raise DistrictError(f"the rationale for {item.id} must be text")
        values = {
            "decision": wanted.decision,
            "decision_rationale": wanted.rationale,
            "decided_by": who,
            "decided_on": on,
        }
        label = DECISION_LABELS[wanted.decision].lower()
        commands.append(
            SetItemFields(district, item.id, values, text=f"Decide {label}: {item.name}")
        )
        entry = LogEntry(
            key=f"{number + n:06d}",
            item_id=item.id,
            kind=item.kind,
            name=item.name,
            decision=wanted.decision,
            previous=str(getattr(item, "decision", vocab.DEFAULT_DECISION)),
            rationale=wanted.rationale,
            who=who,
            on=on,
            scenario=scenario,
        )
        commands.append(PutRecord(LOG, entry.key, entry.as_record(), text="Log decision"))
    if text is None:
        text = commands[0].text if len(decisions) == 1 else f"Decide on {len(decisions)} items"
    return Batch(text, commands)


def decision_log(district: District) -> list[LogEntry]:
    """Every decision taken, oldest first (the log's keys are its order)."""
    table = district.records_of(LOG)
    return [LogEntry.from_record(key, table[key]) for key in sorted(table)]


NOT_LOGGED = "Decided in the plan itself: the log has no record of who decided or why"


def unlogged_decisions(district: District) -> list[LogEntry]:
    """The decisions the tally counts that the log does not explain: a live program's or
        policy's current decision (not undecided) that differs from its latest log entry, as
        when a file or spreadsheet arrives already decided. With no key; dated and explained by
    the item's own decided_on, decided_by and rationale when it has them."""
    latest = {e.item_id: e.decision for e in decision_log(district)}
    found = []
    for item in sorted(district.items.values(), key=lambda i: i.id):
        if item.kind not in DECIDABLE_KINDS or not item.live:
            continue
        decision = str(getattr(item, "decision", vocab.DEFAULT_DECISION))
        if decision == vocab.DEFAULT_DECISION or latest.get(item.id) == decision:
            continue
        # The item's own record of the decision, when it has one, says more than "not
        # logged": a sample or spreadsheet arrives with its date, person and reason.
        why = str(getattr(item, "decision_rationale", "")) or NOT_LOGGED
        who = str(getattr(item, "decided_by", ""))
        on = str(getattr(item, "decided_on", ""))
        found.append(LogEntry("", item.id, item.kind, item.name, decision, "", why, who, on))
    return found


def filter_log(
    entries: list[LogEntry],
    *,
    item_id: str | None = None,
    decision: str | None = None,
    who: str | None = None,
    since: str | None = None,
    until: str | None = None,
    text: str = "",
) -> list[LogEntry]:
    """Entries matching every given filter; dates are inclusive, `text` searches name/why."""
    needle = text.strip().casefold()
    found = []
    for entry in entries:
        if item_id is not None and entry.item_id != item_id:
            continue
        if decision is not None and entry.decision != decision:
            continue
        if who is not None and entry.who != who:
            continue
        if since is not None and entry.on < since:
            continue
        if until is not None and entry.on > until:
            continue
        haystack = f"{entry.item_id} {entry.name} {entry.rationale}".casefold()
        if needle and needle not in haystack:
            continue
        found.append(entry)
    return found


LOG_COLUMNS = ("Date", "Item", "Kind", "Name", "Decision", "Was", "Why", "Decided by", "Scenario")


def log_rows(district: District) -> list[dict[str, str]]:
    """The decision log as plain rows (LOG_COLUMNS), for the PDF report and the spreadsheet."""
    return [
        {
            "Date": e.on,
            "Item": e.item_id,
            "Kind": vocab.KIND_LABELS.get(e.kind, e.kind),
            "Name": e.name,
            "Decision": DECISION_LABELS.get(e.decision, e.decision),
            "Was": DECISION_LABELS.get(e.previous, e.previous),
            "Why": e.rationale,
            "Decided by": e.who,
            "Scenario": e.scenario,
        }
        for e in decision_log(district)
    ]


@dataclass(frozen=True)
class DecisionTally:
    """Where the cabinet stands: items per decision, and the money and FTE it stops."""

    counts: dict[str, int]
    freed_cost: float
    freed_fte: float


def tally(district: District) -> DecisionTally:
    """Counts per current decision over live programs and policies; money and FTE freed
    by programs decided sunset or remove (null cost counts as 0)."""
    counts = {d: 0 for d in vocab.DECISIONS}
    cost = fte = 0.0
    for item in district.items.values():
        if item.kind not in DECIDABLE_KINDS or not item.live:
            continue
        decision = str(getattr(item, "decision", vocab.DEFAULT_DECISION))
        counts[decision] = counts.get(decision, 0) + 1
        if decision in STOPPING and item.kind == "program":
            cost += getattr(item, "annual_cost", None) or 0
            fte += getattr(item, "fte", None) or 0
    return DecisionTally(counts, cost, fte)
