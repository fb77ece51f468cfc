"""Map layout against Graphviz dot: time and edge crossings, side by side.

Districts: tree-shaped ones like real plans (`generate_tree`: most programs hang from one
strategy, a strategy from one goal, with secondary drivers, programs serving programs of
other strategies and goals, policies governing programs and goals), the same without those
links (`generate_forest`), and, on request, the dense benchmark generator (`generate`: about
three links per program scattered over all strategies). For each, the same graph goes to
both: every live item and every supports link between live items (conflicts are laid out
by neither).

Crossings are counted the same way for both drawings (`count_crossings`: straight segments
between the centres of the two items each link joins), on the drawing the app shows (lanes
flowed toward 16:9) and on one tall column of lanes; dot gets our card sizes and spacing and
rankdir=LR.

Times:
- ours in-process: `layout_map` alone, the analysis it reads computed first (median);
- whole command, SVG out: `coherence-planner export PLAN.json OUT.svg` (Python start, read,
  analyse, lay out, write) against `dot -Tsvg IN.dot -o OUT.svg`, each a fresh process
  (median wall time).

Usage: python benchmarks/bench_layout.py [--sizes 100 500 2000] [--runs 3] [--seed 1]
       [--shapes tree forest dense]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: make the repository's package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate_district import generate
from benchmarks.generate_tree import generate_forest, generate_tree
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.layout import geometry as lay
from coherence_planner.domain.layout.crossings import Segment, count_crossings
from coherence_planner.domain.layout.pipeline import layout_map
from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.domain.model.district import District

DOT = shutil.which("dot") or "/usr/bin/dot"
TALL = lay.LayoutOptions(aspect=None)
SHOWN = lay.LayoutOptions(aspect=lay.MAP_VIEW)  # as the Map tab lays it out
SHAPES: dict[str, Callable[[int, int], dict[str, Any]]] = {
    "tree": generate_tree,
    "forest": generate_forest,
    "dense": generate,
}


def dot_source(district: District) -> str:
    """The district's live supports graph in dot, with our card sizes and spacing."""
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
    goal = f"width={lay.GOAL_W / 72:.4f}, height={lay.GOAL_H / 72:.4f}"
    lines += [
        f'  "{i}" [{goal}];' if district.items[i].kind == "goal" else f'  "{i}";' for i in live
    ]
    lines += [f'  "{a}" -> "{b}";' for a, b in edges]
    lines.append("}")
    return "\n".join(lines) + "\n"


def dot_drawing(source: str) -> tuple[dict[str, tuple[float, float]], list[tuple[str, str]]]:
    """The node centres and edges of dot's drawing (-Tplain)."""
    out = subprocess.run(
        [DOT, "-Tplain"], input=source, capture_output=True, text=True, check=True
    ).stdout
    centres: dict[str, tuple[float, float]] = {}
    edges: list[tuple[str, str]] = []
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            centres[parts[1].strip('"')] = (float(parts[2]), float(parts[3]))
        elif parts and parts[0] == "edge":
            edges.append((parts[1].strip('"'), parts[2].strip('"')))
    return centres, edges


def dot_crossings(centres: dict[str, tuple[float, float]], edges: list[tuple[str, str]]) -> int:
    segments: list[Segment] = [(centres[a], centres[b]) for a, b in edges]
    return count_crossings(segments)


def _wall(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench(shape: str, programs: int, runs: int, seed: int, folder: Path) -> dict[str, Any]:
    raw = SHAPES[shape](programs, seed)
    district = district_from_dict(raw)
    analysis = analyse(district)
    inside: list[float] = []
    layout = None
    for _ in range(runs):
        start = time.perf_counter()
        layout = layout_map(district, analysis, options=SHOWN)
        inside.append(time.perf_counter() - start)
    assert layout is not None
    tall = layout_map(district, analysis, options=TALL)
    plan = folder / f"{shape}-{programs}.json"
    plan.write_text(json.dumps(raw), encoding="utf-8")
    source = folder / f"{shape}-{programs}.dot"
    source.write_text(dot_source(district), encoding="utf-8")
    ours_cmd = [
        sys.executable,
        "-m",
        "coherence_planner",
        "export",
        str(plan),
        str(folder / "o.svg"),
    ]
    dot_cmd = [DOT, "-Tsvg", str(source), "-o", str(folder / "d.svg")]
    return {
        "shape": shape,
        "programs": programs,
        "items": len(layout.cards),
        "links": len(layout.centre_segments()),
        "inside_s": statistics.median(inside),
        "ours_cmd_s": _wall(ours_cmd, runs),
        "dot_cmd_s": _wall(dot_cmd, runs),
        "ours_x": count_crossings(layout.centre_segments()),
        "tall_x": count_crossings(tall.centre_segments()),
        "dot_x": dot_crossings(*dot_drawing(source.read_text(encoding="utf-8"))),
    }


HEADER = (
    "| district | programs | items | links | layout_map in-process | export SVG (ours) "
    "| dot -Tsvg | time ratio | crossings (ours, as shown) | crossings (ours, one column) "
    "| crossings (dot) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def row(r: dict[str, Any]) -> str:
    return (
        f"| {r['shape']} | {r['programs']:,} | {r['items']:,} | {r['links']:,} "
        f"| {r['inside_s'] * 1000:,.0f} ms | {r['ours_cmd_s']:.2f} s | {r['dot_cmd_s']:.2f} s "
        f"| {r['ours_cmd_s'] / r['dot_cmd_s']:.2f} | {r['ours_x']:,} | {r['tall_x']:,} "
        f"| {r['dot_x']:,} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=["tree", "forest"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(HEADER, flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes:
            for size in args.sizes:
                print(row(bench(shape, size, args.runs, args.seed, Path(tmp))), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
