"""Hold `coherence-planner check` (JSON and text) byte for byte to an older version of the code.

A speed change to reading, the analysis or the output must not change one byte of what
`check` prints. For each district (the sample, generated districts of several sizes and seeds,
tree-shaped ones, and one whose programs carry tiny and odd amounts), the script writes the
plan once, runs `check PLAN --json` and `check PLAN` with this checkout and with DIR's (DIR
first on PYTHONPATH, as bench_check.py runs it), and compares the bytes.

    git worktree add /tmp/before 584cfc5
    python benchmarks/compare_check.py --before /tmp/before [--sizes 1000 2500 10000 20000]

Exits 1, naming each district and form that differ, if any does.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate_district import generate  # noqa: E402
from benchmarks.generate_tree import generate_tree  # noqa: E402


def odd_amounts(data: dict[str, Any], seed: int) -> dict[str, Any]:
    """The district with amounts whose printed form is unusual: tiny FTE and costs (printed
    with an exponent by Python), fractions, zero, and the largest allowed."""
    rng = random.Random(seed)
    odd = (1e-05, 0.00012, 3.5e-07, 0.1, 0.30000000000000004, 0, 1e15, 123456789.125, 2.5)
    for program in data["programs"]:
        program["fte"] = rng.choice(odd)
        program["annual_cost"] = rng.choice(odd)
    return data


def districts(sizes: list[int]) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = [("sample", ROOT / "resources" / "samples" / "riverside.json")]
    for size in sizes:
        found.append((f"generated {size}", generate(size, seed=1)))
    found.append(("generated 3000, seed 7", generate(3000, seed=7)))
    found.append(("tree 2000", generate_tree(2000, seed=1)))
    found.append(("tree 5000, seed 3", generate_tree(5000, seed=3)))
    found.append(("odd amounts 1500", odd_amounts(generate(1500, seed=5), 5)))
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", required=True, help="a folder holding an older checkout")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2500, 10000, 20000])
    args = parser.parse_args()
    from coherence_planner.domain.model.codec import district_from_dict
    from coherence_planner.storage.document import Document

    before = Path(args.before).resolve()
    env = dict(os.environ)
    differ = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, (label, data) in enumerate(districts(args.sizes)):
            if isinstance(data, Path):
                plan = data
            else:
                plan = Path(tmp) / f"district-{n}.coherence"
                Document.create(plan, district_from_dict(data)).close()
            for form in (["--json"], []):
                outputs = []
                for where, extra in ((ROOT, {}), (before, {"PYTHONPATH": str(before)})):
                    command = [sys.executable, "-m", "coherence_planner", "check", str(plan)]
                    done = subprocess.run(
                        command + form, capture_output=True, cwd=where, env={**env, **extra}
                    )
                    outputs.append((done.returncode, done.stdout, done.stderr))
                same = outputs[0] == outputs[1]
                what = "JSON" if form else "text"
                size = len(outputs[0][1])
                print(f"{label}, {what}: {'same' if same else 'DIFFERENT'} ({size:,} bytes)")
                if not same:
                    differ.append(f"{label} ({what})")
    if differ:
        print("differ: " + "; ".join(differ))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
