"""Which live goals each live item reaches through chains of supports links.

Cycles are legal data, so reachability is computed over strongly connected components
(iterative Tarjan: no recursion limit on long chains) and propagated as integer bitmasks,
one bit per goal: linear in items + links, whatever the shape of the graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def reach_masks(
    nodes: Iterable[str], edges: Mapping[str, list[str]], goal_bits: Mapping[str, int]
) -> dict[str, int]:
    """For every node, the OR of the bits of the goals it reaches by a path of length >= 1.

    `edges[x]` lists the nodes x points at (only live ones); `goal_bits` gives each goal's bit.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    mask: dict[str, int] = {}
    counter = 0

    for root in nodes:
        if root in index:
            continue
        # Each frame: node and the position of the next successor to visit.
        work: list[tuple[str, int]] = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, pos = work[-1]
            succ = edges.get(node, ())
            if pos < len(succ):
                work[-1] = (node, pos + 1)
                nxt = succ[pos]
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] != index[node]:
                continue
            # `node` roots a component; every component it reaches is already finished,
            # so its mask is the OR over the component's out-edges.
            component: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            members = set(component)
            bits = 0
            for member in component:
                for nxt in edges.get(member, ()):
                    bits |= goal_bits.get(nxt, 0)
                    if nxt not in members:
                        bits |= mask[nxt]
            for member in component:
                mask[member] = bits
    return mask


def bits_to_ids(bits: int, goal_ids: list[str]) -> list[str]:
    """Goal ids whose bits are set, in `goal_ids` order."""
    found = []
    while bits:
        low_bit = bits & -bits
        found.append(goal_ids[low_bit.bit_length() - 1])
        bits ^= low_bit
    return found
