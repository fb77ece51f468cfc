"""Build a PDF in a worker thread, reporting progress, and stop it when asked.

The job runs reports.pdf_export.export_pdf on a snapshot of the district, taken in the
worker (District.snapshot), so the person can keep working and the window never waits for
the copy. Its progress callback forwards each step as a signal and raises Cancelled
once cancel() was called; export_pdf's temporary-file write means a cancelled or failed job
leaves nothing behind.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.model.district import District
from coherence_planner.reports.paper import ExportError
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from coherence_planner.reports.progress import Cancelled
from coherence_planner.storage.errors import KnownError


class _Worker(QObject):
    progressed = Signal(float, str)
    done = Signal(int, str)  # pages (or -1), and a message when it failed or was cancelled

    def __init__(self, cancel: threading.Event) -> None:
        super().__init__()
        self._cancel = cancel

    def _progress(self, fraction: float, message: str) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self.progressed.emit(fraction, message)

    @Slot(object, object, object, object)
    def run(
        self, district: District, analysis: Analysis, target: Path, options: PdfOptions
    ) -> None:
        try:
            pages = export_pdf(
                district.snapshot(), target, options, analysis=analysis, progress=self._progress
            )
        except Cancelled:
            self.done.emit(-1, "Cancelled; nothing was written.")
        except ExportError as exc:
            self.done.emit(-1, str(exc))
        except KnownError as exc:
            self.done.emit(-1, exc.message)
        else:
            self.done.emit(pages, "")


class PdfJob(QObject):
    """One export at a time on its own thread; `finished(pages, message)` when it ends.
    Pages is -1 when the export failed or was cancelled; the message says which."""

    progressed = Signal(float, str)
    finished = Signal(int, str)
    _start = Signal(object, object, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._thread = QThread(self)
        self._worker = _Worker(self._cancel)
        self._worker.moveToThread(self._thread)
        self._start.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        self._worker.done.connect(self._finish)
        self.running = False

    def start(
        self, district: District, analysis: Analysis, target: Path, options: PdfOptions
    ) -> None:
        if self.running:
            raise RuntimeError("an export is already running")
        self.running = True
        self._cancel.clear()
        # The thread runs only while a job does, so the dialog can be destroyed at any
        # other time without Qt aborting on a running QThread.
        self._thread.start()
        self._start.emit(district, analysis, target, options)

    def cancel(self) -> None:
        self._cancel.set()

    @Slot(int, str)
    def _finish(self, pages: int, message: str) -> None:
        self._thread.quit()
        self._thread.wait()
        self.running = False
        self.finished.emit(pages, message)

    def stop(self) -> None:
        """Cancel what runs and end the thread (when the dialog closes)."""
        self._cancel.set()
        self._thread.quit()
        self._thread.wait()
