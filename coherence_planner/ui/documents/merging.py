"""File ▸ Merge a Copy…: read a colleague's copy of the open plan, show what each side
changed and the conflicts (merge_dialog.py), and apply the merge as one undoable step.

The open plan is "mine" and is changed only by that one step, pushed on the session's undo
stack like any edit, so the findings and the map follow at once and Undo takes it all back.
The other file is only read.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMessageBox

from coherence_planner.domain.merge import MergeError, merge_command, merge_plans
from coherence_planner.domain.model.district import DistrictError
from coherence_planner.domain.model.wording import plural
from coherence_planner.storage.errors import KnownError
from coherence_planner.storage.interchange import load_any
from coherence_planner.storage.revisions import now, who
from coherence_planner.ui.documents.controller import DocumentController
from coherence_planner.ui.documents.merge_dialog import MergeDialog

TITLE = "Merge a Copy"
FILTER = "Plans and district files (*.coherence *.json);;All files (*)"


class MergeController:
    def __init__(self, documents: DocumentController, window: QMainWindow) -> None:
        self.documents, self.window = documents, window

    def merge_copy(self, path: str | Path | None = None) -> bool:
        """Pick the other copy (unless `path`), show the merge, and apply it when the person
        says Merge; True when the plan was merged."""
        session, window = self.documents.session, self.window
        document = session.document
        if document is None:
            return False
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                window, "Merge a copy of this plan", self.documents.start_dir(), FILTER
            )
            if not chosen:
                return False
            path = chosen
        other = Path(path)
        if other.exists() and document.path.exists() and other.samefile(document.path):
            QMessageBox.information(window, TITLE, "That is this plan itself: choose a copy.")
            return False
        try:
            theirs = load_any(other)
        except KnownError as exc:
            self.documents.fail(exc, TITLE)
            return False
        merged = merge_plans(session.district, theirs)
        if not merged.taken and not merged.conflicts and not merged.renamed:
            QMessageBox.information(
                window, TITLE, f"“{other.name}” holds nothing this plan does not: nothing to merge."
            )
            return False
        dialog = MergeDialog(merged, document.path.name, other.name, window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            command = merge_command(
                session.district,
                merged,
                dialog.choices,
                at=now(),
                by=who(),
                text=f"Merge {other.name}",
            )
            session.push(command)
        except (MergeError, DistrictError) as exc:
            QMessageBox.warning(window, TITLE, f"“{other.name}” could not be merged: {exc}.")
            return False
        except KnownError as exc:
            self.documents.fail(exc, TITLE)
            return False
        theirs_count = sum(1 for t in merged.taken if t.side == "theirs")
        window.statusBar().showMessage(
            f"Merged “{other.name}”: {plural(theirs_count, 'change')} taken, "
            f"{plural(len(merged.conflicts), 'conflict')} settled. Undo takes it back.",
            15000,
        )
        return True
