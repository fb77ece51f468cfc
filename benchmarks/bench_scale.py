"""Time and memory for each step of working on a 10,000-program, ~30,000-link district.

Each run is a fresh Python that does the steps in order and reports, after each, its time
and the process's peak resident memory so far (ru_maxrss: what the app would hold at that
point). Times are the median of --runs runs; memory is the largest peak seen.

Steps: create the plan from the district (an import), open it, analyse, lay out the map
(when domain/layout/pipeline.py is present), one edit (Document.apply) followed by re-analysis,
export the interchange JSON, export the report PDF (when the report exporter is present).

    python benchmarks/bench_scale.py [--programs 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _peak_mb() -> float:
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6


def one_run(programs: int, folder: Path) -> list[dict[str, Any]]:
    from benchmarks.generate_district import generate
    from coherence_planner.domain.analysis.coherence import analyse
    from coherence_planner.domain.model.codec import district_from_dict
    from coherence_planner.domain.model.commands import SetItemFields
    from coherence_planner.storage.document import Document
    from coherence_planner.storage.interchange import write_json

    results: list[dict[str, Any]] = []
    state: dict[str, Any] = {}

    def step(name: str, action: Callable[[], Any]) -> None:
        start = time.perf_counter()
        action()
        results.append({"step": name, "s": time.perf_counter() - start, "mb": _peak_mb()})

    district = district_from_dict(generate(programs, seed=1))
    plan = folder / "big.coherence"
    results.append(
        {
            "step": f"(generated: {len(district.items):,} items, {len(district.links):,} links)",
            "s": 0.0,
            "mb": _peak_mb(),
        }
    )
    step("create plan (import)", lambda: Document.create(plan, district, replace=True).close())
    step("open plan", lambda: state.update(doc=Document.open(plan)))
    doc = state["doc"]
    step("analyse", lambda: state.update(analysis=analyse(doc.district)))
    try:
        from coherence_planner.domain.layout.pipeline import layout_map
    except ImportError:
        layout_map = None
    if layout_map is not None:
        step("lay out the map", lambda: layout_map(doc.district, state["analysis"]))
    program = next(i for i in doc.district.items.values() if i.kind == "program")

    def edit() -> None:
        doc.apply(SetItemFields(doc.district, program.id, {"annual_cost": 12345}))
        analyse(doc.district)

    step("one edit (apply) + re-analysis", edit)
    step("export JSON", lambda: write_json(doc.district, folder / "big.json"))
    from coherence_planner.cli import exporters as export_cli

    if ".pdf" in export_cli.EXPORTERS:
        args = argparse.Namespace(
            pdf_kind="report", paper="letter", landscape=False, tile=None, goal=None
        )
        step(
            "export report PDF",
            lambda: export_cli.EXPORTERS[".pdf"](doc.district, folder / "r.pdf", args),
        )
    doc.close()
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        with tempfile.TemporaryDirectory() as folder:
            print(json.dumps(one_run(args.programs, Path(folder))))
        return 0
    runs = []
    for _ in range(args.runs):
        done = subprocess.run(
            [sys.executable, __file__, "--child", "--programs", str(args.programs)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(done.stdout))
    print(f"{args.programs:,} programs; median of {args.runs} runs; peak RSS of the process")
    print("| step | time | peak memory |\n|---|---:|---:|")
    for index, first in enumerate(runs[0]):
        seconds = statistics.median(run[index]["s"] for run in runs)
        peak = max(run[index]["mb"] for run in runs)
        shown = f"{seconds:.2f} s" if seconds else ""
        print(f"| {first['step']} | {shown} | {peak:.0f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
