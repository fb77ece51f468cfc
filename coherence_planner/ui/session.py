"""The context object every window part shares: the open document, undo, analysis, selection.

Widgets never edit the district directly: they build a domain command and call `push()`.
The session applies it through the document (one transaction, so it is on disk when push
returns), puts it on the QUndoStack, and announces what changed; the analysis follows a
moment later through `analysis_ready`.
"""

from __future__ import annotations

import gc
import importlib
import sys
import threading

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from coherence_planner.domain.coherence import Analysis
from coherence_planner.domain.commands import Changes, Command
from coherence_planner.domain.district import District
from coherence_planner.storage.document import Document
from coherence_planner.ui.analysis_runner import AnalysisRunner
from coherence_planner.ui.undo import DomainUndoCommand

FREEZE_ITEMS = 1000  # from this many items, keep the open plan out of full collections
WRITES_DELAY_MS = 300  # after a plan is shown, before loading what edits need
WRITER_MODULE = "sqlite_utils"  # what the first edit needs (storage/document.py, _db)


def _settle_garbage_collector(district: District | None) -> None:
    """Keep a large plan just opened out of Python's full garbage collections.

    A full collection walks every object; with 10,000 programs and their links that took up
    to 150 ms, and it runs on whichever thread allocates (the analysis worker holds the GIL
    meanwhile), so the window froze now and then while the user typed: 2,000 programs spent
    8.7 s in full collections over nine edits, 2.8 s with the plan frozen. Collect what the
    previous plan left, then freeze the survivors: they are still freed by reference
    counting, and the next document change unfreezes them before collecting.
    """
    gc.unfreeze()
    gc.collect()
    if district is not None and len(district.items) >= FREEZE_ITEMS:
        gc.freeze()


class DocumentSession(QObject):
    """The open document (or none), with its undo stack, current analysis and selection."""

    document_changed = Signal()  # a document was opened, replaced or closed
    changed = Signal(object)  # Changes
    analysis_ready = Signal(object)  # Analysis
    selection_changed = Signal(list)  # list[str] of item ids
    failed = Signal(object)  # an undo or redo the file refused (a KnownError)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.undo_stack = QUndoStack(self)
        self.analysis: Analysis | None = None
        self.selection: list[str] = []
        self._runner = AnalysisRunner(self)
        self._runner.ready.connect(self._analysis_done)

    # -- the document ------------------------------------------------------------------
    @property
    def district(self) -> District:
        if self.document is None:
            raise RuntimeError("no document is open")
        return self.document.district

    @property
    def is_open(self) -> bool:
        return self.document is not None

    def set_document(self, document: Document | None) -> None:
        """Show `document` (closing the one shown before); None closes."""
        if self.document is not None and self.document is not document:
            self.document.close()
        self.document = document
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.analysis = None
        self.selection = []
        self._runner.set_district(document.district if document else None)
        self.document_changed.emit()
        self.selection_changed.emit([])
        _settle_garbage_collector(document.district if document else None)
        if document is not None:
            # Once the plan is on screen, load what the first edit needs (sqlite-utils).
            QTimer.singleShot(WRITES_DELAY_MS, lambda: self._prepare_writes(document))

    def _prepare_writes(self, document: Document) -> None:
        # Imported in a thread of its own: on the window's thread the import froze it for
        # 0.2 s just after a plan opened, 0.3-0.5 s when the map's layout worker was running
        # meanwhile (benchmarks/ui_freeze.py at 2,000 and 4,000 programs). An edit made
        # before it is done waits for the import, as it would have anyway.
        if document is self.document and not document.closed and WRITER_MODULE not in sys.modules:
            threading.Thread(
                target=importlib.import_module,
                args=(WRITER_MODULE,),
                name="load-writer",
                daemon=True,
            ).start()

    def close(self) -> None:
        self.set_document(None)

    def shutdown(self) -> None:
        self.close()
        self._runner.shutdown()

    # -- editing -----------------------------------------------------------------------
    def push(self, command: Command) -> Changes:
        """Apply `command` now and make it undoable; raises (changing nothing) on failure."""
        if self.document is None:
            raise RuntimeError("no document is open")
        changes = self.document.apply(command)
        self.undo_stack.push(
            DomainUndoCommand(self.document, command, self._after_change, self._step_failed)
        )
        self._after_change(changes)
        return changes

    def _step_failed(self, exc: Exception) -> None:
        # The stack already moved its index; history no longer matches the file, so start
        # it afresh (after the stack has finished its own call) and tell the person why.
        QTimer.singleShot(0, self.undo_stack.clear)
        self.failed.emit(exc)

    def _after_change(self, changes: Changes) -> None:
        if self.document is not None:
            self.selection = [i for i in self.selection if i in self.document.district.items]
        self.changed.emit(changes)
        self._runner.invalidate()

    @property
    def analysis_pending(self) -> bool:
        return self._runner.busy

    @property
    def last_analysis_seconds(self) -> float:
        return self._runner.last_duration

    def _analysis_done(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.analysis_ready.emit(analysis)

    # -- selection ---------------------------------------------------------------------
    def select(self, item_ids: list[str]) -> None:
        """Select items (by id) in every view; unknown ids are ignored."""
        known = [i for i in dict.fromkeys(item_ids) if self.is_open and i in self.district.items]
        if known != self.selection:
            self.selection = known
            self.selection_changed.emit(list(known))
