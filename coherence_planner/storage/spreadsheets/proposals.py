"""A consultant's Keep / Modify / Stop column, kept as a proposal for the cabinet.

Draft decisions are not decisions: writing "Stop" into a program's decision field would put
it in the decision log as if the cabinet had decided it. The import instead saves one
what-if scenario named after the file: its programs to stop are the scenario's removals
(so the Retreat's scenario view shows what stopping them frees and breaks), and every
proposal, keep and modify included, is listed in the scenario's notes with the reason
given. The cabinet applies the scenario, or not.

A program required by law, regulation or contract is never a removal: the rules never make
it a removal candidate, so a consultant's "Stop" on it stays in the notes, said to be set
aside, and out of the scenario's removals.
"""

from __future__ import annotations

from dataclasses import dataclass

from coherence_planner.domain.model.commands import PutRecord
from coherence_planner.domain.retreat.scenarios import COLLECTION, Scenario
from coherence_planner.storage.spreadsheets import values as V

# A proposal that stops the program: it goes into the scenario's removals.
STOPPING = frozenset({"sunset", "remove"})


@dataclass(frozen=True)
class Proposal:
    item_id: str
    name: str
    decision: str  # one of vocab.DECISIONS except undecided
    why: str
    place: str
    required: bool = False  # required by law: a "stop" is noted, never a removal

    @property
    def removes(self) -> bool:
        """True when the proposal takes the program out (a stop on a program not required)."""
        return self.decision in STOPPING and not self.required


def read_proposal(raw: object) -> tuple[str | None, str | None]:
    """(decision, None), (None, None) for a blank cell, or (None, message)."""
    if V.is_blank(raw):
        return None, None
    value, error = V.parse_decision(raw)
    if error is not None:
        return None, error.replace("is not a decision", "is not a proposal (keep, modify, stop)")
    return (None if value == "undecided" else value), None


def scenario_name(source: str) -> str:
    return f"Proposed in {source}" if source else "Proposed at import"


def proposals_scenario(proposals: list[Proposal], source: str) -> Scenario:
    lines = [f"Draft decisions from {source or 'the imported sheet'}, not the cabinet's:"]
    for p in proposals:
        line = f"- {p.decision}: {p.name}" + (f" ({p.why})" if p.why else "")
        if p.decision in STOPPING and p.required:
            line += "; set aside: it is required by law, so it is not among the removals"
        lines.append(line)
    return Scenario(
        name=scenario_name(source),
        remove=tuple(p.item_id for p in proposals if p.removes),
        notes="\n".join(lines),
    )


def save_proposals(proposals: list[Proposal], source: str) -> PutRecord:
    """The command storing the scenario (after the items it names are created)."""
    sc = proposals_scenario(proposals, source)
    return PutRecord(COLLECTION, sc.name, sc.as_record(), text=f"Add scenario {sc.name}")
