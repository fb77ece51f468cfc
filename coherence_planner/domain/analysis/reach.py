"""Which live goals each live item reaches through chains of supports links.

Cycles are legal data, so reachability is computed over strongly connected components
(iterative Tarjan: no recursion limit on long chains) and propagated as integer bitmasks,
one bit per goal: linear in items + links, whatever the shape of the graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping


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
    none: list[str] = []
    bit_of = goal_bits.get

    for root in nodes:
        if root in index:
            continue
        # Each frame: a node and an iterator over the successors still to visit.
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(edges.get(root, none)))]
        while work:
            node, successors = work[-1]
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(edges.get(nxt, none))))
                    break  # visit nxt first; this node's iterator resumes after it
                if nxt in on_stack and index[nxt] < low[node]:
                    low[node] = index[nxt]
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    if low[node] < low[parent]:
                        low[parent] = low[node]
                if low[node] == index[node]:
                    _finish(node, stack, on_stack, edges, bit_of, mask)
    return mask


def _finish(
    node: str,
    stack: list[str],
    on_stack: set[str],
    edges: Mapping[str, list[str]],
    bit_of: Callable[[str, int], int],
    mask: dict[str, int],
) -> None:
    """`node` roots a component, the top of `stack` down to it; every component it reaches
    is already finished, so its mask is the OR over the component's out-edges."""
    if stack[-1] == node:  # a component of one node, as in any plan without a cycle
        stack.pop()
        on_stack.discard(node)
        bits = 0
        for nxt in edges.get(node, ()):
            bits |= bit_of(nxt, 0) | mask[nxt]
        mask[node] = bits
        return
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
            bits |= bit_of(nxt, 0)
            if nxt not in members:
                bits |= mask[nxt]
    for member in component:
        mask[member] = bits


def bits_to_ids(bits: int, goal_ids: list[str]) -> list[str]:
    """Goal ids whose bits are set, in `goal_ids` order."""
    found = []
    while bits:
        low_bit = bits & -bits
        found.append(goal_ids[low_bit.bit_length() - 1])
        bits ^= low_bit
    return found
