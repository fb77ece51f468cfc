"""A literal, slow reading of the coherence rules, version 2.1: BFS from every item, every pair
of programs compared. It is the peer the engine is timed against (bench_check.py) and the oracle
the property tests compare the engine with (tests/unit/domain/test_coherence_properties.py).
"""

from __future__ import annotations

import math
from itertools import combinations
from typing import Any

from coherence_planner.domain.model import vocab


def naive(data: dict[str, Any]) -> dict[str, Any]:
    """The rules read literally: BFS per item, every pair compared."""
    items = {
        x["id"]: (kind, x)
        for key, kind in (
            ("goals", "goal"),
            ("strategies", "strategy"),
            ("programs", "program"),
            ("policies", "policy"),
        )
        for x in data[key]
    }
    live = {i for i, (_, x) in items.items() if x.get("status", "active") != "retired"}
    out: dict[str, list[str]] = {i: [] for i in live}
    for ln in data["links"]:
        if ln["kind"] == "supports" and ln["from"] in live and ln["to"] in live:
            out[ln["from"]].append(ln["to"])

    def goals(x: str) -> set[str]:
        found, seen, todo = set(), {x}, list(out[x])
        while todo:
            y = todo.pop()
            if items[y][0] == "goal":
                found.add(y)
            if y not in seen:
                seen.add(y)
                todo.extend(out[y])
        return found

    reach = {i: goals(i) for i in live}
    orphans = sorted(i for i in live if items[i][0] != "goal" and not reach[i])
    supported = set().union(*reach.values()) if reach else set()
    unsupported = sorted(i for i in live if items[i][0] == "goal" and i not in supported)

    def known_type(x: dict[str, Any]) -> bool:
        # "other" and null both mean "not known", which competes with nothing by type;
        # version 2.1: so does a type listed in `guessed` (not yet confirmed by a person).
        return x.get("type") not in (None, "other") and "type" not in (x.get("guessed") or [])

    def overlap(a: list[str], b: list[str], grades: bool = False) -> bool:
        if grades:
            return bool(vocab.grade_set(a) & vocab.grade_set(b))
        if not a or not b or "all" in a or "all" in b:
            return True
        return bool(set(a) & set(b))

    progs = {i: items[i][1] for i in live if items[i][0] == "program"}
    conflict = {
        frozenset((ln["from"], ln["to"])) for ln in data["links"] if ln["kind"] == "conflicts"
    }
    pairs = set()
    for a, b in combinations(sorted(progs), 2):
        pa, pb = progs[a], progs[b]
        if frozenset((a, b)) in conflict or (
            reach[a] & reach[b]
            and known_type(pa)
            and known_type(pb)
            and pa["type"] == pb["type"]
            and pa["tier"] == pb["tier"]
            and overlap(pa["grades"], pb["grades"], grades=True)
            and all(overlap(pa[k], pb[k]) for k in ("subjects", "populations", "schools"))
        ):
            pairs.add((a, b))

    def key(i: str) -> tuple[Any, ...]:
        x = progs[i]
        first = x["decision"] in ("keep", "expand") or x.get("required", False)
        cps = (
            x["annual_cost"] / x["students_served"]
            if x["annual_cost"] is not None and x["students_served"]
            else math.inf
        )
        return (
            0 if first else 1,
            x["evidence_tier"] or 5,
            cps,
            -(x["students_served"] or 0),
            i,
        )

    members = sorted({m for pair in pairs for m in pair}, key=key)
    kept: list[str] = []
    for m in members:
        # Version 2.1: a required program is kept, whatever it competes with.
        if progs[m].get("required") or not any(tuple(sorted((m, k))) in pairs for k in kept):
            kept.append(m)
    required = {i for i in live if items[i][1].get("required")}
    removal = sorted((set(orphans) | (set(members) - set(kept))) - required)
    freed = sum((progs[i]["annual_cost"] or 0) for i in removal if i in progs)
    gaps = []
    for i in sorted(progs):
        x = progs[i]
        missing = [
            fact
            for fact, absent in (
                ("type", not known_type(x)),
                ("annual_cost", x.get("annual_cost") is None),
                ("fte", x.get("fte") is None),
                ("students_served", x.get("students_served") is None),
                ("goal", not reach[i]),
            )
            if absent
        ]
        if missing:
            gaps.append({"id": i, "name": x["name"], "missing": missing})
    return {
        "orphans": orphans,
        "data_gaps": gaps,
        "unsupported": unsupported,
        "in_groups": sorted(members),
        "kept": sorted(kept),
        "removal": removal,
        "freed_cost": freed,
        "total": sum((x["annual_cost"] or 0) for x in progs.values()),
    }
