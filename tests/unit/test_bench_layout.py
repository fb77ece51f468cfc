"""The layout benchmark: dot gets the same graph we lay out, and on a tree-shaped district
our drawing crosses no more links than dot's (the same straight centre-to-centre count)."""

from __future__ import annotations

import shutil

import pytest

from benchmarks.bench_layout import dot_source
from benchmarks.generate_district import generate
from coherence_planner.domain.model.codec import district_from_dict

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")


def test_dot_gets_every_live_item_and_supports_link_once() -> None:
    district = district_from_dict(generate(60, seed=4))
    source = dot_source(district)
    live = [i for i, it in district.items.items() if it.live]
    for item_id in live:
        goal = district.items[item_id].kind == "goal"
        assert f'  "{item_id}"{" [width=" if goal else ";"}' in source
    supports = {
        (ln.src, ln.dst)
        for ln in district.links.values()
        if ln.kind == "supports" and district.items[ln.src].live and district.items[ln.dst].live
    }
    assert source.count(" -> ") == len(supports)


@needs_dot
@pytest.mark.parametrize("shape", ["tree", "forest"])
@pytest.mark.parametrize("programs", [100, 500])
def test_on_a_tree_shaped_district_we_cross_no_more_links_than_dot(
    shape: str, programs: int
) -> None:
    """Both generators (issue 26: with secondary drivers and cross links, and without)."""
    from benchmarks.bench_layout import SHAPES, dot_crossings, dot_drawing
    from coherence_planner.domain.analysis.coherence import analyse
    from coherence_planner.domain.layout.crossings import count_crossings
    from coherence_planner.domain.layout.pipeline import layout_map

    district = district_from_dict(SHAPES[shape](programs, 1))
    ours = count_crossings(layout_map(district, analyse(district)).centre_segments())
    assert ours <= dot_crossings(*dot_drawing(dot_source(district)))
