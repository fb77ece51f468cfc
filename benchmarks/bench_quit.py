"""Quitting the app with a large plan open, against quitting a bare PySide6 window.

    python benchmarks/bench_quit.py [--programs 2000 10000] [--runs 5] [--map]

For each size a plan is generated (benchmarks/generate_district.py) and written once. Each
run starts a fresh process (benchmarks/quit_probe.py) that opens the plan through
`ui.app.run`, waits until it is analysed (with --map: until its Map is laid out and
painted), then chooses File > Quit; the figure is the wall time from that choice until the
process has ended, as this script sees it. The peer, a bare QMainWindow closed the same
way, runs in the same rounds (alternating), so a busy machine slows both alike. Medians.
Settings go to a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
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
from coherence_planner.storage.document import Document  # noqa: E402

PROBE = ROOT / "benchmarks" / "quit_probe.py"


# Time the app as installed, its bytecode cached: with PYTHONDONTWRITEBYTECODE set (as this
# project's dev.py sets it for tests) every run compiled all its modules again (0.27 s of a
# profiled 500-program SVG export).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def quit_once(which: str, plan: Path, folder: Path, with_map: bool) -> float:
    """Seconds from File > Quit until the process has ended."""
    report = folder / "quit.json"
    report.unlink(missing_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["XDG_CONFIG_HOME"] = str(folder / "settings")
    command = [sys.executable, str(PROBE), which, str(plan), str(report)]
    process = subprocess.Popen(
        command + (["--map"] if with_map else []),
        env=env,
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    process.wait(timeout=600)
    ended = time.time()
    if process.returncode != 0:
        raise RuntimeError(f"{which} ended with {process.returncode}")
    return ended - float(json.loads(report.read_text())["quit_at"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--map", action="store_true", help="quit with the Map painted")
    args = parser.parse_args()
    print(f"os.getloadavg() at start: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="bench-quit-") as tmp:
        folder = Path(tmp)
        plans = {}
        for n in args.programs:
            plans[n] = folder / f"plan-{n}.coherence"
            Document.create(plans[n], district_from_dict(generate(n, 1))).close()
        times: dict[str, list[float]] = {"bare": []} | {str(n): [] for n in args.programs}
        for _ in range(args.runs):
            times["bare"].append(quit_once("bare", plans[args.programs[0]], folder, False))
            for n in args.programs:
                times[str(n)].append(quit_once("app", plans[n], folder, args.map))
    print(f"os.getloadavg() at end: {os.getloadavg()[0]:.1f}")
    bare = statistics.median(times["bare"])
    shown = "the Map painted" if args.map else "the Plan view"
    print(f"medians of {args.runs} runs, File > Quit until the process has ended ({shown})")
    print("| plan | quit (ours) | bare PySide6 window, same run | runs |")
    print("|---|---:|---:|---|")
    for n in args.programs:
        ours = statistics.median(times[str(n)])
        runs = ", ".join(f"{t:.2f}" for t in times[str(n)])
        print(f"| {n:,} programs | {ours:.2f} s | {bare:.2f} s | {runs} |")


if __name__ == "__main__":
    main()
