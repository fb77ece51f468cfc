"""Build a PDF in a worker thread, reporting progress, and stop it when asked.

The job runs reports.pdf_export.export_pdf on a snapshot of the district, taken in the
worker (District.snapshot), so the person can keep working and the window never waits for
the copy. Its progress callback forwards each step as a signal and raises Cancelled
once cancel() was called; export_pdf's temporary-file write means a cancelled or failed job
leaves nothing behind.

A preview of the report is written twice when its charts are not drawn yet: first with each
chart a box of its size (charts.vector.drafts; the layout alone, about a second), shown at
once as `drafted`, then with the charts, the same pages. A save is written once.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.model.district import District
from coherence_planner.reports.charts.vector import drafts
from coherence_planner.reports.paper import ExportError
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from coherence_planner.reports.progress import Cancelled
from coherence_planner.storage.errors import KnownError


class _Worker(QObject):
    progressed = Signal(float, str)
    drafted = Signal(int, object)  # pages and file of a draft (its charts still boxes)
    done = Signal(int, str)  # pages (or -1), and a message when it failed or was cancelled

    def __init__(self, cancel: threading.Event) -> None:
        super().__init__()
        self._cancel = cancel

    def _progress(self, fraction: float, message: str) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self.progressed.emit(fraction, message)

    @Slot(object, object, object, object, bool)
    def run(
        self,
        district: District,
        analysis: Analysis,
        target: Path,
        options: PdfOptions,
        draft: bool,
    ) -> None:
        try:
            snapshot = district.snapshot()
            if draft and options.kind == "report":
                # A file of its own: the preview may still hold it open (on Windows a file
                # open elsewhere cannot be replaced) when the whole PDF is written.
                sketch = target.with_name(f"{target.stem}-draft{target.suffix}")
                with drafts() as boxes:
                    pages = export_pdf(
                        snapshot, sketch, options, analysis=analysis, progress=self._progress
                    )
                if not boxes:  # every chart was drawn already: the draft is the PDF
                    shutil.copyfile(sketch, target)
                    self.done.emit(pages, "")
                    return
                self.drafted.emit(pages, sketch)
            pages = export_pdf(
                snapshot, target, options, analysis=analysis, progress=self._progress
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
    drafted = Signal(int, object)
    finished = Signal(int, str)
    _start = Signal(object, object, object, object, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._thread = QThread(self)
        self._worker = _Worker(self._cancel)
        self._worker.moveToThread(self._thread)
        self._start.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        self._worker.drafted.connect(self.drafted)
        self._worker.done.connect(self._finish)
        self.running = False

    def start(
        self,
        district: District,
        analysis: Analysis,
        target: Path,
        options: PdfOptions,
        *,
        draft: bool = False,
    ) -> None:
        """Write the PDF; with `draft`, a report whose charts are not drawn yet is first
        written with boxes for them (`drafted`), then again whole (`finished`)."""
        if self.running:
            raise RuntimeError("an export is already running")
        self.running = True
        self._cancel.clear()
        # The thread runs only while a job does, so the dialog can be destroyed at any
        # other time without Qt aborting on a running QThread.
        self._thread.start()
        self._start.emit(district, analysis, target, options, draft)

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
