"""Time `coherence-planner check PLAN --json` against `json.load` of the same plan's JSON.

For each size (synthetic districts, benchmarks/generate_district.py) the script writes the
plan (`Document.create`) and the plan's JSON export (`write_json`, what `export PLAN x.json`
writes), then times in rounds, each round running every command once at every size, so a
busy machine slows ours and its peer alike:

- ours: `python -m coherence_planner check PLAN --json`, the whole process;
- the peer: `python -c "json.load(open(JSON))"`, the whole process: what any reader of the
  same plan as JSON cannot avoid (issue 29's floor);
- with `--before DIR`, the same `check` with DIR first on PYTHONPATH (DIR holding an older
  `coherence_planner`, e.g. from `git archive COMMIT coherence_planner | tar -x -C DIR`).

Each figure is the median over --runs rounds of CPU time (`RUSAGE_CHILDREN`: user + system)
and wall time. The ratio to the peer at each size says whether `check` grows linearly with
the plan (a flat ratio) or faster.

With `--engine`, the older table instead: `analyse()` in process against a literal reading
of the rules (benchmarks/naive_rules.py), which shows what the bucketing buys.

    python benchmarks/bench_check.py [--sizes 2500 5000 10000 20000] [--runs 5] [--before DIR]
    python benchmarks/bench_check.py --engine [--sizes 1000 4000 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate_district import generate  # noqa: E402
from coherence_planner.domain.model.codec import district_from_dict  # noqa: E402

Timing = tuple[float, float]  # (cpu seconds, wall seconds)
PEER = "import json, sys\nwith open(sys.argv[1], encoding='utf-8') as f:\n    json.load(f)"


FAILURES: list[str] = []


def child(command: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    done = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env, text=True
    )
    if done.returncode:  # said at the end, and the run still counted: it took that long
        FAILURES.append(f"{cwd}: {' '.join(command[-3:])}: {done.stderr.strip()}")
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def median(timings: list[Timing]) -> Timing:
    return statistics.median(t[0] for t in timings), statistics.median(t[1] for t in timings)


def whole_command(args: argparse.Namespace) -> None:
    from coherence_planner.storage.document import Document
    from coherence_planner.storage.interchange import write_json

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # timed as installed: bytecode cached
    before_env, before_dir = None, ROOT
    if args.before:
        # Run from that folder too: `python -m` puts the working folder first on sys.path.
        before_dir = Path(args.before).resolve()
        before_env = {**env, "PYTHONPATH": str(before_dir)}
    with tempfile.TemporaryDirectory() as tmp:
        plans = []
        for size in args.sizes:
            district = district_from_dict(generate(size, seed=1))
            plan = Path(tmp) / f"district-{size}.coherence"
            export = Path(tmp) / f"district-{size}.json"
            Document.create(plan, district).close()
            write_json(district, export)
            plans.append((size, len(district.links), plan, export, export.stat().st_size))
        commands: dict[str, list[list[str]]] = {"ours": [], "peer": [], "before": []}
        for _size, _links, plan, export, _bytes in plans:
            check = [sys.executable, "-m", "coherence_planner", "check", str(plan), "--json"]
            commands["ours"].append(check)
            commands["peer"].append([sys.executable, "-c", PEER, str(export)])
            commands["before"].append(check)
        who_runs = ("ours", "peer", "before") if args.before else ("ours", "peer")
        where = {"ours": (env, ROOT), "peer": (env, ROOT), "before": (before_env, before_dir)}
        for who in who_runs:  # once untimed: bytecode written, files cached
            child(commands[who][0], *where[who])
        # What each check prints: the findings grow faster than the plan in these districts
        # (district-wide programs chain competing groups), so the time per printed line is
        # the figure that says whether the work itself is linear.
        printed = [
            subprocess.run(check, capture_output=True, cwd=ROOT, env=env, check=True).stdout
            for check in commands["ours"]
        ]
        times: dict[tuple[str, int], list[Timing]] = {}
        for _ in range(args.runs):
            for n in range(len(plans)):
                for who in who_runs:
                    times.setdefault((who, n), []).append(child(commands[who][n], *where[who]))
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")
    head = (
        "| programs | links | `check --json` on the plan | `json.load` of its JSON | ratio"
        " | printed | ours per 1,000 printed lines"
    )
    rule = "|---:|---:|---:|---:|---:|---:|---:"
    if args.before:
        head += " | before | before / ours"
        rule += "|---:|---:"
    print(head + " |")
    print(rule + "|")
    ratios = []
    for n, (size, links, _plan, _export, size_bytes) in enumerate(plans):
        ours, peer = median(times[("ours", n)]), median(times[("peer", n)])
        ratios.append(ours[0] / peer[0])
        line = (
            f"| {size:,} | {links:,} | {ours[0]:.2f} s CPU, {ours[1]:.2f} s wall "
            f"| {peer[0]:.2f} s CPU, {peer[1]:.2f} s wall ({size_bytes / 1e6:.0f} MB) "
            f"| {ours[0] / peer[0]:.1f}x (wall {ours[1] / peer[1]:.1f}x)"
        )
        lines = printed[n].count(b"\n")
        line += (
            f" | {lines:,} lines, {len(printed[n]) / 1e6:.1f} MB "
            f"| {ours[0] / lines * 1000 * 1000:.1f} ms CPU"
        )
        if args.before:
            old = median(times[("before", n)])
            line += f" | {old[0]:.2f} s CPU, {old[1]:.2f} s wall | {old[0] / ours[0]:.2f}x"
        print(line + " |")
    print(
        "ratio to the peer (CPU) from the smallest to the largest plan: "
        + " -> ".join(f"{r:.1f}x" for r in ratios)
    )
    per_line = [median(times[("ours", n)])[0] / printed[n].count(b"\n") for n in range(len(plans))]
    print(
        "ours per printed line, relative to the smallest plan: "
        + " -> ".join(f"{t / per_line[0]:.2f}" for t in per_line)
    )
    for failure in FAILURES:
        print(f"failed: {failure}")


def engine_table(args: argparse.Namespace) -> None:
    from benchmarks.naive_rules import naive
    from coherence_planner.domain.analysis.coherence import analyse

    def median_time(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
        spent = []
        for _ in range(runs):
            start = time.perf_counter()
            fn()
            spent.append(time.perf_counter() - start)
        return statistics.median(spent)

    rows = []
    for size in args.sizes:
        data = generate(size, seed=1)
        district = district_from_dict(data)
        engine = median_time(lambda d=district: analyse(d), args.runs)
        peer = median_time(lambda raw=data: naive(raw), args.naive_runs)
        rows.append((size, len(data["links"]), engine, peer))
    print("| programs | links | engine | naive peer | peer / engine |")
    print("|---:|---:|---:|---:|---:|")
    for size, links, engine, peer in rows:
        print(
            f"| {size:,} | {links:,} | {engine * 1000:.0f} ms | {peer:.2f} s | {peer / engine:.0f}x |"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", help="a folder holding an older coherence_planner")
    parser.add_argument("--engine", action="store_true", help="analyse() against the naive peer")
    parser.add_argument("--naive-runs", type=int, default=1)
    args = parser.parse_args()
    if args.engine:
        args.sizes = args.sizes or [1000, 4000, 10000]
        engine_table(args)
    else:
        args.sizes = args.sizes or [2500, 5000, 10000, 20000]
        whole_command(args)


if __name__ == "__main__":
    main()
