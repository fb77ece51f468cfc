"""A chain of strategies deeper than a driver diagram's secondary drivers folds into the
supporting strategies' column (issue 26): each folded card says in words which strategies
it reaches its primary driver through, since standing beside them the chain is not read
from the columns."""

from __future__ import annotations

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.layout.geometry import LayoutOptions, card_text
from coherence_planner.domain.layout.pipeline import layout_map
from coherence_planner.reports.map.svg import map_to_svg
from tests.factories import g, make, p, s, sup


def _chain():  # type: ignore[no-untyped-def]
    return make(
        goals=[g("G1")],
        strategies=[
            s("S1", name="Literacy core"),
            s("S2", name="Coaching cycles"),
            s("S3", name="Data teams"),
            s("S4", name="Peer visits"),
        ],
        programs=[p("P1"), p("P2")],
        links=[
            sup("S1", "G1"), sup("S2", "S1"), sup("S3", "S2"), sup("S4", "S3"),
            sup("P1", "S4"), sup("P2", "S2"),
        ],
    )  # fmt: skip


def test_a_folded_chain_is_told_on_its_cards() -> None:
    district = _chain()
    analysis = analyse(district)
    layout = layout_map(district, analysis, options=LayoutOptions(aspect=None))
    cards = layout.cards
    assert cards["S2"].layer == cards["S3"].layer == cards["S4"].layer == 2  # folded
    assert cards["S4"].via == "via Data teams › Coaching cycles"
    assert cards["S3"].via == "via Coaching cycles"
    assert cards["S2"].via == cards["S1"].via == ""  # a secondary driver's column says it
    names, _cycle = card_text(district.items["S4"], None, via=cards["S4"].via)
    assert names == ["Peer visits", "via Data teams › Coaching…"]  # one line, cut short
    assert "via Coaching cycles" in map_to_svg(district, analysis, layout)


def test_the_shortest_chain_is_told_and_a_loop_ends() -> None:
    # B serves the primary driver A straight: a plain secondary driver, no "via". C serves
    # only B (and D, which serves only C: a loop): via B. D: via C › B.
    district = make(
        goals=[g("G1")],
        strategies=[s("S1", name="A"), s("S2", name="B"), s("S3", name="C"), s("S4", name="D")],
        links=[
            sup("S1", "G1"), sup("S2", "S1"), sup("S2", "S3"), sup("S3", "S2"),
            sup("S3", "S4"), sup("S4", "S3"),
        ],
    )  # fmt: skip
    via = {i: c.via for i, c in layout_map(district, analyse(district)).cards.items()}
    assert via == {"G1": "", "S1": "", "S2": "", "S3": "via B", "S4": "via C › B"}
