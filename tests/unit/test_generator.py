"""The synthetic district generator: valid, deterministic, and the size it promises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.generate_district import generate, main
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model import codec


def test_generated_district_passes_codec_validation() -> None:
    district = codec.district_from_dict(generate(200, seed=1))
    assert len(district.items_of("program")) == 200
    assert len(district.items_of("goal")) == 5
    assert len(district.items_of("strategy")) == 20
    assert len(district.items_of("policy")) == 10


@pytest.mark.parametrize("programs", [1, 2, 7, 99])
def test_tiny_districts_are_valid_too(programs: int) -> None:
    district = codec.district_from_dict(generate(programs, seed=programs))
    assert len(district.items_of("program")) == programs


def test_same_seed_same_district_other_seed_other_district() -> None:
    assert generate(200, seed=7) == generate(200, seed=7)
    assert generate(200, seed=7) != generate(200, seed=8)


@pytest.mark.parametrize("programs", [200, 1000])
def test_about_three_links_per_program(programs: int) -> None:
    links = generate(programs)["links"]
    assert 2.7 * programs <= len(links) <= 3.3 * programs


def test_sizes_scale_with_programs() -> None:
    data = generate(4000, seed=2)
    assert (len(data["goals"]), len(data["strategies"]), len(data["policies"])) == (20, 400, 200)


def test_mix_has_orphan_candidates_conflicts_retired_items_and_cycles() -> None:
    data = generate(400, seed=3)
    links = data["links"]
    assert any(link["kind"] == "conflicts" for link in links)
    statuses = {item["status"] for section in ("programs", "strategies") for item in data[section]}
    assert {"retired", "proposed", "sunsetting", "active"} <= statuses
    supports = {(link["from"], link["to"]) for link in links if link["kind"] == "supports"}
    assert _has_cycle(supports)
    unlinked = {p["id"] for p in data["programs"]} - {src for src, _ in supports}
    assert unlinked, "some programs should support nothing at all"


def _has_cycle(edges: set[tuple[str, str]]) -> bool:
    """Whether the directed graph has a cycle (Kahn's algorithm leaves some node unsorted)."""
    nodes = {n for edge in edges for n in edge}
    indegree = dict.fromkeys(nodes, 0)
    for _, dst in edges:
        indegree[dst] += 1
    ready = [n for n, d in indegree.items() if d == 0]
    sorted_count = 0
    while ready:
        node = ready.pop()
        sorted_count += 1
        for src, dst in edges:
            if src == node:
                indegree[dst] -= 1
                if indegree[dst] == 0:
                    ready.append(dst)
    return sorted_count < len(nodes)


def test_refuses_a_size_below_one() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        generate(0)


def test_command_line_writes_the_same_json(tmp_path: Path) -> None:
    out = tmp_path / "big.json"
    assert main(["--programs", "150", "--seed", "4", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == generate(150, seed=4)


def test_the_analysis_has_real_work_on_a_generated_district() -> None:
    result = analyse(codec.district_from_dict(generate(400, seed=5)))
    programs = 400
    orphan_programs = [o for o in result.orphans if o.kind == "program"]
    assert 0.03 * programs <= len(orphan_programs) <= 0.1 * programs
    assert any("supports" in o.reason for o in orphan_programs)
    assert result.unsupported_goals and result.conflicts
    assert len(result.competing) >= 5 and result.resources.freed_cost > 0


def test_tree_shaped_district_is_valid_deterministic_and_nearly_a_forest() -> None:
    from benchmarks.generate_tree import generate_tree

    raw = generate_tree(400, seed=2)
    assert raw == generate_tree(400, seed=2)
    district = codec.district_from_dict(raw)
    assert len(district.items_of("program")) == 400
    analysis = analyse(district)
    out: dict[str, int] = {}
    for link in district.links.values():
        if link.kind == "supports":
            out[link.src] = out.get(link.src, 0) + 1
    linked = [p.id for p in district.items_of("program") if analysis.goals_of.get(p.id)]
    single = sum(1 for p in linked if out.get(p) == 1)
    assert 0.8 * len(linked) < single < len(linked)  # most hang from one strategy, not all
    assert analysis.orphans and analysis.unsupported_goals


def test_tree_shaped_district_has_the_links_real_plans_have_and_the_forest_has_none() -> None:
    """Issue 26: secondary drivers (some serving another goal's strategy), programs serving
    programs of other strategies, policies governing programs and goals; the old shape,
    kept as a second generator, has none of them."""
    from benchmarks.generate_tree import generate_forest, generate_tree

    def links(raw: dict[str, object]) -> dict[tuple[str, str], int]:
        district = codec.district_from_dict(raw)
        analysis = analyse(district)
        kinds: dict[tuple[str, str], int] = {}
        for link in district.links.values():
            if link.kind != "supports":
                continue
            src, dst = district.items[link.src], district.items[link.dst]
            kind = (src.kind, dst.kind)
            if kind == ("strategy", "strategy") and set(analysis.goals_of[link.src]) - set(
                analysis.goals_of[link.dst]
            ):
                kind = ("strategy", "another goal's strategy")  # the two serve other goals
            kinds[kind] = kinds.get(kind, 0) + 1
        return kinds

    raw = generate_tree(2000, seed=1)
    assert raw == generate_tree(2000, seed=1)
    real = links(raw)
    strategies = len(raw["strategies"])
    secondary = (
        real.get(("strategy", "strategy"), 0) + real[("strategy", "another goal's strategy")]
    )
    assert 0.05 * strategies <= secondary <= 0.2 * strategies
    assert real[("strategy", "another goal's strategy")] >= 1
    assert real[("program", "program")] >= 40  # 1% within a strategy, 2% across
    assert real[("policy", "program")] >= 1 and real[("policy", "goal")] >= 1
    forest = links(generate_forest(2000, seed=1))
    for kind in [("strategy", "strategy"), ("policy", "program"), ("policy", "goal")]:
        assert kind not in forest
    assert forest[("program", "program")] < real[("program", "program")] / 2
