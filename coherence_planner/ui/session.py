"""The context object every window part shares: the open document, undo, analysis, selection.

Widgets never edit the district directly: they build a domain command and call `push()`.
The session applies it through the document (one transaction, so it is on disk when push
returns), puts it on the QUndoStack, and announces what changed; the analysis follows a
moment later through `analysis_ready`.

When the file refuses an edit for a reason of its place (a read-only folder, a full disk,
the file renamed or replaced while open), the edit is not lost: it stays in the district
and on the undo stack, the document becomes unsaved (storage/document.py, keep_unsaved),
`not_saved` says why once, and later edits gather in memory until Save As writes them all.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from coherence_planner.ui.analysis_runner import AnalysisRunner

if TYPE_CHECKING:
    # Imported when a plan is first opened or edited, not before the start page paints.
    from coherence_planner.domain.analysis.coherence import Analysis
    from coherence_planner.domain.model.commands import Changes, Command
    from coherence_planner.domain.model.district import District
    from coherence_planner.storage.document import Document

FREEZE_ITEMS = 1000  # from this many items, keep the open plan out of full collections


def _settle_garbage_collector(district: District | None, after_a_plan: bool = True) -> None:
    """Keep a large plan just opened out of Python's full garbage collections.

    A full collection walks every object; with 10,000 programs and their links that took up
    to 150 ms, and it runs on whichever thread allocates (the analysis worker holds the GIL
    meanwhile), so the window froze now and then while the user typed: 2,000 programs spent
    8.7 s in full collections over nine edits, 2.8 s with the plan frozen. Collect what the
    previous plan left, then freeze the survivors: they are still freed by reference
    counting, and the next document change unfreezes them before collecting.
    """
    large = district is not None and len(district.items) >= FREEZE_ITEMS
    if not after_a_plan:
        # The first plan of a window: no plan left anything to collect, and a full
        # collection of everything imported so far held the plan's first paint back (an
        # eighth of opening the sample; 0.2-0.9 s at 10,000 programs, on the window's
        # thread whichever thread read the plan; issue 29). A large one is frozen as it is.
        if large:
            gc.freeze()
        return
    gc.unfreeze()
    gc.collect()
    if large:
        gc.freeze()


class DocumentSession(QObject):
    """The open document (or none), with its undo stack, current analysis and selection."""

    document_changed = Signal()  # a document was opened, replaced or closed
    changed = Signal(object)  # Changes
    analysis_ready = Signal(object)  # Analysis
    selection_changed = Signal(list)  # list[str] of item ids
    failed = Signal(object)  # an undo or redo the district refused (a DistrictError)
    not_saved = Signal(object)  # the KnownError that stopped saving; edits stay in memory

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.undo_stack = QUndoStack(self)
        self.analysis: Analysis | None = None
        self.selection: list[str] = []
        self._told_unsaved = False
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
        after_a_plan = self.document is not None
        if self.document is not None and self.document is not document:
            self.document.close()
        self.document = document
        self._told_unsaved = False
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.analysis = None
        self.selection = []
        self._runner.set_district(document.district if document else None)
        self.document_changed.emit()
        self.selection_changed.emit([])
        _settle_garbage_collector(document.district if document else None, after_a_plan)

    @property
    def unsaved(self) -> bool:
        """True when the open plan holds edits its file does not (see the module docstring)."""
        return self.document is not None and self.document.unsaved is not None

    def close(self) -> None:
        self.set_document(None)

    def shutdown(self) -> None:
        self.close()
        self._runner.shutdown()

    def release_for_exit(self) -> None:
        """Close the plan's file for a process about to end, and nothing more.

        Every edit is already in the file (each is its own transaction), so closing the
        connection is all the plan needs. Telling every view the plan closed, collecting
        the district and waiting for the workers, as `shutdown` does, took 1-7 s at
        10,000 programs, for memory the process's exit frees anyway; the workers only read
        snapshots, so they are cut off mid-way with nothing lost.
        """
        if self.document is not None:
            self.document.close()

    # -- editing -----------------------------------------------------------------------
    def push(self, command: Command) -> Changes:
        """Apply `command` now and make it undoable; raises (changing nothing) when the
        district refuses it. An edit the file refuses is kept in memory (`not_saved`)."""
        from coherence_planner.ui.undo import DomainUndoCommand

        if self.document is None:
            raise RuntimeError("no document is open")
        changes = self.document.apply(command, keep_unsaved=True)
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
        if self.document is not None and self.document.unsaved and not self._told_unsaved:
            self._told_unsaved = True  # once: every later edit is unsaved for the same reason
            self.not_saved.emit(self.document.unsaved)

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
