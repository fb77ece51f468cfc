"""Primary and secondary drivers: which strategy a strategy that serves strategies stands
under, on screen and on paper alike.

A driver diagram has two columns of drivers: primary drivers (here, strategies serving no
strategy) and secondary drivers (strategies serving one). A longer chain of strategies folds
into the secondary drivers' column, under the primary driver it reaches first, with the
chain in words (labels.via_lines). Both maps ask this module, so a strategy is a secondary
driver of the same primary on the screen, in the SVG and on paper.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from coherence_planner.domain.model.items import Item


def driver_chains(
    items: dict[str, Item],
    supports: Iterable[tuple[str, str]],
    lane: Mapping[str, str] | None = None,
) -> dict[str, list[str]]:
    """For every strategy that serves a strategy, the shortest chain of strategies from it
    to a primary driver (a strategy serving no strategy): nearest first, the primary last;
    ties go to names in alphabetical order. A loop that reaches no primary driver has none
    (its links say it all). With `lane` (a strategy's lane), the chain ends at the nearest
    primary driver in the strategy's own lane, the one it can stand beside; a strategy
    serving only other lanes' primaries then has none, and stands as a primary itself."""
    serves: dict[str, list[str]] = {}
    for src, dst in supports:
        if items[src].kind == "strategy" and items[dst].kind == "strategy":
            serves.setdefault(src, []).append(dst)
    for targets in serves.values():
        targets.sort(key=lambda i: (items[i].label, i))
    chains: dict[str, list[str]] = {}
    for start in serves:
        # Breadth first from the strategy: the first strategy serving none ends the chain.
        came: dict[str, str] = {start: start}
        frontier = [start]
        end = None
        while frontier and end is None:
            ahead = []
            for here in frontier:
                for t in serves[here]:
                    if t in came:
                        continue
                    came[t] = here
                    if t in serves:
                        ahead.append(t)
                    elif lane is None or lane.get(t) == lane.get(start):
                        end = end or t
            frontier = ahead
        if end is None:
            continue
        chain = [end]
        step = came[end]
        while step != start:
            chain.append(step)
            step = came[step]
        chain.reverse()
        chains[start] = chain
    return chains


def driver_order(heads: Sequence[str], chains: dict[str, list[str]]) -> list[tuple[str, str]]:
    """The strategies `heads` (in the order they are listed) in the order a lane shows them,
    each with the primary driver it stands under ("" for a primary, or for a secondary whose
    primary is not among `heads`): every primary followed by its secondary drivers, each
    secondary followed by the strategies folded in through it (the nearest strategy of its
    chain, when that stands under the same primary), so a chain reads down the column."""
    shown = set(heads)
    primary = {
        h: chains[h][-1]
        for h in heads
        if h in chains and chains[h][-1] in shown and chains[h][-1] != h
    }
    children: dict[str, list[str]] = {}
    for h in heads:
        if h in primary:
            near = chains[h][0]
            parent = near if primary.get(near) == primary[h] or near == primary[h] else primary[h]
            children.setdefault(parent, []).append(h)
    order: list[tuple[str, str]] = []
    for h in heads:
        if h in primary:
            continue
        stack = [(h, "")]
        while stack:  # depth first without recursion: a hostile chain may be thousands long
            here, top = stack.pop()
            order.append((here, top))
            under = top or here
            stack.extend((c, under) for c in reversed(children.get(here, [])))
    return order
