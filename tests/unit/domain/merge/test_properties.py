"""The merge never loses a change: random edits on two copies of a random plan."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coherence_planner.domain.merge import MINE, MISSING, merge_command, merge_plans
from coherence_planner.domain.model import codec
from coherence_planner.domain.model.commands import AddItem, RemoveItems, SetItemFields
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Program
from tests.factories import g, make, p, sup
from tests.unit.domain.merge.helpers import AT, shared

VALUES = {
    "annual_cost": [None, 0, 1, 2, 3, 4],
    "owner": ["", "Ann", "Bob", "Cy", "Di", "Ed"],
    "status": ["active", "proposed", "retired", "sunsetting", "active", "proposed"],
    "tier": [None, 1, 2, 3, None, 1],
    "decision": ["undecided", "keep", "remove", "expand", "modify", "sunset"],
}
FIELDS = tuple(VALUES)
side_edits = st.tuples(
    st.lists(st.tuples(st.integers(0, 7), st.sampled_from(sorted(VALUES)), st.integers(0, 5))),
    st.sets(st.integers(0, 7), max_size=2),  # deleted programs
    st.integers(0, 2),  # programs added
)


def plan(count: int, costs: list[int]) -> District:
    programs = [p(f"P{n}", annual_cost=costs[n % len(costs)]) for n in range(count)]
    district = make(goals=[g("G1")], programs=programs, links=[sup("P0", "G1")])
    shared(district)
    return district


def edited(district: District, edits: Any, prefix: str) -> District:
    changes, deleted, added = edits
    out = district.copy()
    for index, name, value in changes:
        item_id = f"P{index}"
        if item_id in out.items:
            SetItemFields(out, item_id, {name: VALUES[name][value]}).do(out)
    gone = [f"P{n}" for n in deleted if f"P{n}" in out.items]
    if gone:
        RemoveItems(out, gone).do(out)
    for n in range(added):
        AddItem(Program(f"{prefix}{n}", f"New {prefix} {n}")).do(out)
    return out


def items(district: District) -> dict[str, dict[str, Any]]:
    return {i.id: codec.item_to_dict(i) for i in district.items.values()}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 8),
    st.lists(st.integers(0, 9), min_size=1, max_size=4),
    side_edits,
    side_edits,
)
def test_every_change_arrives_and_every_clash_is_a_conflict(count, costs, ours, theirs_edits):
    base = plan(count, costs)
    mine, theirs = edited(base, ours, "M"), edited(base, theirs_edits, "T")
    b, m, t = items(base), items(mine), items(theirs)
    merged = merge_plans(mine, theirs)
    conflicts = {c.where for c in merged.conflicts}
    result = mine.copy()
    merge_command(result, merged, {}, prefer=MINE, at=AT, by="me").do(result)
    r = items(result)
    for item_id, before in b.items():
        mv, tv = m.get(item_id, MISSING), t.get(item_id, MISSING)
        if mv is MISSING or tv is MISSING:
            kept = tv if mv is MISSING else mv
            if kept is not MISSING and kept != before:
                assert ("item", item_id) in conflicts  # deleted here, changed there
            elif kept is MISSING or kept == before:
                assert item_id not in r
            continue
        for name in FIELDS:
            bv, mf, tf = before.get(name), mv.get(name), tv.get(name)
            if mf != bv and tf == bv:
                assert r[item_id].get(name) == mf
            elif tf != bv and mf == bv:
                assert r[item_id].get(name) == tf  # theirs' change arrived
            elif mf != bv and tf != bv and mf != tf:
                assert ("item", item_id, name) in conflicts
            else:
                assert ("item", item_id, name) not in conflicts
    for item_id in {*m, *t} - set(b):
        assert item_id in r  # added on either side


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 8), st.lists(st.integers(0, 9), min_size=1, max_size=4), side_edits)
def test_merging_a_copy_with_itself_changes_nothing(count, costs, edits):
    mine = edited(plan(count, costs), edits, "M")
    before = codec.district_to_dict(mine)
    merged = merge_plans(mine, mine.copy())
    assert merged.conflicts == []
    assert not [t for t in merged.taken if t.side == "theirs"]
    step = merge_command(mine, merged, {}, at=AT, by="me")
    step.do(mine)
    after = codec.district_to_dict(mine)
    after["district"].pop("lineage")
    before["district"].pop("lineage")
    assert after == before
