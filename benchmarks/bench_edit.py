"""The cost of one small edit on the sample plan, and of the checks each edit makes.

    python benchmarks/bench_edit.py [--edits 1000] [--folder /dev/shm]

Opens a fresh copy of the sample district and applies --edits small edits (a program's name,
alternating between two values) through Document.apply, each its own transaction with
synchronous=FULL, as the app does. Prints the median and the 90th percentile wall time of an
edit, and the median of the checks made before each write (storage/watch.py's stat of the
plan, and the two access() calls of the read-only check) timed alone. The fsync of each
commit is most of an edit on a disk and varies with what else the disk does; --folder on a
tmpfs (/dev/shm) shows the rest, which is what the code spends.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from coherence_planner.assets import sample_district_path
from coherence_planner.domain.model.commands import SetItemFields
from coherence_planner.storage.document import Document
from coherence_planner.storage.interchange import read_json


def median_us(samples: list[float]) -> float:
    return statistics.median(samples) * 1e6


def time_edits(path: Path, edits: int) -> list[float]:
    doc = Document.create(path, read_json(sample_district_path()))
    program = next(i for i, item in doc.district.items.items() if item.kind == "program")
    names = ("Edited name", "Edited name again")
    doc.apply(SetItemFields(doc.district, program, {"name": names[1]}))  # first write stamps
    times = []
    for number in range(edits):
        command = SetItemFields(doc.district, program, {"name": names[number % 2]})
        started = time.perf_counter()
        doc.apply(command)
        times.append(time.perf_counter() - started)
    doc.close()
    return times


def time_checks(path: Path, rounds: int) -> dict[str, float]:
    results: dict[str, float] = {}
    try:
        from coherence_planner.storage import watch
    except ImportError:  # the code before issue 24 had no watch
        return results
    recorded = watch.identity(path)
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        watch.check(path, recorded)
        samples.append(time.perf_counter() - started)
    results["identity check (one stat)"] = median_us(samples)
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
        samples.append(time.perf_counter() - started)
    results["read-only check (two access calls)"] = median_us(samples)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--folder", default=None, help="where to put the plan (default: /tmp)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        path = Path(folder) / "sample.coherence"
        times = time_edits(path, args.edits)
        Document.create(path, read_json(sample_district_path()), replace=True).close()
        checks = time_checks(path, args.edits)
    deciles = statistics.quantiles(times, n=10)
    print(f"{args.edits} edits: median {median_us(times):.0f} µs, p90 {deciles[-1] * 1e6:.0f} µs")
    for name, value in checks.items():
        print(f"{name}: median {value:.1f} µs")


if __name__ == "__main__":
    main()
