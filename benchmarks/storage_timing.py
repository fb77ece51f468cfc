"""Time the .coherence document on a large synthetic district.

    /work/main/.venv/bin/python benchmarks/storage_timing.py [items] [runs]

Prints the median of `runs` for: create, open (quick_check + load), one apply (a field
edit), save_copy, JSON write and JSON read.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from coherence_planner.domain.model.commands import SetItemFields
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal, Link, Program, Strategy
from coherence_planner.storage.document import Document
from coherence_planner.storage.interchange import read_json, write_json


def synthetic(n_programs: int) -> District:
    district = District("Benchmark USD", "2026-27")
    goals = [Goal(id=f"G{i}", name=f"Goal {i}") for i in range(1, 6)]
    strategies = [Strategy(id=f"S{i}", name=f"Strategy {i}") for i in range(1, 21)]
    for item in [*goals, *strategies]:
        district.add_item(item)
    for i, strategy in enumerate(strategies):
        district.add_link(Link(src=strategy.id, dst=goals[i % 5].id))
    for i in range(1, n_programs + 1):
        district.add_item(
            Program(
                id=f"P{i}",
                name=f"Program {i}",
                annual_cost=1000.0 * i,
                grades=["K-3"],
                subjects=["ela"],
                notes="x" * 200,
            )
        )
        district.add_link(Link(src=f"P{i}", dst=strategies[i % 20].id, rationale="because"))
        district.add_link(Link(src=f"P{i}", dst=strategies[(i + 7) % 20].id, strength="weak"))
    return district


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    district = synthetic(n)
    folder = Path(tempfile.mkdtemp())
    plan = folder / "plan.coherence"
    print(f"{len(district)} items, {len(district.links)} links, median of {runs} runs")
    print(
        f"create     {median_ms(lambda: Document.create(plan, district, replace=True).close(), runs):8.1f} ms"
    )
    print(f"file size  {plan.stat().st_size / 1e6:8.2f} MB")
    print(f"open       {median_ms(lambda: Document.open(plan).close(), runs):8.1f} ms")
    with Document.open(plan) as doc:
        names = iter(range(10**9))
        edit = lambda: doc.apply(SetItemFields(doc.district, "P1", {"name": f"n{next(names)}"}))  # noqa: E731
        print(f"apply      {median_ms(edit, runs * 4):8.1f} ms")
        print(
            f"save_copy  {median_ms(lambda: doc.save_copy(folder / 'copy.coherence'), runs):8.1f} ms"
        )
    print(f"write_json {median_ms(lambda: write_json(district, folder / 'd.json'), runs):8.1f} ms")
    print(f"read_json  {median_ms(lambda: read_json(folder / 'd.json'), runs):8.1f} ms")


if __name__ == "__main__":
    main()
