"""Long report tables: RowTable (report_styles.table) against reportlab's own Table, same run.

    python benchmarks/bench_report_tables.py [--sizes 1000 2000 4000] [--runs 3]

The appendix of every item is the report's longest table. For each size, the inventory of a
synthetic district is laid out on letter pages twice: as the report builds it (RowTable:
each row measured once, each page a Table of the rows that fit) and as one reportlab Table
of the same cells (which re-measures and re-styles every remaining row at each page
break). Medians of CPU time; the growth from the smallest size shows linear against worse.
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

from reportlab.lib.pagesizes import letter  # noqa: E402
from reportlab.platypus import SimpleDocTemplate, Table  # noqa: E402

from benchmarks.generate_district import generate  # noqa: E402
from coherence_planner.domain.analysis.coherence import analyse  # noqa: E402
from coherence_planner.domain.model.codec import district_from_dict  # noqa: E402
from coherence_planner.reports.book.inventory import inventory  # noqa: E402
from coherence_planner.reports.book.styles import RowTable  # noqa: E402


def as_one_table(row_table: RowTable) -> Table:
    """The same header, cells, widths and style in one reportlab Table."""
    table = Table(
        [row_table._head, *row_table._body],
        colWidths=row_table._widths,
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(row_table._style)
    return table


def build(story: list[object], path: Path) -> tuple[float, int]:
    doc = SimpleDocTemplate(str(path), pagesize=letter)
    started = time.process_time()
    doc.build(story)
    return time.process_time() - started, doc.page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-tables-"))
    width = SimpleDocTemplate(str(folder / "x.pdf"), pagesize=letter).width
    print("| programs | rows | pages | RowTable | one reportlab Table | ratio |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        district = district_from_dict(generate(size, seed=1))
        analysis = analyse(district)
        ours, peer, pages = [], [], 0
        for _ in range(args.runs):
            story = inventory(district, analysis, width)
            seconds, pages = build(story, folder / "ours.pdf")
            ours.append(seconds)
            story = inventory(district, analysis, width)
            story[-1] = as_one_table(story[-1])
            peer.append(build(story, folder / "peer.pdf")[0])
        mine, theirs = statistics.median(ours), statistics.median(peer)
        print(
            f"| {size:,} | {len(district):,} | {pages:,} | {mine:.2f} s | {theirs:.2f} s "
            f"| {theirs / mine:.1f}x |"
        )


if __name__ == "__main__":
    main()
