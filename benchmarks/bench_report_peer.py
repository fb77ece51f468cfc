"""The report PDF against reportlab laying out the same text, at district sizes (issue 29).

    python benchmarks/bench_report_peer.py [--sizes 2000 10000] [--runs 3]

For each size: the report is written once to learn its text; then, interleaved, each in a
fresh process (so the charts are drawn from nothing and the peak memory is the run's own):
- ours: export_pdf of the report (analysis given), wall and CPU time and the process's peak
  RSS;
- peer: reportlab's SimpleDocTemplate laying out that same text on the same paper, a
  Paragraph per line of each page in the report's font and a page break where the report
  has one (no charts, no tables, no contents: the floor for this much text).
Medians of --runs, and the ratios of wall and of CPU time (on a busy machine the wall time
is mostly waiting for a core; the CPU time is the work). With --before DIR (the code before
a change, e.g. `git archive 584cfc5 | tar -x -C /tmp/before`), that code's report is run
too, interleaved with the other two, so a change is measured against its peer and its past
in one session; the load average is printed at the start and the end.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

_OURS = """
import json, resource, sys, time
from pathlib import Path
from benchmarks.generate_district import generate
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
district = district_from_dict(generate(int(sys.argv[1]), seed=1))
analysis = analyse(district)
start, cpu = time.perf_counter(), time.process_time()
pages = export_pdf(district, Path(sys.argv[2]), PdfOptions(), analysis=analysis)
took, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"time": took, "cpu": cpu, "pages": pages, "peak_mb": peak}))
"""

_PEER = """
import json, resource, sys, time
from xml.sax.saxutils import escape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate
from coherence_planner.reports.fonts import FONT, register_fonts
register_fonts()
pages = json.load(open(sys.argv[1]))
start, cpu = time.perf_counter(), time.process_time()
style = ParagraphStyle("body", fontName=FONT, fontSize=8, leading=10)
story = []
for page in pages:
    story += [Paragraph(escape(line), style) for line in page.splitlines() if line.strip()]
    story.append(PageBreak())
doc = SimpleDocTemplate(sys.argv[2], leftMargin=50, rightMargin=50, topMargin=50, bottomMargin=50)
doc.build(story)
took, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"time": took, "cpu": cpu, "pages": doc.page, "peak_mb": peak}))
"""


def _run(code: str, *args: str, root: Path = ROOT) -> dict[str, float]:
    # `-c` puts the working folder first on sys.path: the package of `root` is the one run.
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=root, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _medians(runs: list[dict[str, float]]) -> tuple[float, float]:
    """The median wall and CPU time of some runs."""
    return statistics.median(r["time"] for r in runs), statistics.median(r["cpu"] for r in runs)


def _load() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="the code before a change, run alongside")
    args = parser.parse_args()
    from pypdf import PdfReader

    folder = Path(tempfile.mkdtemp(prefix="bench-report-peer-"))
    print(f"load average at the start: {_load()}")
    before_head = " | before | CPU | peak memory | ratio, wall / CPU" if args.before else ""
    print(
        "| programs | report | CPU | pages | peak memory | reportlab, same text | CPU | pages "
        f"| ratio, wall / CPU{before_head} |"
    )
    print(
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        + ("---:|---:|---:|---:|" if args.before else "")
    )
    for size in args.sizes:
        ours_pdf, peer_pdf, text = folder / "ours.pdf", folder / "peer.pdf", folder / "text.json"
        _run(_OURS, str(size), str(ours_pdf))
        pages = [page.extract_text() for page in PdfReader(str(ours_pdf)).pages]
        text.write_text(json.dumps(pages))
        ours, peer, before = [], [], []
        for _ in range(args.runs):  # interleaved, so all see the same load
            ours.append(_run(_OURS, str(size), str(ours_pdf)))
            peer.append(_run(_PEER, str(text), str(peer_pdf)))
            if args.before:
                before_pdf = str(folder / "before.pdf")
                before.append(_run(_OURS, str(size), before_pdf, root=args.before.resolve()))
        wall, cpu = _medians(ours)
        peer_wall, peer_cpu = _medians(peer)
        peak = statistics.median(r["peak_mb"] for r in ours)
        then = ""
        if before:
            then_wall, then_cpu = _medians(before)
            peak_before = statistics.median(r["peak_mb"] for r in before)
            then = (
                f" {then_wall:.2f} s | {then_cpu:.2f} s | {peak_before:.0f} MB "
                f"| {then_wall / peer_wall:.2f}x / {then_cpu / peer_cpu:.2f}x |"
            )
        print(
            f"| {size:,} | {wall:.2f} s | {cpu:.2f} s | {ours[-1]['pages']:.0f} | {peak:.0f} MB "
            f"| {peer_wall:.2f} s | {peer_cpu:.2f} s | {peer[-1]['pages']:.0f} "
            f"| {wall / peer_wall:.2f}x / {cpu / peer_cpu:.2f}x |{then}",
            flush=True,
        )
    print(f"load average at the end: {_load()}")


if __name__ == "__main__":
    main()
