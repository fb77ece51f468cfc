"""The File menu's own commands: new, open, recent, the sample, save as, save a copy, merge a
copy, district JSON in and out, close and quit. The work behind them is the document
controller's (and, for merging, documents/merging.py's)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from coherence_planner.ui import settings
from coherence_planner.ui.documents.controller import DocumentController
from coherence_planner.ui.shell.navigation import MakeAction

if TYPE_CHECKING:
    from coherence_planner.ui.documents.merging import MergeController


class FileActions:
    def __init__(
        self, window: QMainWindow, documents: DocumentController, action: MakeAction
    ) -> None:
        d = self.documents = documents
        K = QKeySequence.StandardKey
        self.new_action = action("&New Plan…", d.new_plan, K.New, "new", "Start a new, empty plan")
        self.open_action = action("&Open…", lambda: d.open_plan(), K.Open, "open", "Open a plan")
        self.recent_menu = QMenu("Open &Recent", window)
        self.sample_action = action(
            "Open the &Sample District",
            d.open_sample,
            None,
            "map",
            "Open a copy of the sample district Riverside Unified",
        )
        self.save_as_action = action(
            "Save &As…", d.save_as, K.SaveAs, None, "Continue working in a copy under a new name"
        )
        self.save_copy_action = action(
            "Save a &Copy…",
            d.save_copy,
            "Ctrl+Alt+S",
            "save-copy",
            "Write a copy of the plan; keep working in this one",
        )
        self.import_action = action(
            "&Import District JSON…",
            d.import_json,
            "Ctrl+I",
            "import",
            "Make a plan from a district JSON file",
        )
        self.export_action = action(
            "&Export District JSON…",
            d.export_json,
            "Ctrl+E",
            "export",
            "Write the plan as district JSON",
        )
        self._window = window
        self._merging: MergeController | None = None
        self.merge_action = action(
            "&Merge a Copy…",
            lambda: self.merging.merge_copy(),
            None,
            None,
            "Bring in a colleague's copy of this plan: their changes, and a choice where both "
            "changed the same thing",
        )
        self.close_action = action("&Close", d.close_plan, K.Close, None, "Close the plan")
        self.quit_action = action("&Quit", window.close, K.Quit, None, "Quit Coherence Planner")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.recent_listeners: list[Callable[[list[str]], None]] = []
        documents.recent_changed.connect(self.set_recent)
        documents.opening_changed.connect(self._opening)

    def _opening(self, name: str) -> None:
        """While a large plan is read (documents/opening.py) the status bar says so; the
        window makes the actions that need a plan wait (MainWindow._update_actions)."""
        bar = self._window.statusBar()
        if name:
            bar.showMessage(f"Opening “{name}”…")
        else:
            bar.clearMessage()

    @property
    def merging(self) -> MergeController:
        """Made when first used: merging brings the merge's domain and dialog, which no
        window needs to open (issue 29)."""
        if self._merging is None:
            from coherence_planner.ui.documents.merging import MergeController

            self._merging = MergeController(self.documents, self._window)
        return self._merging

    def needs_plan(self) -> list[QAction]:
        return [
            self.save_as_action,
            self.save_copy_action,
            self.merge_action,
            self.export_action,
            self.close_action,
        ]

    def set_recent(self, paths: list[str]) -> None:
        menu = self.recent_menu
        menu.clear()
        for path in paths:
            action = menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.documents.open_plan(p))
        if paths:
            menu.addSeparator()
            menu.addAction("Clear Menu", self._clear_recent)
        menu.setEnabled(bool(paths))
        for listener in self.recent_listeners:
            listener(paths)

    def _clear_recent(self) -> None:
        settings.clear_recent_files()
        self.set_recent([])
