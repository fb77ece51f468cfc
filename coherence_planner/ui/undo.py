"""QUndoCommand wrappers: the domain command does the work, the document stores it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from coherence_planner.domain.commands import Changes, Command
from coherence_planner.storage.document import Document


class DomainUndoCommand(QUndoCommand):
    """One user action on the undo stack.

    The first redo() (which QUndoStack.push calls) applies the command; the caller has
    already applied it through the document, so that a failure raises before anything is
    pushed. `on_change` tells the session what changed after every redo and undo.
    """

    def __init__(
        self, document: Document, command: Command, on_change: Callable[[Changes], None]
    ) -> None:
        super().__init__(command.text)
        self.document = document
        self.command = command
        self._on_change = on_change
        self._skip_first_redo = True

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._on_change(self.document.apply(self.command))

    def undo(self) -> None:
        self._on_change(self.document.revert(self.command))
