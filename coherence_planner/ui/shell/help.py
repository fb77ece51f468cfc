"""Help: the guide, the keyboard shortcuts and About, each window made when first asked
for (help_windows.py), with the widget classes it needs (issue 29: not before the first
paint)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

import coherence_planner

if TYPE_CHECKING:
    from coherence_planner.ui.shell.help_windows import GuideWindow, ShortcutsWindow


class HelpWindows:
    """The guide and the shortcut sheet of one main window, made when first asked for."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.guide: GuideWindow | None = None
        self.sheet: ShortcutsWindow | None = None

    def show_guide(self) -> None:
        from coherence_planner.ui.shell.help_windows import GuideWindow, present

        if self.guide is None:
            self.guide = GuideWindow(self.window)
        present(self.guide)

    def show_shortcuts(self) -> None:
        from coherence_planner.ui.shell.help_windows import ShortcutsWindow, present

        if self.sheet is None:
            self.sheet = ShortcutsWindow(self.window)
        present(self.sheet)

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self.window,
            "About Coherence Planner",
            f"<h3>Coherence Planner {coherence_planner.__version__}</h3>"
            "<p>See which programs and policies serve a school district's student-learning "
            "goals, and decide what to stop doing.</p>"
            "<p>Every change is saved as you make it. Use Save a Copy to share a plan.</p>",
        )
