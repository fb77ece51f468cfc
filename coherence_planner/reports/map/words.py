"""The printed map in words, in reading order: each goal with what serves it, strategy by
strategy. It is the alternative text of a map drawn as a figure (the report's map pages),
so a screen reader hears the line of sight a sighted reader follows along the lanes."""

from __future__ import annotations

from coherence_planner.reports.map.printed import DIRECT_LABEL, PrintCard, PrintLane
from coherence_planner.reports.map.printed_pages import Piece


def _name(card: PrintCard) -> str:
    return " ".join(card.lines)


def _lane(lane: PrintLane, start: int, end: int, continued: bool) -> str:
    head = lane.label if lane.goal is None else f"Goal: {lane.label}"
    if continued:
        head += " (continued)"
    parts = []
    for block in lane.blocks[start:end]:
        served = [_name(card) for row in block.rows for card in row]
        what = ", ".join(served) or "nothing"
        if block.head is None:
            label = DIRECT_LABEL if lane.goal is not None else "Items"
            parts.append(f"{label}: {what}")
        elif block.under is not None:  # a secondary driver: the one it serves, in words
            name, primary = _name(block.head), _name(block.under)
            parts.append(f"secondary driver {name}, serving {primary}, served by {what}")
        else:
            parts.append(f"strategy {_name(block.head)}, served by {what}")
    if lane.also_items:
        parts.append("also served by " + ", ".join(lane.also_items))
    if lane.form == "unserved":
        parts.append("nothing serves it")
    return head + (": " + "; ".join(parts) if parts else "")


def map_words(pieces: list[Piece]) -> str:
    """One page's lanes in words, goal by goal."""
    lanes = []
    for piece in pieces:
        lanes.append(_lane(piece.lane, piece.start, piece.end, piece.continued))
        if piece.beside is not None:
            lanes.append(_lane(piece.beside, 0, len(piece.beside.blocks), False))
    return "Coherence map. " + ". ".join(lanes) + "."
