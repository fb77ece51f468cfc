"""Which primary driver a secondary driver stands under (issue 26), asked by the screen's
and the paper's maps alike."""

from __future__ import annotations

from coherence_planner.domain.layout.drivers import driver_chains, driver_order
from tests.factories import g, make, s, sup


def _plan():  # type: ignore[no-untyped-def]
    return make(
        goals=[g("G1"), g("G2")],
        strategies=[
            s("S1", name="Literacy core"), s("S2", name="Algebra pathway"),
            s("S3", name="Coaching"), s("S4", name="Data teams"), s("S5", name="Peer visits"),
        ],
        links=[
            sup("S1", "G1"), sup("S2", "G2"), sup("S3", "S1"), sup("S3", "S2"),
            sup("S4", "S3"), sup("S5", "S1"),
        ],
    )  # fmt: skip


def test_a_chain_ends_at_the_nearest_primary_first_by_name_or_in_the_strategys_lane() -> None:
    district = _plan()
    pairs = [(link.src, link.dst) for link in district.ordered_links()]
    chains = driver_chains(district.items, pairs)
    # "Algebra pathway" before "Literacy core": the screen's rule, names in order.
    assert chains["S3"] == ["S2"] and chains["S4"] == ["S3", "S2"]
    assert "S1" not in chains  # a primary driver has no chain
    # On paper a secondary stands beside a primary of its own lane.
    lane = {"S1": "G1", "S2": "G2", "S3": "G1", "S4": "G1", "S5": "G1"}
    chains = driver_chains(district.items, pairs, lane)
    assert chains["S3"] == ["S1"] and chains["S4"] == ["S3", "S1"]
    lane["S2"] = lane["S1"] = "G2"
    assert "S3" not in driver_chains(district.items, pairs, lane)  # none in its lane


def test_each_primary_is_followed_by_its_secondaries_and_a_chain_reads_down() -> None:
    chains = {"S3": ["S1"], "S4": ["S3", "S1"], "S5": ["S1"], "S6": ["S9"]}
    order = driver_order(["S4", "S1", "S5", "S2", "S3", "S6"], chains)
    assert order == [
        ("S1", ""), ("S5", "S1"), ("S3", "S1"), ("S4", "S1"), ("S2", ""), ("S6", ""),
    ]  # fmt: skip
