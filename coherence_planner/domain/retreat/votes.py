"""The votes a program got in the cabinet's rating rounds, in words for the Ratings view.

A round that asked for a vote keeps each member's keep / modify / sunset / remove and the
one-line reason with their answers (`room.round_answers`); closing the round writes only the
scores into the ratings. This puts the votes back beside the scores they came with.
"""

from __future__ import annotations

from dataclasses import dataclass

from coherence_planner.domain.model.district import District
from coherence_planner.domain.retreat import room

MAX_REASONS = 3  # reasons shown for a program in a round, then how many more


@dataclass(frozen=True)
class RoundVotes:
    title: str
    votes: dict[str, int]  # vote -> members, in room.VOTES order
    reasons: tuple[str, ...]


def program_votes(district: District, program_id: str) -> list[RoundVotes]:
    """The program's votes in each round that asked for one and got one, oldest first."""
    found = []
    for round_ in room.rounds(district):
        if not round_.vote or program_id not in round_.programs:
            continue
        votes = dict.fromkeys(room.VOTES, 0)
        reasons = []
        for answers in room.round_answers(district, round_.id).values():
            answer = answers.get(program_id)
            if answer is None or answer.vote is None:
                continue
            votes[answer.vote] += 1
            if answer.reason:
                reasons.append(answer.reason)
        if any(votes.values()):
            found.append(RoundVotes(round_.title or "Rating round", votes, tuple(reasons)))
    return found


def votes_text(found: list[RoundVotes]) -> str:
    """One line per round: "Removal candidates: Keep 2, Remove 1. Reasons: “…”; “…”"."""
    lines = []
    for entry in found:
        tally = ", ".join(f"{room.VOTE_LABELS[v]} {n}" for v, n in entry.votes.items() if n)
        line = f"{entry.title}: {tally}."
        if entry.reasons:
            shown = "; ".join(f"“{r}”" for r in entry.reasons[:MAX_REASONS])
            more = len(entry.reasons) - MAX_REASONS
            line += f" Reasons: {shown}" + (f"; and {more:,} more." if more > 0 else ".")
        lines.append(line)
    return "\n".join(lines)
