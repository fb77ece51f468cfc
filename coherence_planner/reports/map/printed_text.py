"""The printed map's words fitted to their room: names wrapped in a card's lines, and the
closing "Also serving..." lines that name, in as many lines as they are given, what stands
elsewhere (printed.py measures cards and lanes with them)."""

from __future__ import annotations

from coherence_planner.domain.model.wording import plural
from coherence_planner.reports.fonts import ellipsize, text_width
from coherence_planner.reports.markup import clean

SMALL_PT = 7.5  # badges, money, notes: the smallest text on the map
ALSO_LINES = 2  # a closing "Also serving..." note takes at most this many lines


def wrap(text: str, room: float, size: float, bold: bool, lines: int) -> list[str]:
    """Greedy word wrap into at most `lines` lines; a cut last line ends in "…"."""
    words = " ".join(clean(text).split()).split(" ")
    out: list[str] = []
    current = ""
    for n, word in enumerate(words):
        trial = f"{current} {word}" if current else word
        if text_width(trial, size, bold) <= room or not current:
            current = trial
            continue
        out.append(current)
        current = word
        if len(out) == lines:
            current = " ".join([out.pop(), *words[n:]])
            break
    out.append(current)
    return [_fit(line, room, size, bold) for line in out[:lines]]


def _fit(text: str, room: float, size: float, bold: bool) -> str:
    # A single word wider than the room still shows its first letters and "…".
    return ellipsize(text, room, size, bold) or text[:1] + "…"


def also_names(names: list[str], room: float, head: str, lines: int = ALSO_LINES) -> list[str]:
    """ "Also serving this goal (2 items in other goals' lanes): A, B and 9 more" (`head`,
    with the count of items put in for a {}) in `lines` lines at most: as many names as fit,
    then how many more; nothing when there are no names.

    Fewer names never need more lines, so a binary search over how many are shown finds the
    most that fit: trying every count wrapped the whole sentence each time, which took minutes
    when a few hundred items serve several goals.
    """
    if not names:
        return []
    counted = "{}" in head
    head = head.format(plural(len(names), "item"))

    def lines_for(shown: int) -> list[str] | None:
        rest = len(names) - shown
        if shown == 0:
            # No name fits: the count alone, never "…lanes: and 2 more".
            text = head.rstrip(": ") if counted else head + plural(len(names), "item")
        else:
            text = head + ", ".join(names[:shown]) + (f" and {rest:,} more" if rest else "")
        wrapped = wrap(text, room, SMALL_PT, False, lines + 1)
        fits = len(wrapped) <= lines and not wrapped[-1].endswith("…")
        return wrapped if fits else None

    best = lines_for(0)
    low, high = 0, len(names) + 1  # the most names that fit is in [low, high)
    while high - low > 1:
        middle = (low + high) // 2
        tried = lines_for(middle)
        if tried is None:
            high = middle
        else:
            low, best = middle, tried
    return best if best is not None else wrap(head, room, SMALL_PT, False, lines)
