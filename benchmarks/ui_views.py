"""How long the window freezes when each view is first shown on a large district.

Opens a generated plan of N programs (benchmarks/generate_district.py) in the main window
(offscreen, 1366x768), waits for the first analysis, then shows each view in turn as a
person would click through them (Findings, Overview, Alignment, Themes, Indicators,
Snapshots, and the retreat's Decisions, Scenarios, Ratings and Load), letting the event
loop run for `--settle` seconds after each. A timer ticks every 10 ms on the GUI thread
(ui_freeze.StallMeter); for each view it prints the longest gap and how many gaps passed
200 ms. The Map tab's first showing has its own benchmark (ui_freeze.py --map-first).

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/ui_views.py --programs 10000
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from benchmarks.ui_freeze import BUDGET_MS, StallMeter, wait_until, window_on_generated_plan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--programs", type=int, default=10000)
    parser.add_argument("--settle", type=float, default=3.0, help="seconds after each view")
    args = parser.parse_args(argv)
    with window_on_generated_plan(args.programs) as (app, window, path, _created):
        window.documents.open_plan(path)
        session = window.session
        wait_until(app, lambda: session.analysis is not None and not session.analysis_pending)
        views = [
            ("Findings", window.findings),
            ("Overview", window.overview),
            ("Alignment", window.matrix),
            ("Themes", window.theme_matrix),
            ("Indicators", window.indicators_view),
            ("Snapshots", window.snapshots_view),
            *((f"Retreat: {name}", widget) for name, widget in window.retreat.tabs.items()),
        ]
        print(f"{args.programs:,} programs; each view shown once, then {args.settle:.0f} s idle")
        print("| view | longest stall | stalls over 200 ms |")
        print("|---|---:|---:|")
        meter = StallMeter()
        for name, widget in views:
            meter.start()
            window.show_view(widget)
            end = time.perf_counter() + args.settle
            while time.perf_counter() < end:
                QApplication.processEvents()
                time.sleep(0.005)
            longest = meter.stop()
            over = sum(gap > BUDGET_MS for gap in meter.gaps)
            print(f"| {name} | {longest * 1000:.0f} ms | {over} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
