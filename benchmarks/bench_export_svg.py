"""The whole `coherence-planner export PLAN.json MAP.svg` command against `dot -Tsvg`.

    python benchmarks/bench_export_svg.py [--programs 500] [--shape tree] [--runs 7]

Each run is a fresh process: ours starts Python, reads the district, analyses it, lays the
map out and writes the SVG; the peer, Graphviz's `dot -Tsvg`, lays out and writes the same
district's graph (benchmarks/bench_layout.py's `dot_source`). Runs alternate, ours then
dot, so a busy machine slows both alike; figures are medians of wall time, with the load
average before and after. Issue 29 asks for ours within 2x dot's at 500 programs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if not __package__:  # run as a script: make the repository's package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_layout import DOT, SHAPES, dot_source
from coherence_planner.domain.model.codec import district_from_dict

# Time the app as installed, its bytecode cached: with PYTHONDONTWRITEBYTECODE set (as this
# project's dev.py sets it for tests) every run compiled all its modules again (0.27 s of a
# profiled 500-program SVG export).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def wall(command: list[str], cpu: list[float] | None = None) -> float:
    """The command's wall time; its CPU time (user + system) appended to `cpu` if given:
    on a busy machine the wall time is mostly waiting for a core, for ours and dot alike."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    spent = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=500)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="tree")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    raw = SHAPES[args.shape](args.programs, 1)
    with tempfile.TemporaryDirectory(prefix="bench-svg-") as tmp:
        folder = Path(tmp)
        plan = folder / "plan.json"
        plan.write_text(json.dumps(raw), encoding="utf-8")
        source = folder / "plan.dot"
        source.write_text(dot_source(district_from_dict(raw)), encoding="utf-8")
        ours_cmd = [sys.executable, "-m", "coherence_planner", "export", str(plan)]
        ours_cmd.append(str(folder / "ours.svg"))
        dot_cmd = [DOT, "-Tsvg", str(source), "-o", str(folder / "dot.svg")]
        wall(ours_cmd)  # warm the disk cache and the bytecode once, unmeasured
        before = os.getloadavg()[0]
        ours, dot = [], []
        ours_cpu: list[float] = []
        dot_cpu: list[float] = []
        for _ in range(args.runs):
            ours.append(wall(ours_cmd, ours_cpu))
            dot.append(wall(dot_cmd, dot_cpu))
        after = os.getloadavg()[0]
    o, d = statistics.median(ours), statistics.median(dot)
    oc, dc = statistics.median(ours_cpu), statistics.median(dot_cpu)
    print(f"{args.shape}, {args.programs} programs, medians of {args.runs} alternating runs")
    print(f"load average {before:.1f} before, {after:.1f} after")
    print(
        "| export SVG (ours) | dot -Tsvg | ratio | CPU: ours | dot | ratio |\n"
        "|---:|---:|---:|---:|---:|---:|\n"
        f"| {o:.2f} s | {d:.2f} s | {o / d:.1f}x | {oc:.2f} s | {dc:.2f} s | {oc / dc:.1f}x |"
    )
    print("ours:", ", ".join(f"{t:.2f}" for t in ours))
    print("dot: ", ", ".join(f"{t:.2f}" for t in dot))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
