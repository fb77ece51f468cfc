"""Map layout against Graphviz dot: time and edge crossings on synthetic districts.

For each size, the same graph goes to both: every live item and every supports link between
live items (conflicts are not layered by either). Our time is `layout_map` alone (the
analysis it reads is computed first, untimed); dot's is the wall time of the `dot -Tplain`
subprocess, which is what the app would pay to call it. Crossings are counted the same way
for both drawings (`count_crossings`: straight segments between the centres of the two
items each link joins), with dot told our card size and spacing and rankdir=LR, so both flow
left to right toward the goals. Ours runs with `LayoutOptions(aspect=None)`: one tall layered
drawing, as dot makes; the app's default then wraps that drawing into side-by-side panels for
a projector, which moves cards but not their order.

Usage: python benchmarks/bench_layout.py [--sizes 100 500 2000] [--runs 3] [--seed 1]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

if not __package__:  # run as a script: make the repository's package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate_district import generate
from coherence_planner.domain import layout as lay
from coherence_planner.domain.codec import district_from_dict
from coherence_planner.domain.coherence import analyse
from coherence_planner.domain.crossings import Segment, count_crossings
from coherence_planner.domain.district import District

DOT = shutil.which("dot") or "/usr/bin/dot"
TALL = lay.LayoutOptions(aspect=None)  # dot does not wrap either


def dot_source(district: District) -> str:
    """The district's live supports graph in dot, with our card size and spacing."""
    live = sorted((i for i, it in district.items.items() if it.live), key=lay.natural_key)
    live_set = set(live)
    edges = sorted(
        {
            (ln.src, ln.dst)
            for ln in district.links.values()
            if ln.kind == "supports" and ln.src in live_set and ln.dst in live_set
        }
    )
    lines = [
        "digraph map {",
        "  rankdir=LR;",
        f"  nodesep={lay.CARD_GAP / 72:.4f}; ranksep={lay.COLUMN_GAP / 72:.4f};",
        f"  node [shape=box, fixedsize=true, width={lay.CARD_W / 72:.4f}, "
        f"height={lay.CARD_H / 72:.4f}];",
    ]
    goal_h = f"height={lay.GOAL_H / 72:.4f}"
    lines += [
        f'  "{i}" [{goal_h}];' if district.items[i].kind == "goal" else f'  "{i}";' for i in live
    ]
    lines += [f'  "{a}" -> "{b}";' for a, b in edges]
    lines.append("}")
    return "\n".join(lines) + "\n"


def run_dot(source: str) -> tuple[float, dict[str, tuple[float, float]], list[tuple[str, str]]]:
    """Wall time of dot, and the node centres and edges of its drawing."""
    start = time.perf_counter()
    out = subprocess.run(
        [DOT, "-Tplain"], input=source, capture_output=True, text=True, check=True
    ).stdout
    elapsed = time.perf_counter() - start
    centres: dict[str, tuple[float, float]] = {}
    edges: list[tuple[str, str]] = []
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            centres[parts[1].strip('"')] = (float(parts[2]), float(parts[3]))
        elif parts and parts[0] == "edge":
            edges.append((parts[1].strip('"'), parts[2].strip('"')))
    return elapsed, centres, edges


def dot_crossings(centres: dict[str, tuple[float, float]], edges: list[tuple[str, str]]) -> int:
    segments: list[Segment] = [(centres[a], centres[b]) for a, b in edges]
    return count_crossings(segments)


def bench(programs: int, runs: int, seed: int) -> dict[str, float]:
    district = district_from_dict(generate(programs, seed))
    analysis = analyse(district)
    ours_t: list[float] = []
    layout = None
    for _ in range(runs):
        start = time.perf_counter()
        layout = lay.layout_map(district, analysis, options=TALL)
        ours_t.append(time.perf_counter() - start)
    assert layout is not None
    ours_x = count_crossings(layout.centre_segments())
    source = dot_source(district)
    dot_t: list[float] = []
    dot_x = 0
    for _ in range(runs):
        elapsed, centres, edges = run_dot(source)
        dot_t.append(elapsed)
        dot_x = dot_crossings(centres, edges)
    links = len(layout.centre_segments())
    return {
        "programs": programs,
        "items": len(layout.cards),
        "links": links,
        "ours_s": statistics.median(ours_t),
        "dot_s": statistics.median(dot_t),
        "ours_x": ours_x,
        "dot_x": dot_x,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(
        "| programs | items | links | layout_map (s) | dot (s) | time ratio "
        "| crossings (ours) | crossings (dot) | crossing ratio |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        r = bench(size, args.runs, args.seed)
        print(
            f"| {r['programs']:,} | {r['items']:,} | {r['links']:,} | {r['ours_s']:.2f} "
            f"| {r['dot_s']:.2f} | {r['ours_s'] / r['dot_s']:.2f} | {r['ours_x']:,} "
            f"| {r['dot_x']:,} | {r['ours_x'] / max(1, r['dot_x']):.2f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
