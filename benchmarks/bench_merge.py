"""Time merging two 2,000-program copies of one plan with 200 changes each (issue 30).

Both copies are `.coherence` files made from one plan that recorded its revision (a file
copy); each then gets 200 changes: field edits of programs (a tenth of them on programs the
other copy also edits, so some conflict), links removed and added, programs added and
deleted. Three figures, each the median of --runs runs in this process:

- read: the peer, loading both files and nothing else (what any use of them costs);
- merge: what `coherence-planner merge MINE THEIRS --into OUT --prefer theirs` does: load
  both, find the base, merge, apply the one merge step, write OUT;
- in-app: the merge alone on districts already open (find the base, merge, apply).

    python benchmarks/bench_merge.py [--programs 2000] [--changes 200] [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate_district import generate  # noqa: E402
from coherence_planner.domain.merge import merge_command, merge_plans  # noqa: E402
from coherence_planner.domain.model.codec import district_from_dict  # noqa: E402
from coherence_planner.domain.model.commands import (  # noqa: E402
    AddItem,
    Command,
    RemoveItems,
    RemoveLink,
    SetItemFields,
)
from coherence_planner.domain.model.district import District  # noqa: E402
from coherence_planner.domain.model.items import Program  # noqa: E402
from coherence_planner.storage.document import Document  # noqa: E402
from coherence_planner.storage.interchange import load_any  # noqa: E402
from coherence_planner.storage.revisions import record  # noqa: E402

AT = "2026-12-07T12:00:00+00:00"


def change(district: District, n: int, rng: random.Random, shared: list[str]) -> Command:
    """The n-th edit of a copy: every tenth on a program both copies edit, the rest a field
    of a random program (seven in ten), a link removed, a program added or one deleted."""
    if n % 10 == 0:
        field = "annual_cost" if rng.random() < 0.5 else "owner"
        value = rng.randint(1, 900) * 1000 if field == "annual_cost" else rng.choice(["A", "B"])
        return SetItemFields(district, shared[n // 10 % len(shared)], {field: value})
    programs = [i.id for i in district.items_of("program") if i.id not in shared]
    target, roll = rng.choice(programs), rng.random()
    links = district.links_of(target)
    if roll < 0.1 and links:
        return RemoveLink(district, links[0].key)
    if roll < 0.2:
        return AddItem(Program(f"P{rng.randint(10**6, 10**7)}", f"New program {n}"))
    if roll < 0.3:
        return RemoveItems(district, [target])
    field, value = rng.choice(
        [
            ("annual_cost", rng.randint(1, 900) * 1000),
            ("owner", rng.choice(["Finance office", "Assistant superintendent"])),
            ("notes", f"note {rng.random():.6f}"),
            ("tier", rng.choice([1, 2, 3])),
        ]
    )
    return SetItemFields(district, target, {field: value})


def edit(path: Path, count: int, seed: int, shared: list[str]) -> None:
    rng = random.Random(seed)
    with Document.open(path) as doc:
        for n in range(count):
            doc.apply(change(doc.district, n, rng, shared))


def median(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds: on a shared machine the CPU time says what the
    merge costs, the wall clock what the person waits."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--programs", type=int, default=2000)
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        mine, theirs, out = folder / "mine.coherence", folder / "theirs.coherence", folder / "o"
        district = district_from_dict(generate(args.programs, seed=1))
        with Document.create(mine, district) as doc:
            record(doc, "before the copy")
            shared = [item.id for item in doc.district.items_of("program")[:20]]
        shutil.copyfile(mine, theirs)
        edit(mine, args.changes, 1, shared)
        edit(theirs, args.changes, 2, shared)

        def read() -> tuple[District, District]:
            return load_any(mine), load_any(theirs)

        def merge_files() -> None:
            a, b = read()
            merged = merge_plans(a, b)
            merge_command(a, merged, {}, prefer="theirs", at=AT, by="bench").do(a)
            Document.create(out.with_suffix(".coherence"), a, replace=True).close()

        a, b = read()

        def merge_open() -> None:
            result = a.copy()
            merged = merge_plans(result, b)
            merge_command(result, merged, {}, prefer="theirs", at=AT, by="bench").do(result)

        merged = merge_plans(a, b)
        taken = sum(1 for t in merged.taken if t.side == "theirs")
        read_s = median(read, args.runs)
        merge_s = median(merge_files, args.runs)
        open_s = median(merge_open, args.runs)
    print(
        f"{args.programs} programs, {args.changes} changes a copy: base found "
        f"{merged.prepared.base.found}, {taken} changes taken, {len(merged.conflicts)} conflicts"
    )
    rows = (
        ("read both files (peer)", read_s),
        ("merge files into OUT (CLI)", merge_s),
        ("merge open plans (in the app)", open_s),
    )
    print(f"medians of {args.runs} runs      wall s   CPU s   wall / peer's wall")
    for label, (wall, cpu) in rows:
        print(f"{label:<30} {wall:6.3f}  {cpu:6.3f}   {wall / read_s[0]:.1f}x")


if __name__ == "__main__":
    main()
