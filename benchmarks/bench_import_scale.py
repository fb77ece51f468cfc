"""The spreadsheet import against openpyxl's read-only pass, on workbooks the app did not write,
from 10,000 to 100,000 rows, in the same run.

    python benchmarks/bench_import_scale.py [--sizes 10000,20000,25000,50000,100000]
        [--shapes spending,actions,ledger] [--runs 3]

The workbooks are written with plain openpyxl in the shapes districts keep
(benchmarks/foreign_workbooks.py). Ours is `coherence-planner import FILE.xlsx --into
NEW.coherence` as the command line runs it (`cli.spreadsheets.import_spreadsheet`: read,
recognise the layout, map, check every cell, plan, create the plan); the floor is
`openpyxl.load_workbook(read_only=True, data_only=True)` iterating every value of every
sheet. Each round runs ours and the floor back to back, alternating which goes first, so a
busy machine slows both alike; figures are medians of CPU (`time.process_time`) and wall
time. "growth" is ours per row at that size over ours per row at the smallest size (1.00 is
linear). Up to 120,000 rows of a sheet are read (limits.MAX_ROWS); a plan holds at most 25,000
items (fields.MAX_ITEMS), so a workbook whose rows would make more is refused as soon as
planning passes that many (the spending plan and the LCAP make one item per row; the ledger
one per five lines): for those sizes the row gives the refusal's time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_spreadsheets import Timing, read_floor, timed  # noqa: E402
from benchmarks.foreign_workbooks import SHAPES  # noqa: E402
from coherence_planner.cli.spreadsheets import import_spreadsheet  # noqa: E402
from coherence_planner.storage.errors import KnownError  # noqa: E402


def measure(source: Path, folder: Path, runs: int) -> tuple[Timing, Timing, str]:
    """Medians (CPU, wall) of ours and of the floor, and the import's refusal if it refused."""
    target = folder / "plan.coherence"
    ours: list[Timing] = []
    floor: list[Timing] = []
    refused: list[str] = []

    def import_once() -> None:
        try:
            import_spreadsheet(source, target, replace=True)
        except KnownError as exc:
            refused.append(str(exc))

    for round_ in range(runs):
        steps = [
            lambda: ours.append(timed(import_once)),
            lambda: floor.append(timed(lambda: read_floor(source))),
        ]
        for step in steps if round_ % 2 == 0 else reversed(steps):
            step()

    def median(ts: list[Timing]) -> Timing:
        return statistics.median(t[0] for t in ts), statistics.median(t[1] for t in ts)

    return median(ours), median(floor), refused[0] if refused else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,20000,25000,50000,100000")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    shapes = args.shapes.split(",")
    folder = Path(tempfile.mkdtemp(prefix="bench-import-scale-"))
    # Warm the imports once (the command line's own start is not what is measured here).
    import_spreadsheet(
        SHAPES[shapes[0]](folder / "warm.xlsx", 50), folder / "warm.coherence", replace=True
    )
    print(f"medians of {args.runs} rounds (CPU / wall); growth = ours per row / at {sizes[0]:,}")
    print("| workbook | rows | ours | openpyxl read-only pass, same run | ratio (CPU) | growth |")
    print("|---|---:|---:|---:|---:|---:|")
    for shape in shapes:
        first: float | None = None
        for size in sizes:
            source = SHAPES[shape](folder / f"{shape}-{size}.xlsx", size)
            (oc, ow), (fc, fw), refused = measure(source, folder, args.runs)
            if refused:
                print(
                    f"| {shape} | {size:,} | refused in {oc:.2f} s / {ow:.2f} s "
                    f"| {fc:.2f} s / {fw:.2f} s | - | - |",
                    flush=True,
                )
                source.unlink()
                continue
            first = first or oc / size
            print(
                f"| {shape} | {size:,} | {oc:.2f} s / {ow:.2f} s | {fc:.2f} s / {fw:.2f} s "
                f"| {oc / fc:.2f}x | {oc / size / first:.2f} |",
                flush=True,
            )
            source.unlink()


if __name__ == "__main__":
    main()
