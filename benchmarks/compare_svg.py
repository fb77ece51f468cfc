"""The map's SVG export, byte for byte, from two checkouts: a speed change must draw the same.

    python benchmarks/compare_svg.py /tmp/svg-before

Exports the sample and the benchmark districts (generate_tree and generate_forest at 100,
500 and 2,000 programs, generate_district at 1,000) with `coherence-planner export` run from
this checkout and from the other one (each as `python -m coherence_planner` with that
checkout as its working directory, so its own package is the one imported), and prints the
SHA-256 of each SVG pair. Exit status 1 if any pair differs.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as a script: make the repository's package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate_district import generate
from benchmarks.generate_tree import generate_forest, generate_tree

HERE = Path(__file__).resolve().parents[1]
CASES = [
    *((f"tree {n}", generate_tree, n) for n in (100, 500, 2000)),
    *((f"forest {n}", generate_forest, n) for n in (100, 500, 2000)),
    ("dense 1000", generate, 1000),
]


def export(checkout: Path, plan: Path, out: Path) -> str:
    command = [sys.executable, "-m", "coherence_planner", "export", str(plan), str(out)]
    subprocess.run(command, check=True, capture_output=True, cwd=checkout)
    return hashlib.sha256(out.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    other = Path(args[0]).resolve()
    differ = 0
    with tempfile.TemporaryDirectory(prefix="compare-svg-") as tmp:
        folder = Path(tmp)
        plans = [("sample", HERE / "resources" / "samples" / "riverside.json")]
        for name, make, programs in CASES:
            plan = folder / f"{name.replace(' ', '-')}.json"
            plan.write_text(json.dumps(make(programs, 1)), encoding="utf-8")
            plans.append((name, plan))
        for name, plan in plans:
            ours = export(HERE, plan, folder / "ours.svg")
            theirs = export(other, plan, folder / "theirs.svg")
            same = ours == theirs
            differ += not same
            print(f"{name:12} {'same' if same else 'DIFFERENT'} {ours[:16]} {theirs[:16]}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
