"""Start-up against a bare PySide6 window, in the same run.

    python benchmarks/bench_start.py [--runs 5]

Each run starts a fresh process with benchmarks/start_probe.py, which quits at the first
paint: the app on its start page, the app opening a copy of the sample district (the first
paint with the plan's title; then, as a row of its own, the first paint with the sample's
findings shown, so that a window painting "Opening…" early fools no one), and the peer, a
bare PySide6 QMainWindow. Rounds alternate
the three so a busy machine slows them alike. Figures are medians: CPU time from the
process's start to that first paint (as the process measured it: what the person waits
for, whatever else the machine runs), whole-process CPU time including the quit
(`resource.getrusage(RUSAGE_CHILDREN)`; the app goes on making the parts not shown yet
after its first paint), and wall time from the process's start to that first paint, with
the ratio to the bare window.
Settings go to a temporary folder, so no recent-files list or window geometry is touched.

`--before DIR` also times an earlier version of the app in the same rounds: DIR is a copy of
its source tree (`git archive <commit> | tar -x -C DIR`), put first on the probe's path.
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


Times = tuple[float, float, float]


def start_once(kind: str, folder: Path, before: Path | None = None) -> dict[str, Times]:
    """{kind: (CPU seconds to the first paint, CPU seconds of the whole process, wall
    seconds from its start to the first paint)}, and for the sample also "shown": the same
    to the first paint with its findings."""
    report = folder / f"{kind}.json"
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["XDG_CONFIG_HOME"] = str(folder / "settings")
    if before is not None:
        env["PYTHONPATH"] = str(before)
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, str(PROBE), kind, str(report)],
        check=True,
        env=env,
        capture_output=True,
        cwd=folder,
        timeout=300,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - used.ru_utime) + (after.ru_stime - used.ru_stime)
    found = json.loads(report.read_text())
    times = {kind: (float(found["cpu"]), cpu, float(found["seconds"]))}
    if "shown" in found:
        times["shown"] = (float(found["shown"]["cpu"]), cpu, float(found["shown"]["seconds"]))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="source tree of an earlier version")
    args = parser.parse_args()
    before: Path | None = args.before.resolve() if args.before else None
    runs = [(kind, None) for kind in KINDS]
    if before is not None:
        runs += [(kind, before) for kind in KINDS if kind != "bare"]
    names = [_name(k, b) for k, b in runs]
    names[3:3] = ["shown"]  # the sample's findings, after its first paint
    names += [_name("shown", before)] if before is not None else []
    results: dict[str, list[Times]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        folder = Path(tmp)
        for kind, tree in runs[1:]:  # warm the disk cache and the bytecode once, unmeasured
            start_once(kind, folder, tree)
        for _ in range(args.runs):
            for kind, tree in runs:
                for name, times in start_once(kind, folder, tree).items():
                    results[_name(name, tree)].append(times)
    paint = {k: statistics.median(p for p, _, _ in v) for k, v in results.items()}
    cpu = {k: statistics.median(c for _, c, _ in v) for k, v in results.items()}
    wall = {k: statistics.median(w for _, _, w in v) for k, v in results.items()}
    load = os.getloadavg()[0]
    print(
        f"medians of {args.runs} starts each (CPU to first paint / CPU of the whole process "
        f"/ wall to first paint), load average {load:.1f} at the end"
    )
    print("| start | ours | bare PySide6 window, same run | ratio |")
    print("|---|---:|---:|---:|")
    for kind in results:
        if kind == "bare":
            continue
        print(
            f"| {WHAT[kind.split()[0]]}{kind[len(kind.split()[0]) :]} "
            f"| {paint[kind]:.2f} / {cpu[kind]:.2f} / {wall[kind]:.2f} s "
            f"| {paint['bare']:.2f} / {cpu['bare']:.2f} / {wall['bare']:.2f} s "
            f"| {paint[kind] / paint['bare']:.2f}x / {cpu[kind] / cpu['bare']:.2f}x "
            f"/ {wall[kind] / wall['bare']:.2f}x |"
        )


WHAT = {
    "app": "to the start page",
    "sample": "the sample named in the title (its first paint)",
    "shown": "the sample's findings shown",
}


def _name(kind: str, tree: Path | None) -> str:
    return f"{kind} (before)" if tree is not None else kind


if __name__ == "__main__":
    main()
