"""Time `coherence-planner check` on synthetic districts of 1k, 4k and 10k programs.

Three measurements per size, each the median of --runs runs:
- cli: the whole command, `python -m coherence_planner check big.json --json`, in a fresh
  process (start-up, JSON parsing and validation, analysis, output);
- engine: `analyse()` alone, in process;
- naive: the peer, a literal reading of the rules (benchmarks/naive_rules.py) on the same
  district, in process, so the ratio shows what the bucketing buys.

    python benchmarks/bench_check.py [--sizes 1000 4000 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
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
from benchmarks.naive_rules import naive  # noqa: E402
from coherence_planner.domain.analysis.coherence import analyse  # noqa: E402
from coherence_planner.domain.model.codec import district_from_dict  # noqa: E402


def median_time(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--naive-runs", type=int, default=1)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            data = generate(size, seed=1)
            path = Path(tmp) / f"district-{size}.json"
            path.write_text(json.dumps(data), encoding="utf-8")
            district = district_from_dict(data)
            command = [sys.executable, "-m", "coherence_planner", "check", str(path), "--json"]
            cli = median_time(
                lambda c=command: subprocess.run(c, check=True, capture_output=True, cwd=ROOT),
                args.runs,
            )
            engine = median_time(lambda d=district: analyse(d), args.runs)
            peer = median_time(lambda raw=data: naive(raw), args.naive_runs)
            rows.append((size, len(data["links"]), cli, engine, peer))
    print(
        "| programs | links | `check --json` (whole command) | engine | naive peer | peer / engine |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for size, links, cli, engine, peer in rows:
        print(
            f"| {size:,} | {links:,} | {cli:.2f} s | {engine * 1000:.0f} ms | {peer:.2f} s "
            f"| {peer / engine:.0f}x |"
        )
    base = rows[0]
    for size, _, cli, engine, _ in rows[1:]:
        print(
            f"{base[0]:,} -> {size:,} programs ({size / base[0]:.0f}x): engine time x"
            f"{engine / base[3]:.1f}, whole command x{cli / base[2]:.1f}"
        )


if __name__ == "__main__":
    main()
