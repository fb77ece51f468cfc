"""Start-up against a bare PySide6 window, in the same run.

    python benchmarks/bench_start.py [--runs 5]

Each run starts a fresh process with benchmarks/start_probe.py, which quits at the first
paint: the app on its start page, the app opening a copy of the sample district (the first
paint with the plan's title), and the peer, a bare PySide6 QMainWindow. Rounds alternate
the three so a busy machine slows them alike. Figures are medians: whole-process CPU time
(`resource.getrusage(RUSAGE_CHILDREN)`) and wall time from the process's start to that
first paint (as the process itself measured it), with the ratio to the bare window.
Settings go to a temporary folder, so no recent-files list or window geometry is touched.
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
from pathlib import Path

PROBE = Path(__file__).resolve().parent / "start_probe.py"
KINDS = ("bare", "app", "sample")


# Time the app as installed, its bytecode cached: with PYTHONDONTWRITEBYTECODE set (as this
# project's dev.py sets it for tests) every run compiled all its modules again (0.27 s of a
# profiled 500-program SVG export).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def start_once(kind: str, folder: Path) -> tuple[float, float]:
    """(CPU seconds of the whole process, wall seconds from its start to the first paint)."""
    report = folder / f"{kind}.json"
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["XDG_CONFIG_HOME"] = str(folder / "settings")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, str(PROBE), kind, str(report)],
        check=True,
        env=env,
        capture_output=True,
        cwd=folder,
        timeout=300,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, float(json.loads(report.read_text())["seconds"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {kind: [] for kind in KINDS}
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        folder = Path(tmp)
        start_once("app", folder)  # warm the disk cache and the bytecode once, unmeasured
        for _ in range(args.runs):
            for kind in KINDS:
                results[kind].append(start_once(kind, folder))
    cpu = {k: statistics.median(c for c, _ in v) for k, v in results.items()}
    wall = {k: statistics.median(w for _, w in v) for k, v in results.items()}
    print(f"medians of {args.runs} starts each (CPU of the whole process / wall to first paint)")
    print("| start | ours | bare PySide6 window, same run | ratio (CPU / wall) |")
    print("|---|---:|---:|---:|")
    for kind, what in (("app", "to the start page"), ("sample", "the sample open, title shown")):
        print(
            f"| {what} | {cpu[kind]:.2f} s / {wall[kind]:.2f} s "
            f"| {cpu['bare']:.2f} s / {wall['bare']:.2f} s "
            f"| {cpu[kind] / cpu['bare']:.1f}x / {wall[kind] / wall['bare']:.1f}x |"
        )


if __name__ == "__main__":
    main()
