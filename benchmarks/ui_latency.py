"""Edit -> findings latency in the desktop app on a large generated district.

Opens a plan of N programs (benchmarks/generate_district.py) in the main window (offscreen),
selects a program and changes its annual cost through the inspector, several times. For
each edit it reports:
- commit: time the window is busy with the edit itself (storage write, views, snapshot);
- findings: time from the edit until the findings panel shows the new analysis;
- stall: the longest gap between ticks of a 5 ms timer meanwhile (how frozen it felt).

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/ui_latency.py --programs 2000 --runs 7
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

from benchmarks.ui_freeze import window_on_generated_plan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--programs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    with window_on_generated_plan(args.programs) as (app, window, path, _created):
        started = time.perf_counter()
        window.documents.open_plan(path)
        while window.session.analysis is None:
            app.processEvents()
        print(f"open + first analysis: {time.perf_counter() - started:.2f} s")
        program = window.session.district.items_of("program")[10].id
        window.session.select([program])
        app.processEvents()
        editor = window.inspector.editors["annual_cost"]

        gaps: list[float] = []
        clock = QElapsedTimer()
        ticker = QTimer()
        ticker.setInterval(5)
        ticker.timeout.connect(lambda: gaps.append(clock.restart()))
        commits, totals, stalls = [], [], []
        loop = QEventLoop()
        for run in range(args.runs):
            done: list[float] = []

            def finished(_analysis: object, done: list[float] = done) -> None:
                done.append(time.perf_counter())
                QTimer.singleShot(0, loop.quit)  # after the other views have drawn

            window.session.analysis_ready.connect(finished)
            gaps.clear()
            clock.start()
            ticker.start()
            app.processEvents()
            t0 = time.perf_counter()
            editor.box.setValue(100_000 + run * 1000)
            editor.box.editingFinished.emit()  # what Enter or leaving the field sends
            commits.append(time.perf_counter() - t0)
            if not done:
                loop.exec()  # idle like a real window: no busy loop stealing the GIL
            app.processEvents()
            totals.append(done[0] - t0)
            ticker.stop()
            stalls.append(max(gaps[1:], default=0) / 1000)
            window.session.analysis_ready.disconnect(finished)
        ms = lambda xs: f"median {statistics.median(xs) * 1000:.0f} ms, max {max(xs) * 1000:.0f} ms"  # noqa: E731
        print(
            f"{args.programs} programs, {len(window.session.district.links)} links, {args.runs} edits"
        )
        print(f"commit (window busy with the edit): {ms(commits)}")
        print(f"edit -> findings updated:           {ms(totals)}")
        print(f"longest event-loop stall:           {ms(stalls)}")
        print(
            f"analysis in worker thread:          {window.session.last_analysis_seconds * 1000:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
