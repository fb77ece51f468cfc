"""The cabinet's votes from its rating rounds: for each program, how many members said keep,
modify, sunset or remove, and the one-line reasons they gave, so the board sees the room's
judgement and not only the scores."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.wording import plural
from coherence_planner.domain.retreat import room
from coherence_planner.reports.book.doc import Heading
from coherence_planner.reports.book.styles import para, right, table

MAX_REASONS = 3  # reasons shown a program, then how many more


def _reasons(reasons: tuple[str, ...]) -> str:
    if not reasons:
        return "—"
    shown = "; ".join(f"“{r}”" for r in reasons[:MAX_REASONS])
    more = len(reasons) - MAX_REASONS
    return shown + (f"; and {more:,} more" if more > 0 else "")


def round_votes(district: District, width: float) -> list[Flowable]:
    """A section per rating round that asked for a vote and got one; nothing otherwise."""
    parts: list[Flowable] = []
    for round_ in room.rounds(district):
        if not round_.vote:
            continue
        view = room.live_view(district, round_)
        voted = [p for p in view.programs if any(p.votes.values())]
        if not voted:
            continue
        if not parts:
            parts.append(Heading("The cabinet's votes", 0))
        title = round_.title or "Rating round"
        state = "" if round_.state == "closed" else ", still open"
        parts.append(Heading(f"{title} ({plural(len(view.members), 'member')}{state})", 1))
        parts.append(
            para(
                "How many members voted to keep, modify, sunset or remove each program, the "
                "programs the room disagreed on most first, with the reasons they gave"
                + (" (anonymous round)." if round_.anonymous else "."),
                "muted",
            )
        )
        rows = [
            [p.name, *(right(str(p.votes[v])) for v in room.VOTES), _reasons(p.reasons)]
            for p in voted
        ]
        w = width
        parts.append(
            table(
                ("Program", *(room.VOTE_LABELS[v] for v in room.VOTES), "Reasons"),
                rows,
                (w * 0.28, w * 0.1, w * 0.1, w * 0.1, w * 0.1, w * 0.32),
                wrap=(0, 5),
                align_right=(1, 2, 3, 4),
            )
        )
    if parts:
        parts.append(PageBreak())
    return parts
