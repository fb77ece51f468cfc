"""The whole report PDF at district sizes: the summarised report against the every-item one.

    python benchmarks/bench_report.py [--sizes 300 2000 10000] [--runs 3] [--full-up-to 2000]

Above report_scale.LARGE_PLAN programs the report summarises (tables by goal, strategy and
missing fact; removal candidates in full; no appendix). The peer, in the same run, is the
report that lists every item, as every plan's report did before (LARGE_PLAN raised past the
size, appendix on); it is skipped above --full-up-to because it takes minutes there (209 s
and 2,707 pages at 10,000 programs when measured for issue 16). Medians of wall time for the
whole export_pdf call (analysis given), with pages and file size.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate_district import generate  # noqa: E402
from coherence_planner.domain.analysis.coherence import analyse  # noqa: E402
from coherence_planner.domain.model.codec import district_from_dict  # noqa: E402
from coherence_planner.domain.model.district import District  # noqa: E402
from coherence_planner.reports.book import scale as report_scale  # noqa: E402
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf  # noqa: E402


def run(district: District, out: Path, runs: int, full: bool) -> tuple[float, int, int]:
    analysis = analyse(district)
    limit = report_scale.LARGE_PLAN
    times, pages = [], 0
    try:
        if full:
            report_scale.LARGE_PLAN = 10**9
        for _ in range(runs):
            started = time.perf_counter()
            pages = export_pdf(
                district, out, PdfOptions(appendix=True if full else None), analysis=analysis
            )
            times.append(time.perf_counter() - started)
    finally:
        report_scale.LARGE_PLAN = limit
    return statistics.median(times), pages, out.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 2000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--full-up-to", type=int, default=2000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-report-"))
    print("| programs | report | pages | size | every-item report | pages | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        district = district_from_dict(generate(size, seed=1))
        ours, pages, size_bytes = run(district, folder / "ours.pdf", args.runs, full=False)
        peer = "—"
        peer_pages = "—"
        ratio = "—"
        if size <= args.full_up_to:
            theirs, their_pages, _ = run(district, folder / "full.pdf", args.runs, full=True)
            peer, peer_pages, ratio = f"{theirs:.1f} s", f"{their_pages:,}", f"{theirs / ours:.1f}x"
        print(
            f"| {size:,} | {ours:.1f} s | {pages:,} | {size_bytes / 1e6:.1f} MB | {peer} "
            f"| {peer_pages} | {ratio} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
