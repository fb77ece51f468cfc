"""How soon File > Print / Export PDF shows the sample district's pages, and whether the window
freezes meanwhile.

Opens the Print / Export PDF dialog on the sample district (the cabinet's report, Letter
portrait, as the dialog opens), as File > Print / Export PDF… does, and records:
- built: time from opening the dialog until it has the PDF behind the preview (written in
  a worker thread; the first slice of page pictures is drawn before this is noted);
- first page: time until the preview shows its first page's picture;
- all pages: time until every page the preview draws unasked has its picture;
- stall: the longest gap between ticks of a 10 ms timer on the GUI thread over that time
  (how long the window could not repaint or react to a click);
- paper change: then Tabloid is chosen in the Paper list, as a person would, and the time
  until the preview shows the first page of the Tabloid report.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/print_preview.py [--runs 5]
Before and after in one session: run it with PYTHONPATH set to a copy of the older code
(`git archive <commit> coherence_planner | tar -x -C /tmp/old`), interleaved with runs of
this tree; `--label` names each in the output.

Measured for issue 27 (finding 10; 2 shared cores, load 9.5-11 with a test suite running,
three fresh processes of each, interleaved): before (090aba7) first page 10.1 s, paper
change 9.3 s (medians); after 2.4 s and 1.04 s. Now the preview first shows the report with a
box where each chart not yet drawn goes (one layout, no matplotlib), then the same pages
with the charts; the charts are recorded once as vectors and reused, so a paper change is
one layout pass; and a choice in a list starts the preview at once instead of after 0.7 s.

Measured earlier (2 shared cores, load 2.4-2.7, medians of 5 runs, four runs of each interleaved):
38 pages; first page 3.5-5.8 s before and after the progressive preview, the spread being
the machine's load. Building the PDF is almost all of it: 2.7-3.6 s of CPU (report_pdf,
reportlab and matplotlib), of which drawing the 38 thumbnails was 0.14-0.16 s on the GUI
thread in one go (now a 25 ms slice at a time, the pages in view first). Writing the PDF's
streams as binary instead of ASCII85 saves 10-20% of the build's CPU and 17% of the file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.storage.sample import sample_district
from coherence_planner.ui.printing.dialog import PdfExportDialog

TICK_MS = 10


def shown_pages(dialog: PdfExportDialog) -> int:
    """How many pages of the preview have their picture."""
    return dialog.preview.rendered_count()


def one_run(app: QApplication, folder: Path) -> dict[str, float]:
    district = sample_district()
    analysis = analyse(district)
    gaps: list[int] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(TICK_MS)

    def tick() -> None:
        gaps.append(clock.restart())

    ticker.timeout.connect(tick)
    marks: dict[str, float] = {}
    start = time.perf_counter()
    dialog = PdfExportDialog(district, analysis, default_dir=folder)
    dialog.job.finished.connect(lambda *_: marks.setdefault("built", time.perf_counter() - start))
    dialog.resize(1000, 700)
    clock.start()
    ticker.start()
    dialog.show()
    deadline = start + 120
    while time.perf_counter() < deadline:
        app.processEvents()
        done = shown_pages(dialog)
        if done and "first" not in marks:
            marks["first"] = time.perf_counter() - start
        total = dialog.preview.count()
        if "built" in marks and total and done >= total:
            marks["all"] = time.perf_counter() - start
            marks["pages"] = total
            break
        time.sleep(0.001)
    marks["stall"] = max(gaps) / 1000 if gaps else 0.0
    if "all" in marks:
        marks["paper"] = paper_change(app, dialog)
    ticker.stop()
    dialog.close()
    dialog.deleteLater()
    app.processEvents()
    return marks


def paper_change(app: QApplication, dialog: PdfExportDialog) -> float:
    """Seconds from choosing Tabloid in the Paper list to the first page of its preview."""
    before = dialog.options()
    start = time.perf_counter()
    dialog.paper.setCurrentIndex(dialog.paper.findData("tabloid"))
    deadline = start + 120
    while time.perf_counter() < deadline:
        app.processEvents()
        shown = dialog._preview_of  # the options whose PDF the preview shows
        if shown is not None and shown != before and dialog.preview.rendered_count():
            return time.perf_counter() - start
        time.sleep(0.001)
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--label", default="this tree")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.runs):
            rows.append(one_run(app, Path(folder)))  # type: ignore[arg-type]
    for key, label in (
        ("built", "PDF built"),
        ("first", "first page shown"),
        ("all", "all pages shown"),
        ("stall", "longest stall"),
        ("paper", "paper change"),
    ):
        values = [r[key] for r in rows if key in r]
        if values:
            print(f"{label:>17}: median {statistics.median(values):.2f} s, max {max(values):.2f} s")
    print(f"{'pages':>17}: {rows[-1].get('pages', 0):.0f} ({args.runs} runs, {args.label})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
