"""Spreadsheet export and import against openpyxl's streaming floors, in the same run.

    python benchmarks/bench_spreadsheets.py [--programs 10000] [--runs 3]

| ours | its floor |
|---|---|
| `write_xlsx`: the export workbook (every kind, links, indicators, findings, retreat tables), with its header styles, money formats and widths | a write-only openpyxl workbook holding the same cell values, no styles |
| `import_spreadsheet` into a new plan: read, map, check every cell, plan, create the plan | a read-only openpyxl pass over every value of every sheet of the same file |

The import here reads a workbook the app wrote; benchmarks/bench_import_scale.py times it on
workbooks written by plain openpyxl in the shapes districts keep, from 10,000 rows up.

Each figure is the median of --runs rounds, CPU (`time.process_time`) and wall time; each
round runs ours and its floor back to back so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate_district import generate  # noqa: E402
from coherence_planner.cli.spreadsheets import import_spreadsheet  # noqa: E402
from coherence_planner.domain.analysis.coherence import analyse  # noqa: E402
from coherence_planner.domain.model.codec import district_from_dict  # noqa: E402
from coherence_planner.storage.spreadsheets import write_xlsx  # noqa: E402

Timing = tuple[float, float]


def timed(action: Callable[[], object]) -> Timing:
    cpu, wall = time.process_time(), time.perf_counter()
    action()
    return time.process_time() - cpu, time.perf_counter() - wall


def sheet_values(path: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return [(ws.title, list(ws.iter_rows(values_only=True))) for ws in workbook.worksheets]
    finally:
        workbook.close()


def write_floor(sheets: list[tuple[str, list[tuple[Any, ...]]]], path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        ws = workbook.create_sheet(title)
        for row in rows:
            ws.append(row)
    workbook.save(path)


def read_floor(path: Path) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for ws in workbook.worksheets:
            for _row in ws.iter_rows(values_only=True):
                pass
    finally:
        workbook.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    district = district_from_dict(generate(args.programs, seed=1))
    analysis = analyse(district)
    folder = Path(tempfile.mkdtemp(prefix="bench-xlsx-"))
    ours = folder / "export.xlsx"
    write_xlsx(district, analysis, ours)
    values = sheet_values(ours)

    measures: dict[str, Callable[[], Timing]] = {
        "export": lambda: timed(lambda: write_xlsx(district, analysis, ours)),
        "write-only floor": lambda: timed(lambda: write_floor(values, folder / "floor.xlsx")),
        "import": lambda: timed(
            lambda: import_spreadsheet(ours, folder / "plan.coherence", replace=True)
        ),
        "read-only floor": lambda: timed(lambda: read_floor(ours)),
    }
    results: dict[str, list[Timing]] = {name: [] for name in measures}
    for _ in range(args.runs):
        for name, measure in measures.items():
            results[name].append(measure())
    got = {
        name: (statistics.median(t[0] for t in ts), statistics.median(t[1] for t in ts))
        for name, ts in results.items()
    }
    print(
        f"{args.programs:,} programs, {len(district.links):,} links; "
        f"medians of {args.runs} rounds (CPU / wall)"
    )
    print("| what | ours | floor, same run | ratio (CPU) |")
    print("|---|---:|---:|---:|")
    for mine, floor in (("export", "write-only floor"), ("import", "read-only floor")):
        (oc, ow), (fc, fw) = got[mine], got[floor]
        print(
            f"| {mine} | {oc:.1f} s / {ow:.1f} s | {floor}: {fc:.1f} s / {fw:.1f} s "
            f"| {oc / fc:.2f}x |"
        )


if __name__ == "__main__":
    main()
