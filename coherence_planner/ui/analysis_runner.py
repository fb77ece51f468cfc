"""Keeps the Analysis current after edits without freezing the window.

Edits are coalesced with a zero-timer, so a burst of changes costs one analysis. A small
district is analysed at once on the GUI thread; when the last analysis took longer than
`SYNC_BUDGET`, or a large district has just been set, the next one runs in a worker thread
on a snapshot, and its result is used only if no edit happened meanwhile (otherwise a
fresh run starts).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

if TYPE_CHECKING:
    from coherence_planner.domain.analysis.coherence import Analysis
    from coherence_planner.domain.model.district import District

SYNC_BUDGET = 0.04  # seconds: above this, analyse in the worker thread
# From this many items a plan's first analysis, with no time of its own to go by yet, runs
# in the worker too: on the window's thread it froze opening a 10,000-program plan for
# 0.4-0.8 s (a 1,000-item plan analyses in about 20 ms, well within the budget above).
WORKER_ITEMS = 1000
# ...and starts this long after the plan shows: the worker holds the GIL, and each of the
# window's Python calls then waits for it, so the Items list laying out a large plan's rows
# (a call back into Python for each) took 0.2-0.5 s instead of 0.1 s while the analysis ran
# beside it (issue 29). A timer, not a posted event: the window's own turns come first.
FIRST_RUN_DELAY_MS = 150


def analyse(district: District) -> Analysis:
    """The coherence analysis, imported with the first plan rather than before the start
    page paints (issue 29)."""
    from coherence_planner.domain.analysis.coherence import analyse as analyse_now

    return analyse_now(district)


class _Worker(QObject):
    finished = Signal(int, object, float)

    @Slot(int, object)
    def run(self, generation: int, district: District) -> None:
        started = time.perf_counter()
        result: Analysis | BaseException
        try:
            # The snapshot is taken here, not on the GUI thread (0.2 s at 10,000 programs);
            # an edit meanwhile makes it start again (District.snapshot), and the result is
            # then dropped for a fresh run anyway (the generation has moved on).
            revision = district.revision
            snapshot = district.snapshot()
            result = analyse(snapshot)
            if district.revision == revision:  # the snapshot is the district at `revision`
                from coherence_planner.domain.analysis.gaps_once import work_out_gaps_ahead

                work_out_gaps_ahead(result, district, revision, snapshot)
        except Exception as exc:  # handed to the GUI thread, which reports it as a bug
            result = exc
        self.finished.emit(generation, result, time.perf_counter() - started)


class AnalysisRunner(QObject):
    """Call `invalidate()` after each change; `ready(Analysis)` follows with the result."""

    ready = Signal(object)
    _request = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._district: District | None = None
        self._generation = 0
        self._running: int | None = None
        self.last_duration = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._start)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None

    def set_district(self, district: District | None) -> None:
        self._district = district
        large = district is not None and len(district.items) >= WORKER_ITEMS
        self.last_duration = float("inf") if large else 0.0
        self.invalidate()
        if large:
            self._timer.start(FIRST_RUN_DELAY_MS)

    def invalidate(self) -> None:
        self._generation += 1
        self._timer.start()

    @property
    def busy(self) -> bool:
        return self._timer.isActive() or self._running is not None

    def _start(self) -> None:
        self._timer.setInterval(0)  # after a first run's delay, edits start at once again
        if self._district is None or self._running is not None:
            return  # a worker run in flight restarts us when it ends
        generation = self._generation
        if self.last_duration <= SYNC_BUDGET:
            started = time.perf_counter()
            result = analyse(self._district)
            self.last_duration = time.perf_counter() - started
            self.ready.emit(result)
            return
        self._ensure_thread()
        self._running = generation
        self._request.emit(generation, self._district)

    def _ensure_thread(self) -> None:
        if self._thread is not None:
            return
        self._thread = QThread(self)
        self._thread.setObjectName("coherence-analysis")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.run)
        self._worker.finished.connect(self._finished)
        self._thread.start()

    @Slot(int, object, float)
    def _finished(self, generation: int, result: Analysis | Exception, duration: float) -> None:
        self._running = None
        self.last_duration = duration
        if isinstance(result, Exception):
            raise result
        if generation == self._generation and self._district is not None:
            self.ready.emit(result)
        else:
            self._timer.start()

    def shutdown(self) -> None:
        """Stop the worker thread (call before the application quits)."""
        self._timer.stop()
        self._district = None
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            if self._worker is not None:
                self._worker.deleteLater()
            self._thread = None
            self._worker = None
