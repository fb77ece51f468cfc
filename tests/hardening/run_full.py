"""The full hardening run: 320 SIGKILLs and 4,200 hostile files, with a table of counts.

    python -m tests.hardening.run_full [--seed N] [--scale 1.0] [--only names,json,...]

The quick subsets of the same checks run with the tests (test_crash.py, test_hostile.py).
Exits 1 when anything failed, listing each failure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.hardening.corpus import run_corpus
from tests.hardening.crash import run_scenario

KILLS = {"edits": 120, "import": 60, "save_as": 80, "migration": 60}
FILES = {"plans": 1000, "json": 1000, "sheets": 1000, "names": 1200}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every count")
    parser.add_argument("--only", help="comma-separated checks to run (kill scenarios, families)")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else set(KILLS) | set(FILES)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    rows: list[str] = []
    failures: list[str] = []
    print("| check | cases | failures | time |\n|---|---|---|---|", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for scenario, kills in KILLS.items():
            if scenario not in only:
                continue
            start = time.perf_counter()
            outcome = run_scenario(
                scenario, Path(folder) / scenario, round(kills * args.scale), args.seed
            )
            rows.append(
                f"| SIGKILL during {scenario} | {outcome.kills} kills, {outcome.reported} "
                f"steps reported done, {outcome.hot_journals} hot journals read through | "
                f"{len(outcome.problems)} | "
                f"{time.perf_counter() - start:.0f} s |"
            )
            print(rows[-1], flush=True)
            failures += [f"{scenario}: {p}" for p in outcome.problems]
        for family, count in FILES.items():
            if family not in only:
                continue
            start = time.perf_counter()
            result = run_corpus(family, Path(folder) / family, round(count * args.scale), args.seed)
            kinds = ", ".join(f"{k} {n}" for k, n in sorted(result.kinds.items()))
            rows.append(
                f"| hostile {family} | {result.files} files ({kinds}) | "
                f"{len(result.failures)} | {time.perf_counter() - start:.0f} s "
                f"({result.commands} commands; per file median "
                f"{statistics.median(result.seconds):.2f} s, max {max(result.seconds):.2f} s) |"
            )
            print(rows[-1], flush=True)
            failures += [f"{family} {name}: {p}" for name, p in result.failures.items()]
    for failure in failures:
        print("FAILED", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
