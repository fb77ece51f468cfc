"""QUndoCommand wrappers: the domain command does the work, the document stores it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from coherence_planner.domain.model.commands import Changes, Command
from coherence_planner.storage.document import Document
from coherence_planner.ui.errors import USER_ERRORS


class DomainUndoCommand(QUndoCommand):
    """One user action on the undo stack.

    The first redo() (which QUndoStack.push calls) applies the command; the caller has
    already applied it through the document, so that a failure raises before anything is
    pushed. `on_change` tells the session what changed after every redo and undo.
    """

    def __init__(
        self,
        document: Document,
        command: Command,
        on_change: Callable[[Changes], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        super().__init__(command.text)
        self.document = document
        self.command = command
        self._on_change = on_change
        self._on_error = on_error
        self._skip_first_redo = True

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._run(self.document.apply)

    def undo(self) -> None:
        self._run(self.document.revert)

    def _run(self, step: Callable[..., Changes]) -> None:
        # An exception cannot cross back through QUndoStack. A step the file refuses is
        # kept in memory (the document becomes unsaved, and the session says so); a step
        # the district refuses leaves it as it was: report it and let the session reset
        # history.
        try:
            changes = step(self.command, keep_unsaved=True)
        except USER_ERRORS as exc:
            self._on_error(exc)
            return
        self._on_change(changes)
