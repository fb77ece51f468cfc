"""Lays the map out after each analysis without freezing the window.

A small district is laid out at once on the GUI thread. A large one (2,000 programs take
seconds) is laid out in a worker thread on a snapshot of the district; each request has a
generation number and only the newest result is delivered, so a burst of edits costs the
user nothing but the last layout.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout.geometry import MAP_VIEW, LayoutOptions, MapLayout
from coherence_planner.domain.layout.pipeline import layout_map
from coherence_planner.domain.model.collector import collector_paused
from coherence_planner.domain.model.district import District

SYNC_ITEMS = 300  # up to this many items, lay out on the GUI thread (well under 0.1 s)
OPTIONS = LayoutOptions(aspect=MAP_VIEW)  # lanes flowed to the shape of the map's view


class LayoutRunner(QObject):
    """Call `request(district, analysis)`; `ready(district, analysis, layout)` follows."""

    ready = Signal(object, object, object)  # District, Analysis, MapLayout
    started = Signal()
    _done = Signal(int, object, object, object)  # generation, snapshot, layout, analysis

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._pool: ThreadPoolExecutor | None = None
        self._done.connect(self._deliver)
        self.busy = False

    def request(self, district: District, analysis: Analysis) -> None:
        self._generation += 1
        if len(district.items) <= SYNC_ITEMS:
            self.busy = False
            self.ready.emit(
                district,
                analysis,
                layout_map(district, analysis, options=OPTIONS, today=dt.date.today()),
            )
            return
        self.busy = True
        self.started.emit()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="map-layout")
        generation = self._generation
        future = self._pool.submit(_lay_out, district, analysis, dt.date.today())
        future.add_done_callback(lambda f: self._done.emit(generation, *_result(f), analysis))

    def cancel(self) -> None:
        """Forget requests in flight (the document closed)."""
        self._generation += 1
        self.busy = False

    def _deliver(
        self, generation: int, district: District | None, layout: object, analysis: Analysis
    ) -> None:
        if generation != self._generation:
            return
        self.busy = False
        if isinstance(layout, BaseException):
            raise layout
        self.ready.emit(district, analysis, layout)

    def shutdown(self) -> None:
        self.cancel()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None


def _lay_out(district: District, analysis: Analysis, today: dt.date) -> tuple[District, MapLayout]:
    """In the worker: a snapshot of the district (taken here, not on the GUI thread, where
    copying 10,000 programs froze the window for 0.2 s) and its layout."""
    with collector_paused():  # full collections here held the GIL for 80-90 ms each
        frozen = district.snapshot()
        return frozen, layout_map(frozen, analysis, options=OPTIONS, today=today)


def _result(
    future: Future[tuple[District, MapLayout]],
) -> tuple[District | None, MapLayout | BaseException]:
    exc = future.exception()
    return (None, exc) if exc is not None else future.result()
